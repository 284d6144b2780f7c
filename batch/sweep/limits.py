"""Upper limits on the sizes the commands accept, so that no input starts work that cannot end.

Every size a user gives (weeks, replications, levels, design points, runs, workers) has a limit
here, with the reason it sits where it does. A size over its limit is refused before any run
starts or any file is written, with one line that names the size, the limit and the reason;
design sizes are checked before a design is built, so a huge ``--samples`` never reaches the
sampler. ``ceasefire --help`` and the README show the table built from :data:`LIMITS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ceasefire.model.parameters import ParameterError


@dataclass(frozen=True)
class Limit:
    """The largest value of one size.

    Attributes:
        name: the size, as messages name it (plural, e.g. ``"weeks per run"``).
        value: the largest value allowed.
        where: where users set the size.
        why: the reason for the limit, one line.
    """

    name: str
    value: int
    where: str
    why: str

    def check(self, value: int, what: str | None = None) -> int:
        """Return ``value``, refusing it when it is over the limit.

        Args:
            value: the size asked for.
            what: how the message names the size asked for (default: ``value`` and the name).

        Raises:
            ParameterError: one line with the size, the limit and the reason.
        """
        if value > self.value:
            asked = what or f"{value:,} {self.name}"
            raise ParameterError(
                f"{asked} is over the limit of {self.value:,} {self.name} ({self.why})"
            )
        return value


STEPS = Limit(
    "weeks per run",
    5200,
    "`--steps`; `steps` of a scenario or sweep spec; `--season-steps`",
    "100 years of weeks, far past the 2020s the model describes",
)
REPS = Limit(
    "replications",
    10_000,
    "`--reps`; `reps` of a sweep spec",
    "the half-width of a 95% interval of a mean is then 2% of the run-to-run standard deviation",
)
LEVELS = Limit(
    "levels of one factor",
    1_000,
    "`--vary key=v1,v2,...` or `key=lo:hi:n`; a spec's `[vary]`",
    "steps of a thousandth of a parameter's range change no output beyond run-to-run noise",
)
DESIGN_POINTS = Limit(
    "design points",
    250_000,
    "grid: product of the levels; lhs: `--samples`; sobol: `N*(D+2)`; morris: `N*(D+1)`; "
    "oat: 1 + the levels; csv: rows",
    "a Sobol' design of 11 factors with base sample 16384 (212,992 points) fits; the design is "
    "held in memory and written to design.csv",
)
RUNS = Limit(
    "runs",
    1_000_000,
    "design points x replications (sweep), scenarios x replications (compare)",
    "about 18 core-days of 130-week runs on the default map and a runs.csv of about 250 MB; "
    "split a larger study into several sweeps",
)
WORKERS = Limit(
    "workers",
    1024,
    "`--workers`; `--scheduler local:N`",
    "more processes than one machine has cores; beyond, use a Dask cluster (--scheduler ADDRESS)",
)

LIMITS: tuple[Limit, ...] = (STEPS, REPS, LEVELS, DESIGN_POINTS, RUNS, WORKERS)
"""Every limit, in the order ``--help`` and the README list them."""


def check_runs(points: int, reps: int, points_name: str = "design points") -> int:
    """The number of runs ``points * reps``, refused over :data:`RUNS` with the estimate.

    Args:
        points: design points (or scenarios).
        reps: replications of each.
        points_name: what ``points`` counts, for the message.

    Raises:
        ParameterError: naming the product, e.g. ``3,000,000 runs (1,000,000 design points x
            3 replications)``.
    """
    runs = points * reps
    asked = f"{runs:,} runs ({points:,} {points_name} x {reps:,} replications)"
    return RUNS.check(runs, asked)


def markdown_table() -> str:
    """The limits as the README's Markdown table."""
    lines = ["| size | limit | set by | why |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {limit.name} | {limit.value:,} | {limit.where} | {limit.why} |" for limit in LIMITS
    ]
    return "\n".join(lines)
