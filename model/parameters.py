"""Parameters of the Ceasefire model: one source of truth for names, ranges, defaults and units.

Every parameter a user can set (on the command line, in a scenario file, from the dashboard) is
declared once in :data:`PARAMETERS`. Validation, the command-line help, the ODD parameter table
and ``run.json`` all read from here.

Levers (``lever=True``) may change while a model runs (policy timeline, live sliders); the other
parameters shape the initial state and need a reset.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ceasefire.model.kinds import (
    AUTO,
    KINDS,
    SWITCH_WORDS,
    Kind,
    Widget,
    parse_decimal,
    parse_integer,
)
from ceasefire.model.mechanisms import MECHANISMS, switch_name
from ceasefire.model.parameter_texts import PLAIN, SOURCES

__all__ = [
    "AUTO",
    "DEFAULTS",
    "GROUPS",
    "LEVERS",
    "PARAMETERS",
    "PARAMETERS_BY_NAME",
    "SEED_BITS",
    "SWITCH_WORDS",
    "Kind",
    "Parameter",
    "ParameterError",
    "lookup",
    "parse_assignment",
    "parse_assignments",
    "parse_decimal",
    "parse_integer",
    "parse_seed",
    "resolve",
    "seed_from",
    "validate",
]

SEED_BITS = 53
"""Seeds stay below 2**53 so that every CSV reader (R, Stata, JavaScript) holds them exactly."""


def parse_seed(text: str) -> int:
    """Parse a seed typed by a user: an integer in ``[0, 2**53)``, in ASCII digits.

    Raises:
        ValueError: with a one-line message saying what is wrong.
    """
    value = parse_integer(text)
    if not 0 <= value < 2**SEED_BITS:
        raise ValueError(f"must be between 0 and 2**53 - 1, got {value}")
    return value


def seed_from(sequence: np.random.SeedSequence) -> int:
    """An integer seed in ``[0, 2**SEED_BITS)`` drawn from ``sequence``."""
    return int(sequence.generate_state(1, np.uint64)[0] >> np.uint64(64 - SEED_BITS))


class ParameterError(ValueError):
    """A parameter name or value that the model does not accept."""


@dataclass(frozen=True)
class Parameter:
    """Declaration of one model parameter.

    Attributes:
        name: snake_case name used everywhere (CLI, scenario files, CSV columns).
        default: default value.
        kind: ``"float"``, ``"int"``, ``"choice"``, ``"week"`` (int or ``None`` = never),
            ``"pressure"`` (``"auto"`` or a float in [0, 1]) or ``"switch"`` (a mechanism on or
            off, :mod:`ceasefire.model.mechanisms`); held as its
            :class:`~ceasefire.model.kinds.Kind`, which owns parsing, CSV columns, design
            levels and the dashboard control.
        low: smallest allowed value (numeric kinds).
        high: largest allowed value (numeric kinds).
        unit: unit of measurement.
        lever: whether the value may change while the model runs.
        description: what the parameter means.
        choices: allowed values for ``kind="choice"``.
        label: plain-language name for analysts (dashboard, help); the name if empty.
        help: one line saying what the parameter does, in the article's words.
        group: the group it is shown in (see :data:`GROUPS`).
        low_means: what the lowest value means (e.g. "no support"), if it has a meaning.
        high_means: what the highest value means (e.g. "full support").
        source: where the default and range come from (a source, or why they were assumed);
            the "source or rationale" column of the ODD's parameter table.
    """

    name: str
    default: Any
    kind: Kind
    low: float | None = None
    high: float | None = None
    unit: str = "1"
    lever: bool = False
    description: str = ""
    choices: tuple[str, ...] = ()
    label: str = ""
    help: str = ""
    group: str = ""
    low_means: str = ""
    high_means: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        kind = KINDS.get(self.kind)
        if kind is None:
            raise ValueError(f"parameter '{self.name}': unknown kind {self.kind!r}")
        object.__setattr__(self, "kind", kind)

    @property
    def title(self) -> str:
        """The plain label, or the name when there is none."""
        return self.label or self.name

    def scale(self) -> str:
        """What the ends of the range mean, e.g. ``0 = no support, 1 = full support``."""
        ends = [(self.low, self.low_means), (self.high, self.high_means)]
        return ", ".join(f"{value:g} = {means}" for value, means in ends if means)

    def explain(self) -> str:
        """One paragraph for a tooltip or help: what it does, the scale, the unit and default.

        Units without a dimension ("1", "-") are left out.
        """
        parts = [self.help or self.description]
        if self.scale():
            parts.append(self.scale())
        if self.unit not in ("1", "-", ""):
            parts.append(f"in {self.unit}")
        parts.append(f"allowed: {self.allowed()}")
        default = "none (US troops stay)" if self.default is None else f"{self.default}"
        parts.append(f"default {default}")
        return "; ".join(parts) + "."

    def allowed(self) -> str:
        """Describe the allowed values in words, for error messages and help."""
        return self.kind.allowed(self)

    def coerce(self, value: Any) -> Any:
        """Convert ``value`` (possibly a string from the command line) and check its range.

        Args:
            value: the raw value.

        Returns:
            The value in the parameter's canonical type.

        Raises:
            ParameterError: when the value has the wrong type or lies outside the range.
        """
        return self.kind.parse(self, value)

    @property
    def column(self) -> str:
        """The parameter's CSV column (``pakistan_pressure_set``, ``mech_<name>``)."""
        return self.kind.column(self.name)

    def csv_value(self, value: Any) -> Any:
        """A canonical value as written to CSV: empty (``None``) for ``auto`` and ``none``."""
        return self.kind.csv_value(value)

    def grid_level(self, x: float, low: float, high: float) -> Any:
        """Level ``x`` of an evenly spaced grid over ``low..high``, as a canonical value."""
        return self.kind.grid_level(self, x, low, high)

    def sample_level(self, x: float) -> Any:
        """A value drawn by a sampling design within the range, as a canonical value."""
        return self.kind.sample_level(self, x)

    @property
    def widget(self) -> Widget:
        """The dashboard control that sets the parameter."""
        return self.kind.widget(self)

    def refusal(self, value: Any) -> ParameterError:
        """The error for a value the parameter does not allow, naming what is allowed."""
        return ParameterError(
            f"parameter '{self.name}': {value!r} is not allowed; use {self.allowed()}"
        )


