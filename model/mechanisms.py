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
            Washington choose), ``season`` (the fighting season's farming and weather year) or
            ``negotiation`` (the talks and cease-fires, docs/ODD.md 7.13), ``collapse`` (the
            garrisons' surrender deals, supply, pay and desertion, docs/ODD.md 7.9) or
            ``violence`` (the kinds of events, docs/ODD.md 7.7 and 7.22).
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
    Mechanism(
        "belief_learning",
        "The government and the Taliban's factions learn the weekly hazard that a garrison falls "
        "from the garrisons that fall and hold, with and without US air support, and with no "
        "withdrawal date how likely the US is to leave (docs/ODD.md 7.13)",
        "beliefs stay at their priors",
        "negotiation",
    ),
    Mechanism(
        "mutual_optimism",
        "Each believer has its own prior: hardliners expect garrisons to fall faster, the "
        "government trusts the ANDSF without US air as far as government_faith says",
        "every believer holds the pragmatists' prior (same data, so the same beliefs)",
        "negotiation",
    ),
    Mechanism(
        "commitment_problem",
        "The government must concede the largest discounted rise of the Taliban's war value it "
        "foresees (Powell 2006): a rising Taliban cannot commit to a deal",
        "no commitment gap: the range is Fearon's surplus alone",
        "negotiation",
    ),
    Mechanism(
        "ripeness",
        "Agenda items need both sides to hurt: the cost of a week of war above the ground it is "
        "expected to gain (Zartman's mutually hurting stalemate)",
        "ripeness is 1: items need only an open range",
        "negotiation",
    ),
    Mechanism(
        "agenda_retraction",
        "Spoiler attacks undo the last agenda item with the probability of the relative fall in "
        "trust; a Taliban break of a cease-fire undoes it for certain",
        "items once agreed stay agreed",
        "negotiation",
    ),
    Mechanism(
        "trust",
        "The government's trust that the Taliban keep deals falls with spoiler attacks, the more "
        "so the more it believes the leadership controls its fighters (Kydd and Walter 2002)",
        "trust stays at its prior",
        "negotiation",
    ),
    Mechanism(
        "spoiler_faction",
        "The hardliners' weight rises with the Taliban's battlefield gains and falls with their "
        "costs; arrests in the sanctuaries hit the more exposed hardliners",
        "the weight stays at hardliner_share and arrests do not distinguish factions",
        "negotiation",
    ),
    Mechanism(
        "holiday_truces",
        "A truce on the three days of each Eid has a legitimacy value for the Taliban",
        "no legitimacy value: a truce is chosen only for its military value",
        "negotiation",
    ),
    Mechanism(
        "private_signals",
        "The Taliban learn through the elders which garrisons are ready to surrender before they "
        "fall (half a fall each); the government sees only the falls, so beliefs diverge",
        "both sides learn from the same falls",
        "negotiation",
    ),
    Mechanism(
        "hardliner_veto",
        "The hardliners veto an open-ended or permanent cease-fire that is worth nothing to them, "
        "the likelier the more they weigh in the leadership (Cunningham 2006, veto players)",
        "the hardliners only weigh in the leadership's value of a cease-fire",
        "negotiation",
    ),
    Mechanism(
        "settlement_value",
        "Once item 6 is agreed the cease-fire is the settlement: each side values its share of "
        "the deal against fighting on, and the Taliban count the end of Pakistan's pressure",
        "a permanent cease-fire is valued like any week-long pause (battle costs only)",
        "negotiation",
    ),
    Mechanism(
        "surrender_deals",
        "Threatened district garrisons negotiate their surrender through elders, with a hazard "
        "that grows with isolation, empty stocks, unpaid salaries, lost morale, neighbours' "
        "surrenders and the amnesty's credibility, not gated by US air support",
        "garrisons fall only in battle",
        "collapse",
    ),
    Mechanism(
        "surrender_cascade",
        "A surrender raises the deal hazard of the garrisons around it, more in its province, "
        "for a few weeks (each collapse feeds the next)",
        "neighbours' surrenders do not matter",
        "collapse",
    ),
    Mechanism(
        "amnesty",
        "The credibility of the Taliban's amnesty is learned from the surrenders they honoured "
        "and the ones they broke",
        "the amnesty's credibility stays at its prior mean",
        "collapse",
    ),
    Mechanism(
        "contractor_logistics",
        "US contractors leave with the troops: the Afghan Air Force's readiness and ground "
        "logistics decline after them (SIGAR 2022)",
        "contractors stay: the Air Force and logistics keep their full strength",
        "collapse",
    ),
    Mechanism(
        "unpaid_salaries",
        "Pay reaches a garrison less often the more it is cut off, and arrears build up",
        "pay always arrives",
        "collapse",
    ),
    Mechanism(
        "customs_revenue",
        "The customs revenue lost with the border crossings the Taliban take makes pay arrive "
        "less often everywhere",
        "the crossings' customs do not matter for pay",
        "collapse",
    ),
    Mechanism(
        "elite_cascade",
        "Provincial power-brokers and the palace defect on thresholds of the districts, "
        "capitals and brokers lost and the US withdrawal's announcement; a defecting broker "
        "hands over his capital; the government falls when the palace goes (Granovetter 1978)",
        "no broker defects; the government falls when Kabul's garrison falls",
        "collapse",
    ),
    Mechanism(
        "bandwagon",
        "A broker sees at his capital at least the national picture (brokers and capitals "
        "lost): as the state goes he defects and hands over his city whether or not the "
        "Taliban are massed at its gates",
        "only the Taliban's local threat at his capital scales his defection and handover",
        "collapse",
    ),
    Mechanism(
        "standing_deals",
        "A defected broker's deal with the Taliban stands: every week he tries again to hand "
        "over his capital, when the campaign wants it and has the force at its gates "
        "(Reuters, 17 Aug 2021: relationships cultivated for months, cities fell like dominoes)",
        "a broker hands over his capital on the day he defects or never",
        "collapse",
    ),
    Mechanism(
        "consolidation",
        "Once it has lost a share of the districts it held, the government pulls threatened "
        "rural garrisons with an open road back into their provincial capitals, abandoning "
        "the district centres (Milley, 21 July 2021)",
        "every garrison holds its post until it falls",
        "collapse",
    ),
    Mechanism(
        "campaign_timing",
        "The Taliban hold their offensive on the district centres until the Doha deadline "
        "(1 May 2021) or the last US week, whichever comes first; before it, deal offers and "
        "the overrunning of beaten garrisons run at a tenth of the campaign's",
        "the offensive is open from week 1",
        "collapse",
    ),
    Mechanism(
        "capitals_last",
        "The Taliban's campaign against the provincial capitals waits for the US retrograde, "
        "and reaches a capital as far as they hold the rest of its province",
        "capitals are offered deals, stormed and handed over like rural districts",
        "collapse",
    ),
    Mechanism(
        "campaign_targets",
        "Fighting units are drawn to the government's district centres in reach, most to "
        "border crossings and poorly supplied garrisons, capitals as the campaign reaches them",
        "units climb only the government's weakness, popular support and the winter",
        "collapse",
    ),
    Mechanism(
        "campaign_pull",
        "Districts taken in the last four weeks raise the leadership's posture, the fatigue "
        "units bear before they break off, and the part-time fighters kept through the harvest",
        "no momentum: posture, fatigue and the harvest's call home as without the offensive",
        "collapse",
    ),
    Mechanism(
        "desertion",
        "Soldiers and police desert each week, more when unpaid, demoralised or cut off",
        "nobody deserts",
        "collapse",
    ),
    Mechanism(
        "complex_attacks",
        "Fighting groups stage complex and suicide attacks on bases and crowds, each group "
        "with the same chance and with deaths in proportion to its size, so that the "
        "severity of these attacks inherits the heavy tail of group sizes (Bohorquez et al. "
        "2009)",
        "no complex attacks",
        "violence",
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
