"""The model's switchable mechanisms: each can be turned off to measure what it carries.

Every mechanism of the pressure chain (US levers -> Pakistan's choice -> sanctuaries -> Taliban
units and leaders -> violence) is named here with what "off" means. A switch is the parameter
``mechanisms.<name>`` (``true`` by default), set like any other parameter (``--set
mechanisms.ttp_blowback=false``, or ``[parameters] "mechanisms.ttp_blowback" = false`` in a
scenario file); ``ceasefire ablate`` turns each off in turn. See ``docs/ODD.md`` for each
mechanism's equations and sources.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mechanism:
    """A switchable mechanism.

    Attributes:
        name: the switch's name (``mechanisms.<name>``).
        description: what the mechanism does.
        off: what happens when it is switched off.
        group: ``chain`` (how a fixed pressure reaches the war), ``decision`` (how Pakistan and
            Washington choose) or ``season`` (the fighting season's farming and weather year).
    """

    name: str
    description: str
    off: str
    group: str


MECHANISMS: tuple[Mechanism, ...] = (
    Mechanism(
        "sanctuary_recovery",
        "Fatigued units rotate to a sanctuary and recover there at a rate set by its capacity",
        "recovery in a sanctuary does not depend on its capacity (as at full capacity)",
        "chain",
    ),
    Mechanism(
        "border_interdiction",
        "Units crossing the Durand Line lose a share of what they carry (supplies seized, "
        "fighters detained) that grows with Pakistani pressure and the border fence",
        "crossings are never intercepted",
        "chain",
    ),
    Mechanism(
        "sanctuary_resupply",
        "Units in a sanctuary resupply at a rate set by its capacity",
        "resupply does not depend on capacity (as at full capacity)",
        "chain",
    ),
    Mechanism(
        "madrassa_pipeline",
        "Sanctuaries send recruits at a rate set by their capacity, with a pulse during the "
        "madrassas' recess around Ramadan",
        "sanctuary recruitment does not depend on capacity (as at full capacity)",
        "chain",
    ),
    Mechanism(
        "leadership_arrests",
        "Pakistani pressure leads to arrests and expulsions of commanders in the sanctuaries, "
        "which deplete the command capacity that offensives and complex attacks need",
        "no arrests: command capacity stays full",
        "chain",
    ),
    Mechanism(
        "us_credibility",
        "Pakistan's belief that Washington pays what it promises, and carries out its threats, "
        "is learned from Washington's reviews",
        "Pakistan takes every US promise and threat at face value (credibility 1)",
        "decision",
    ),
    Mechanism(
        "us_observation_noise",
        "Washington observes violence with noise and never sees Pakistan's pressure",
        "Washington observes violence exactly",
        "decision",
    ),
    Mechanism(
        "audience_cost",
        "Complying with a public designation threat costs Pakistan's government at home",
        "no audience cost (threats cannot backfire)",
        "decision",
    ),
    Mechanism(
        "miller_effect",
        "A US decision to stay raises the value to Pakistan of the Taliban as strategic depth",
        "the US schedule does not change Pakistan's valuation of strategic depth",
        "decision",
    ),
    Mechanism(
        "ttp_blowback",
        "The Pakistani Taliban (TTP) attack in Pakistan more when Islamabad squeezes the Afghan "
        "Taliban and when the Afghan Taliban win; Pakistan weighs those attacks",
        "no TTP attacks and no blowback cost in Pakistan's choice",
        "decision",
    ),
    Mechanism(
        "haven_foresight",
        "Pakistan expects its pressure to slow the Afghan Taliban's gains, and so the safe haven "
        "a winning Taliban would give the TTP: the trade-off of strategic depth against blowback",
        "Pakistan expects the Taliban to hold what they hold whatever it does",
        "decision",
    ),
    Mechanism(
        "designation",
        "Washington carries out a designation threat after reviews without results; a designated "
        "Pakistan has no rewards or designation left to win or avoid",
        "a threat is only ever restated, and its credibility wears off",
        "decision",
    ),
    Mechanism(
        "negotiation_pressure",
        "Pakistani pressure enters the talks directly: the squeeze on the sanctuaries adds to the "
        "Taliban's pain, and pressure pushes them to accept a cease-fire while US troops stay "
        "(version 1's negotiation, until it is rebuilt)",
        "pressure reaches the talks only through the war; while US troops stay the Taliban's "
        "condition for a cease-fire is then never met",
        "chain",
    ),
    Mechanism(
        "winter_passes",
        "Snow closes the passes above the snow line in winter: Taliban units cannot enter high "
        "ground, and the way to the sanctuaries goes round it or is cut",
        "high ground stays open all winter (units only avoid it in their fight field)",
        "season",
    ),
    Mechanism(
        "part_time_fighters",
        "Local part-time fighters go home for the opium harvest and the winter and come back "
        "rested afterwards (the farming year of the fighters, docs/ODD.md 7.17)",
        "every fighter stays with his unit all year",
        "season",
    ),
    Mechanism(
        "harvest_tax",
        "During the harvest Taliban units collect a tax on the crop where they control, which "
        "resupplies them for the summer (docs/ODD.md 7.17)",
        "no supply from the harvest",
        "season",
    ),
)

MECHANISM_NAMES: tuple[str, ...] = tuple(m.name for m in MECHANISMS)
PRESSURE_CHAIN: tuple[str, ...] = tuple(m.name for m in MECHANISMS if m.group == "chain")
"""The mechanisms through which a fixed Pakistani pressure can reach the war in Afghanistan:
with all of them off, pressure 1 and 0 give the same war (the null test)."""
SWITCH_PREFIX = "mechanisms."
"""Parameter names of the switches start with this."""


def switch_name(mechanism: str) -> str:
    """The parameter name of a mechanism's switch."""
    return SWITCH_PREFIX + mechanism