def _lever(name, default, description, unit="1", low=0.0, high=1.0, kind="float"):
    return Parameter(name, default, kind, low, high, unit, True, description)


def _setting(name, default, description, unit="1", low=0.0, high=1.0, kind="float"):
    return Parameter(name, default, kind, low, high, unit, False, description)


PARAMETERS: tuple[Parameter, ...] = (
    # --- US levers on Pakistan and the external pressure level (Weinstein 2021) -------------
    _lever(
        "fatf_offer", 0.0, "US support for Pakistan's exit from the FATF grey list (0 none, 1 full)"
    ),
    _lever(
        "india_restraint",
        0.3,
        "US keeps India at arm's length in Afghanistan (1 = firm assurances)",
    ),
    _lever("sst_threat", 0.0, "Threat of a state-sponsor-of-terrorism designation (1 = maximal)"),
    _lever("csf_release", 0.0, "Coalition Support Fund money released to Pakistan (1 = all)"),
    _lever("conditionality", 0.5, "Share of US rewards tied to results (1 = all, 0 = no strings)"),
    _lever(
        "withdrawal_week",
        28,
        "Last week with US troops in Afghanistan (none = they stay)",
        unit="week",
        low=0,
        high=1000,
        kind="week",
    ),
    _lever("blowback_fear", 0.6, "Pakistan's fear of TTP blowback from cracking down"),
    _lever("establishment_sympathy", 0.5, "Sympathy for the Taliban in Pakistan's establishment"),
    _lever("hardliner_share", 0.6, "Weight of hardliners (Haibatullah, military commission)"),
    Parameter(
        "pakistan_pressure",
        AUTO,
        "pressure",
        0.0,
        1.0,
        "1",
        True,
        "Pakistani pressure on the sanctuaries: 'auto' = chosen by the Pakistan actor, or fixed",
    ),
    # --- Reset-only settings ---------------------------------------------------------------
    Parameter(
        "map",
        "fine",
        "choice",
        unit="-",
        choices=("fine", "coarse"),
        description="Map resolution: fine = 0.125 deg (default), coarse = 0.25 deg (fast)",
    ),
    _setting(
        "taliban_fighters",
        60000,
        "Initial Taliban fighters in Afghanistan and the sanctuaries",
        unit="fighters",
        low=1000,
        high=200000,
        kind="int",
    ),
    _setting(
        "andsf_personnel",
        180000,
        "Initial effective ANDSF personnel (not the payroll figure)",
        unit="personnel",
        low=10000,
        high=400000,
        kind="int",
    ),
    _setting(
        "us_air_support",
        1.0,
        "Combat multiplier of US air support while troops stay",
        low=0.0,
        high=3.0,
    ),
    _setting(
        "initial_items",
        1,
        "Agenda items agreed at the start (Feb 2021), of six in the Doha order",
        unit="items",
        low=0,
        high=6,
        kind="int",
    ),
    _setting(
        "government_faith",
        0.8,
        "How far the Afghan government believes the ANDSF would hold without US air support "
        "as they do with it (its prior about the war after the withdrawal)",
    ),
    _setting(
        "taliban_war_price",
        3.0,
        "Share of their own force the Taliban would give up to hold the whole country: the "
        "exchange rate of their losses against territory",
        unit="force shares",
        low=1.0,
        high=10.0,
    ),
    _setting(
        "government_war_price",
        0.5,
        "Share of its own force the Afghan government would give up to hold the country: the "
        "exchange rate of its losses against territory (PRICE_G)",
        unit="force shares",
        low=0.2,
        high=2.0,
    ),
    _setting(
        "commander_value",
        100.0,
        "Fighters an arrested senior Taliban commander is worth to the Taliban in their costs "
        "of war",
        unit="fighters / commander",
        low=20.0,
        high=500.0,
    ),
    _setting(
        "hardliner_optimism",
        1.0,
        "Relative rise of the hardliners' prior fall hazards over the pragmatists' (1: they "
        "expect garrisons to fall twice as fast)",
        low=0.0,
        high=2.0,
    ),
    _setting(
        "hardliner_exposure",
        0.8,
        "Share of hardliner commanders living in Pakistan's sanctuaries, exposed to arrest "
        "(Quetta, Miranshah; the pragmatists' share is 0.3)",
        low=0.1,
        high=1.0,
    ),
    _setting(
        "hardliner_veto_weight",
        0.5,
        "The hardliners' weight in the leadership at which they veto a cease-fire worth nothing "
        "to them half the time (a majority; the veto grows likelier with the weight)",
        low=0.3,
        high=0.7,
    ),
    _setting(
        "hardliner_veto_spread",
        0.1,
        "Standard deviation of the hardliners' unseen pull in the shura beyond their weight "
        "(who attends, the emir's lean, the Haqqanis' swing), in weight units: how gradual "
        "the veto is around its line",
        low=0.05,
        high=0.2,
    ),
    _setting(
        "taliban_us_exit_belief",
        0.5,
        "The Taliban's prior mean hazard that US troops leave, per year, while no withdrawal "
        "date is set",
        unit="1/year",
        low=0.1,
        high=1.0,
    ),
    _setting(
        "eid_truce_value",
        0.005,
        "Legitimacy value of an Eid truce to each side, per truce-week (PSI_EID)",
        unit="stake units / truce-week",
        low=0.001,
        high=0.02,
    ),
    _setting(
        "pakistan_belief_effect",
        0.1,
        "Share by which Pakistan believes full pressure would lower violence in Afghanistan "
        "('Pakistan in itself can't get a ceasefire')",
    ),
    _setting(
        "surrender_deal_rate",
        0.02,
        "Weekly hazard that a garrison negotiates its surrender when threatened, at its "
        "initial morale and full supply and pay, with no isolation, no neighbours' surrenders "
        "and a fully credible amnesty (tuned, with the consolidation's constants, to the "
        "district tallies of May-July 2021)",
        unit="1/week",
        low=0.005,
        high=0.1,
    ),
    _setting(
        "bandwagon_weight",
        1.0,
        "Weight of the national picture (brokers gone, capitals lost) in the threat a "
        "power-broker sees at his capital with the bandwagon on (1 = as much as the Taliban's "
        "local threat; 0 = the bandwagon off)",
        unit="-",
        low=0.0,
        high=2.0,
    ),
    _setting(
        "fragmentation_prob",
        0.3,
        "Probability that a Taliban unit disperses into sections after it attacks a garrison "
        "(Bohorquez et al. 2009; 0 = units never disperse)",
        unit="1/attack",
    ),
    _setting(
        "coalescence_rate",
        0.3,
        "Weekly rate at which a fighting unit of 100 fighters joins another unit in its cell, "
        "proportional to its size (Bohorquez et al. 2009; 0 = units never merge)",
        unit="1/week",
        low=0.0,
        high=2.0,
    ),
    _setting(
        "lethality",
        1.0,
        "Scale of deaths per engagement (calibration constant)",
        low=0.05,
        high=5.0,
    ),
    _setting(
        "recruitment_rate",
        1.0,
        "Scale of weekly Taliban recruitment (local and sanctuary)",
        low=0.0,
        high=5.0,
    ),
    _setting(
        "seasonality",
        0.7,
        "Amplitude of the fighting season (0 = none)",
        low=0.0,
        high=0.9,
    ),
    # --- Mechanism switches (ceasefire ablate) ----------------------------------------------
    *(
        Parameter(
            switch_name(m.name),
            True,
            "switch",
            unit="-",
            description=f"Mechanism on (1) or off (0): {m.description}; off: {m.off}",
        )
        for m in MECHANISMS
    ),
)

