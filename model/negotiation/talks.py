"""The weekly talks: what the sides choose, count, learn and agree (``docs/ODD.md`` 7.13).

Each week, before the fighting, the sides choose whether to pause (:mod:`.ceasefire_choice`);
after it they count the week's costs (:mod:`.bargaining`), learn from the garrisons that fell
and held (:mod:`.beliefs`), project the war, and from the projections compute the bargaining
range with its commitment problem and the sides' ripeness; the government updates its trust
(:mod:`.trust`), the hardliners' weight moves (:mod:`.spoilers`), and the next agenda item may
be agreed or the last one retracted (:mod:`.agenda`). After a takeover the talks are frozen.

This module holds the weekly orchestration, what it reads from the model, and the record of
pauses (:class:`Ceasefire`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.model.negotiation.agenda import (
    PERMANENT_CEASEFIRE,
    REDUCTION_OF_VIOLENCE,
    Agenda,
    retraction_probability,
)
from ceasefire.model.negotiation.bargaining import (
    CIVILIAN_WEIGHT,
    Range,
    WarCosts,
    bargaining_range,
    commitment_gap,
    government_hurt,
    ripeness,
    taliban_hurt,
    war_cost,
)
from ceasefire.model.negotiation.beliefs import (
    US_EXIT_BELIEF_G,
    Believer,
    FallDispersion,
    Projection,
    exit_hazard,
    expected_air,
    hazard_path,
    prior_believers,
    project,
    value_sd,
)
from ceasefire.model.negotiation.ceasefire_choice import (
    REGROUP,
    WEEK_DAYS,
    Ceasefire,
    Side,
    accepts,
    eid_days,
    next_shock,
    riv_compliance,
    settlement_sides,
    vetoed,
)
from ceasefire.model.negotiation.spoilers import (
    adjust_weight,
    hardliner_weight,
    spoiler_rate,
    standing,
)
from ceasefire.model.negotiation.trust import (
    BREAK_LIKELIHOOD,
    CONTROL_PRIOR,
    TRUST_PRIOR,
    leadership_control,
    observed_control,
    restrained_rate,
    update_trust,
)

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel
    from ceasefire.model.events import WeekTally

__all__ = ["HELD_WEEKS", "Ceasefire", "Negotiation"]

HELD_WEEKS = 26
"""A cease-fire that lasts at least this many weeks counts as held (a cease-fire still in force
at the end of a run counts only if it has already lasted that long)."""
WITHIN_WEEKS = 52
"""Window of the ``ceasefire_within_52`` summary."""
CONTROL_WINDOW = 4
"""Weeks before a pause against which its fall in violence is measured."""
EXPECTED_END_SHARE = 0.75
"""The Taliban-controlled population share at which both sides expect the government to fall,
in their projections of the war (their reading of it, not the model's rule: the model's
government falls when its power-brokers and the palace give up, 7.20; range 0.6-0.9)."""
SIGNAL_WEIGHT = 0.5
"""Share of an expected surrender that the Taliban count as a fall in their update (a broker's
word is less certain than a fall; assumption, range 0.25-1)."""


def garrison_weights(model: CeasefireModel) -> dict[AfghanForce, float]:
    """Each held garrison (not mobile units) with weight 1: one district each.

    The one place the talks read which garrisons the government holds; the beliefs' evidence
    is then counted in districts, the unit of the Long War Journal's tallies.
    """
    return {
        f: 1.0
        for f in model.agents_by_type.get(AfghanForce, [])
        if f.post != Post.MOBILE and f.cell is not None
    }


def garrison_falls(held: dict[AfghanForce, float]) -> tuple[float, float]:
    """District-equivalents at risk and lost since the last call; forgets the lost ones."""
    at_risk = float(sum(held.values()))
    lost = [g for g in held if g.cell is None]
    fallen = float(sum(held.pop(g) for g in lost))
    return at_risk, fallen


@dataclass(frozen=True)
class Assessment:
    """What the talks computed at the end of a week.

    Attributes:
        taliban: the leadership's projection (factions weighted by the hardliners' weight).
        government: the government's projection.
        pragmatists: the pragmatists' projection.
        hardliners: the hardliners' projection.
        kappa: the Taliban's and the government's costs of war in stake units.
        range: the bargaining range.
        ripeness: mutual ripeness.
        taliban_side: the Taliban's view of a pause.
        government_side: the government's view of a pause.
        hardliner_side: the hardliners' own view of a pause (their projection alone).
        fall_beliefs: the leadership's and the government's mean fall hazard (regime in force).
    """

    taliban: Projection
    government: Projection
    pragmatists: Projection
    hardliners: Projection
    kappa: tuple[float, float]
    range: Range
    ripeness: float
    taliban_side: Side
    government_side: Side
    hardliner_side: Side
    fall_beliefs: tuple[float, float]


class Negotiation:
    """The talks, the sides' beliefs, trust, the hardliners' weight and the pauses.

    Attributes:
        agenda: the items agreed.
        believers: the government's, pragmatists' and hardliners' beliefs.
        dispersion: the design effect of the garrison falls with and without US air support.
        costs: the sides' weekly costs over the weeks of fighting.
        trust: the government's trust in the Taliban leadership, 0 to 1.
        control: its belief that the leadership controls its fighters, 0 to 1.
        hardliner_weight: the hardliners' weight in the leadership, 0 to 1.
        episodes: every pause that began (truces, the RIV, cease-fires), in order.
        truce_days: days of a pause in force this week, 0 to 7.
        pause_kind: the kind of pause in force this week (empty: none).
        expected_spoilers: the spoiler attacks the government expects this week (``mu_S``).
        keeps_deals: the leadership's latent type, drawn once per run (the government does
            not see it).
        assessment: the last week's assessment.
    """

    def __init__(self, model: CeasefireModel) -> None:
        self.model = model
        params = model.params
        optimism = params["mechanisms.mutual_optimism"]
        self.believers: dict[str, Believer] = prior_believers(
            params["hardliner_optimism"] if optimism else 0.0,
            params["government_faith"] if optimism else 0.0,
        )
        self.garrisons = garrison_weights(model)
        self.dispersion = {True: FallDispersion(), False: FallDispersion()}
        self.costs = WarCosts()
        self.agenda = Agenda(params["initial_items"])
        self.trust = TRUST_PRIOR
        self.keeps_deals = bool(model.streams.negotiation.random() < TRUST_PRIOR)
        self.control = CONTROL_PRIOR
        self.hardliner_weight = float(params["hardliner_share"])
        self.first_standing: float | None = None
        self.episodes: list[Ceasefire] = []
        self.shocks = np.zeros(3)  # the Taliban's, the government's, the shura's (veto)
        self.truce_days = 0
        self.pause_kind = ""
        self.expected_spoilers = 0.0
        self.riv_due = False
        self.assessment = self._assess()

    # ------------------------------------------------------------------ state
    @property
    def progress(self) -> float:
        """Share of the agenda agreed, 0 to 1."""
        return self.agenda.progress

    @property
    def current(self) -> Ceasefire | None:
        """The open-ended or permanent cease-fire in force, if any."""
        last = self.episodes[-1] if self.episodes else None
        return last if last is not None and last.open_ended and last.end is None else None

    @property
    def in_ceasefire(self) -> bool:
        """Whether an open-ended or permanent cease-fire is in force."""
        return self.current is not None

    @property
    def pause_share(self) -> float:
        """Share of this week under a pause, 0 to 1."""
        return self.truce_days / WEEK_DAYS

    @property
    def restraint(self) -> float:
        """Share of this week's fighting (ground attacks, IEDs) that the pause stops, 0 to 1.

        A truce or cease-fire both sides chose stops all of it on its days (the hardliners'
        violations are the spoiler attacks, which go on); the reduction in violence that the
        leadership orders stops ``K (1 - w_H (1 - CONTROL_H))`` of it.
        """
        if self.pause_kind != "riv":
            return self.pause_share
        command = self.model.leadership.command_capacity
        return self.pause_share * riv_compliance(command, self.hardliner_weight)

    def first_ceasefire(self) -> Ceasefire | None:
        """The first open-ended or permanent cease-fire, or ``None``."""
        return next((e for e in self.episodes if e.open_ended), None)

    def first_ceasefire_week(self) -> int | None:
        """Week in which the first open-ended or permanent cease-fire began, or ``None``."""
        first = self.first_ceasefire()
        return first.start if first else None

    def held(self, final_week: int) -> bool:
        """Whether some cease-fire lasted at least ``HELD_WEEKS`` weeks by ``final_week``."""
        return any(e.weeks(final_week) >= HELD_WEEKS for e in self.episodes if e.open_ended)

    def ceasefire_within(self, weeks: int = WITHIN_WEEKS) -> bool:
        """Whether a cease-fire began in weeks 1 to ``weeks``."""
        first = self.first_ceasefire_week()
        return first is not None and first <= weeks

    # ------------------------------------------------------------------ before the fighting
    def decide_pause(self, week: int) -> None:
        """The sides choose whether to pause this week (before the fighting).

        Three standard normal draws a week, whether or not a choice is reached.
        """
        draws = self.model.streams.negotiation.standard_normal(3)
        self.shocks = np.array([next_shock(s, d) for s, d in zip(self.shocks, draws, strict=True)])
        self.truce_days, self.pause_kind = 0, ""
        if self.model.takeover:
            return
        eid = eid_days(self.model.date) if self.model.params["mechanisms.holiday_truces"] else 0
        current = self.current
        if current is not None:
            self._review(current, week)
        elif self.riv_due:
            self.riv_due = False
            self._pause(Ceasefire(week, "riv", week + 1, "expiry"), WEEK_DAYS)
        elif all(self._ceasefire_accepted()):  # Eid's value enters only the truce choice
            kind = "permanent" if self.agenda.agreed >= PERMANENT_CEASEFIRE else "ceasefire"
            self._pause(Ceasefire(week, kind), WEEK_DAYS)
        elif eid and self._both_accept(eid, self.model.params["eid_truce_value"]):
            self._truce(week, eid)

    def _both_accept(self, days: int, psi: float) -> bool:
        a = self.assessment
        taliban = accepts(a.taliban_side, days, psi, self.shocks[0])
        return taliban and accepts(a.government_side, days, psi, self.shocks[1])

    def _ceasefire_sides(self) -> tuple[Side, Side, float]:
        """The sides' views of an open-ended or permanent cease-fire and the hardliners' value.

        While item 6 is agreed (switch ``settlement_value``) the cease-fire is the settlement:
        each side values the deal against its war value, Pakistan's pressure included
        (:func:`.settlement_sides`); the hardliners value it against their own war value.
        """
        a = self.assessment
        permanent = self.agenda.agreed >= PERMANENT_CEASEFIRE
        if not (permanent and self.model.params["mechanisms.settlement_value"]):
            return a.taliban_side, a.government_side, a.hardliner_side.hurt
        taliban, government = settlement_sides(a.range, a.taliban_side.sd, a.government_side.sd)
        x, kappa_t = self.share, a.kappa[0]
        # W_T - W_H, the leadership's war value above the hardliners'
        above = taliban_hurt(a.hardliners, x, kappa_t) - taliban_hurt(a.taliban, x, kappa_t)
        return taliban, government, taliban.hurt + above

    def _ceasefire_accepted(self) -> tuple[bool, bool]:
        """Whether the Taliban leadership and the government accept the cease-fire this week.

        With the switch ``hardliner_veto`` the leadership accepts only if the hardliners do not
        veto it (:func:`.vetoed`).
        """
        taliban, government, hardliners = self._ceasefire_sides()
        leadership = accepts(taliban, WEEK_DAYS, 0.0, self.shocks[0])
        if self.model.params["mechanisms.hardliner_veto"]:
            params = self.model.params
            line, spread = params["hardliner_veto_weight"], params["hardliner_veto_spread"]
            leadership = leadership and not vetoed(
                hardliners, self.hardliner_weight, line, spread, self.shocks[2]
            )
        return leadership, accepts(government, WEEK_DAYS, 0.0, self.shocks[1])

    def _pause(self, episode: Ceasefire, days: int) -> None:
        self.episodes.append(episode)
        self.truce_days, self.pause_kind = days, episode.pause

    def _truce(self, week: int, days: int) -> None:
        """A truce on Eid's days; an Eid that spans two weeks continues the same truce."""
        last = self.episodes[-1] if self.episodes else None
        if last is not None and last.pause == "truce" and last.end == week:
            last.end = week + 1
            self.truce_days, self.pause_kind = days, "truce"
        else:
            self._pause(Ceasefire(week, "truce", week + 1, "expiry"), days)

    def _review(self, current: Ceasefire, week: int) -> None:
        """Each side re-evaluates the cease-fire in force (no Eid value); either may break it."""
        taliban, government = self._ceasefire_accepted()
        if taliban and government:
            self.truce_days, self.pause_kind = WEEK_DAYS, current.pause
            return
        current.end, current.ended_by = week, "government" if taliban else "taliban"
        if not taliban:  # a broken commitment
            if self.model.params["mechanisms.trust"]:
                self.trust *= BREAK_LIKELIHOOD
            if self.model.params["mechanisms.agenda_retraction"]:
                self.agenda.retract()

    # ------------------------------------------------------------------ the fighting
    def spoiler_rate(self) -> float:
        """The true spoiler rate this week; records ``mu_S`` for the government's trust update.

        With ``trust`` off the leadership's type does not restrain the spoilers.
        """
        leadership = self.model.leadership
        if self.model.params["mechanisms.spoiler_faction"]:
            capacity = leadership.hardliner_capacity
        else:
            capacity = leadership.command_capacity
        self.expected_spoilers = spoiler_rate(self.hardliner_weight, capacity, self.progress)
        if not self.model.params["mechanisms.trust"]:
            return self.expected_spoilers
        control = leadership_control(self.hardliner_weight)
        return restrained_rate(self.expected_spoilers, self.keeps_deals, control)

    # ------------------------------------------------------------------ after the fighting
    def update(self, tally: WeekTally) -> None:
        """Count the week, learn, reassess, and agree or retract (frozen after a takeover).

        Two uniform draws a week (agreement and retraction), whether or not they are used.
        """
        model = self.model
        if model.takeover:
            current = self.current  # a property: None once its end is set
            if current is not None:
                current.end, current.ended_by = model.steps, "takeover"
            return
        params = model.params
        self.agenda.start_week()
        agree_draw, retract_draw = model.streams.negotiation.random(2)
        if self.truce_days < WEEK_DAYS:  # a week-long pause shows neither costs nor falls
            self.costs.update(*self._weekly_costs(tally))
            if params["mechanisms.belief_learning"]:
                self._learn()
        else:
            garrison_falls(self.garrisons)  # forget garrisons lost during the pause
        if params["mechanisms.trust"]:
            before = self.trust
            self.trust = update_trust(
                before, tally.spoiler_attacks, self.expected_spoilers, self.control
            )
            if params["mechanisms.agenda_retraction"] and retract_draw < retraction_probability(
                before, self.trust
            ):
                self.agenda.retract()
            self._observe_control(tally)
        self.assessment = self._assess()
        self._update_weight()
        hazard = self.agenda.hazard(self.assessment.ripeness, self.assessment.range.openness,
                                    self.trust)  # fmt: skip
        if self.agenda.advance(hazard, agree_draw) and self.agenda.agreed == REDUCTION_OF_VIOLENCE:
            self.riv_due = True

    def _update_weight(self) -> None:
        """Move the hardliners' weight towards its target (ODD 7.13.8)."""
        params = self.model.params
        share = float(params["hardliner_share"])
        if not params["mechanisms.spoiler_faction"]:
            self.hardliner_weight = share
            return
        a, kappa_t = self.assessment, self.assessment.kappa[0]
        gain = a.pragmatists.value - self.share
        sigma = standing(gain, a.pragmatists.war_share * kappa_t)
        if self.first_standing is None:
            # the reference counts the battle costs only: Pakistan's pressure, from whatever week,
            # lowers the standing (with it in the reference, week 1's arrests set the baseline)
            kappa_battle = war_cost(self.costs.taliban_battle, params["taliban_war_price"])
            self.first_standing = standing(gain, a.pragmatists.war_share * kappa_battle)
        leadership = self.model.leadership
        commanders, start = leadership.faction_commanders, leadership.faction_start
        target = hardliner_weight(share, commanders, start, sigma, self.first_standing)
        self.hardliner_weight = adjust_weight(self.hardliner_weight, target)

    @property
    def share(self) -> float:
        """The Taliban-controlled population share the talks read."""
        return self.model.taliban_control_share()

    def _weekly_costs(self, tally: WeekTally) -> tuple[float, float, float]:
        """This week's battle and pressure costs of the Taliban and the government's (7.13.3)."""
        model = self.model
        rate = model.params["recruitment_rate"]
        forgone = sum(s.recruits_forgone(rate) for s in model.sanctuaries)
        force = max(model.params["taliban_fighters"], 1)
        pressure = (
            model.fighters_detained
            + forgone
            + model.params["commander_value"] * model.leadership.arrested
        ) / force
        government = (
            tally.andsf_deaths
            + tally.andsf_surrendered
            + CIVILIAN_WEIGHT * tally.civilian_casualties
        ) / max(model.initial_andsf, 1.0)
        return float(tally.taliban_deaths / force), float(pressure), float(government)

    def _air_now(self) -> bool:
        full = self.model.params["us_air_support"]
        return full > 0.0 and self.model.us.air_support / full > 0.5

    def _learn(self) -> None:
        signalled = self._signalled_falls()
        at_risk, lost = garrison_falls(self.garrisons)
        if at_risk <= 0.0:
            return
        air = self._air_now()
        self.dispersion[air].add(at_risk, lost)
        for name, believer in self.believers.items():
            seen = lost if name == "government" else min(at_risk, lost + signalled)
            believer.regime(air).update(at_risk, seen)

    def _signalled_falls(self) -> float:
        """The Taliban's private signal (switch ``private_signals``, design 4.4).

        Elders broker surrenders before the attacks, so the Taliban factions know how ready each
        held garrison is to give up: its chance of a deal this week (:mod:`.surrender`), times
        its weight, is the expected surrenders, of which ``SIGNAL_WEIGHT`` counts as falls (in
        district-equivalents) before they happen. The government sees only the falls.
        """
        if not self.model.params["mechanisms.private_signals"]:
            return 0.0
        hazard = self.model.garrisons.hazard
        expected = sum(
            w * -np.expm1(-hazard.get(g, 0.0)) for g, w in self.garrisons.items() if g.cell
        )
        return SIGNAL_WEIGHT * float(expected)

    def _observe_control(self, tally: WeekTally) -> None:
        """After a week-long pause ordered or agreed, control is the fall of violence it showed."""
        last = self.episodes[-1] if self.episodes else None
        if self.truce_days < WEEK_DAYS or last is None or last.start != self.model.steps:
            return
        before = list(self.model.datacollector.model_vars.get("fatalities", []))[-CONTROL_WINDOW:]
        seen = observed_control(tally.fatalities, before)
        if seen is not None:
            self.control = seen

    def _expected_air(self, prior: float) -> np.ndarray:
        model = self.model
        learning = model.params["mechanisms.belief_learning"]
        return expected_air(model.us.air_schedule(), exit_hazard(prior, model.steps, learning))

    def _assess(self) -> Assessment:
        """Project the war for every believer; the range, ripeness and the sides' pause values."""
        params = self.model.params
        x, end = self.share, EXPECTED_END_SHARE
        w = self.hardliner_weight
        pragmatists, hardliners = self.believers["pragmatists"], self.believers["hardliners"]
        government = self.believers["government"]
        means_t = tuple(
            (1 - w) * p + w * h for p, h in zip(pragmatists.means, hardliners.means, strict=True)
        )
        effects = (self.dispersion[True].effect, self.dispersion[False].effect)
        sds_t = tuple(
            (1 - w) * p + w * h
            for p, h in zip(pragmatists.sds(effects), hardliners.sds(effects), strict=True)
        )
        air_t = self._expected_air(params["taliban_us_exit_belief"])
        air_g = self._expected_air(US_EXIT_BELIEF_G)
        taliban = project(x, hazard_path(means_t, air_t), end)
        gov = project(x, hazard_path(government.means, air_g), end)
        prag = project(x, hazard_path(pragmatists.means, air_t), end)
        hard = project(x, hazard_path(hardliners.means, air_t), end)
        sd_t = value_sd(x, means_t, sds_t, air_t, end)
        sd_g = value_sd(x, government.means, government.sds(effects), air_g, end)
        kappa_t = war_cost(self.costs.taliban, params["taliban_war_price"])
        kappa_g = war_cost(self.costs.government, params["government_war_price"])
        # a pause spares the battle costs only (Pakistan's relief, design 11, is not built: 0)
        kappa_battle = war_cost(self.costs.taliban_battle, params["taliban_war_price"])
        gap = commitment_gap(gov, kappa_t) if params["mechanisms.commitment_problem"] else 0.0
        range_ = bargaining_range(taliban, gov, kappa_t, kappa_g, float(np.hypot(sd_t, sd_g)), gap)
        hurt_t, hurt_g = taliban_hurt(taliban, x, kappa_t), government_hurt(gov, x, kappa_g)
        ripe = ripeness(hurt_t, sd_t, hurt_g, sd_g) if params["mechanisms.ripeness"] else 1.0
        factions_gain = (1 - w) * (prag.value - x) + w * (hard.value - x)
        air = self._air_now()
        return Assessment(
            taliban=taliban,
            government=gov,
            pragmatists=prag,
            hardliners=hard,
            kappa=(kappa_t, kappa_g),
            range=range_,
            ripeness=ripe,
            taliban_side=Side(taliban.war_share * kappa_battle - factions_gain, sd_t),
            government_side=Side(hurt_g - (1.0 - self.trust) * REGROUP, sd_g),
            hardliner_side=Side(taliban_hurt(hard, x, kappa_battle), sd_t),
            fall_beliefs=(means_t[0 if air else 1], government.means[0 if air else 1]),
        )