GROUPS: tuple[str, ...] = (
    "US offers",
    "US threats",
    "Pakistan's constraints",
    "The Taliban",
    "The withdrawal",
    "Map and forces",
    "Calibration",
    "Mechanisms",
)
"""Groups of parameters, in the order the dashboard shows them (levers first)."""
PARAMETERS = tuple(
    replace(p, **PLAIN.get(p.name, {}), source=SOURCES.get(p.name, "")) for p in PARAMETERS
)

PARAMETERS_BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}
PARAMETERS_BY_COLUMN: dict[str, Parameter] = {p.column: p for p in PARAMETERS}
"""Parameters by their CSV column (``pakistan_pressure_set``, ``mech_<name>``)."""
LEVERS: tuple[str, ...] = tuple(p.name for p in PARAMETERS if p.lever)
DEFAULTS: dict[str, Any] = {p.name: p.default for p in PARAMETERS}


def lookup(name: str) -> Parameter:
    """Return the declaration of parameter ``name``.

    Raises:
        ParameterError: naming the unknown parameter and listing the known ones.
    """
    try:
        return PARAMETERS_BY_NAME[name]
    except KeyError:
        known = ", ".join(PARAMETERS_BY_NAME)
        raise ParameterError(f"unknown parameter '{name}'; known parameters: {known}") from None


def validate(values: Mapping[str, Any], *, levers_only: bool = False) -> dict[str, Any]:
    """Check and convert a mapping of parameter values.

    Args:
        values: parameter names to raw values (strings are parsed).
        levers_only: refuse parameters that cannot change during a run.

    Returns:
        The converted values (only those given).

    Raises:
        ParameterError: for the first unknown name or disallowed value.
    """
    checked = {}
    for name, value in values.items():
        spec = lookup(name)
        if levers_only and not spec.lever:
            raise ParameterError(
                f"parameter '{name}' is fixed at the start of a run and cannot change in a "
                f"policy timeline; levers that can: {', '.join(LEVERS)}"
            )
        checked[name] = spec.coerce(value)
    return checked


def resolve(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return a complete, validated parameter set: defaults updated with ``overrides``."""
    return {**DEFAULTS, **validate(overrides or {})}


def parse_assignment(text: str) -> tuple[str, Any]:
    """Parse one ``key=value`` assignment from the command line.

    Raises:
        ParameterError: when the text has no ``=`` or names an unknown parameter.
    """
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ParameterError(f"'{text}' is not of the form key=value")
    key = key.strip()
    return key, lookup(key).coerce(value)


def parse_assignments(texts: Iterable[str], option: str = "--set") -> dict[str, Any]:
    """Parse repeated ``key=value`` assignments, refusing a parameter given twice.

    Args:
        texts: the assignments in the order given.
        option: the option's name, for the error message.

    Raises:
        ParameterError: for a bad assignment, or a parameter assigned twice (which one would
            win is not for the command to guess).
    """
    values: dict[str, Any] = {}
    for text in texts:
        key, value = parse_assignment(text)
        if key in values:
            raise ParameterError(
                f"{option} {key} is given twice ({values[key]!r} and {value!r}); give each "
                "parameter once"
            )
        values[key] = value
    return values
