r"""Short runs of the rebuilt negotiation (issue 12): progress, range and pauses per scenario.

Coarse map, a few seeds, each scenario's own parameters and timeline, with optional overrides::

    nice -n 10 .venv/bin/python docs/dev/research/issue12/tools/short_runs.py 52 1,2,3
    nice -n 10 .venv/bin/python docs/dev/research/issue12/tools/short_runs.py 52 1,2,3 \
        taliban_war_price=1

Prints one Markdown row per run: the week of the collapse, agenda items (most and last), weeks
with the range more open than shut before the collapse (capitulation weeks not counted, as in
``weeks_range_open``), the mean range width in weeks 1-20 and
in the last week of war, mean ripeness over the weeks of war, Eid truces, RIV weeks, the
open-ended cease-fires (start-end; end None while in force), final trust and hardliner weight,
and the leadership's latent type (keeps deals: yes or no).
"""

from __future__ import annotations

import sys

import numpy as np

from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.scenarios import load_scenario

SCENARIOS = ("status_quo", "conditional_engagement", "stay", "withdrawal_regardless")
HEADER = (
    "| scenario | seed | collapse week | items most/last | weeks range open | width wk 1-20 "
    "| width last war week | mean R | Eid truces | RIV | cease-fires | trust | w_H | keeps deals |"
)


def override(text: str) -> tuple[str, float | None]:
    """``name=value`` with ``none`` for None and numbers as floats."""
    name, value = text.split("=")
    return name, None if value == "none" else float(value)


def row(name: str, seed: int, steps: int, extra: dict) -> str:
    """The table row of one run."""
    scenario = load_scenario(name)
    params = {**scenario.parameters, "map": "coarse", **extra}
    model = CeasefireModel(params, rng=seed, timeline=scenario.timeline)
    for _ in range(steps):
        model.step()
    rows = model.rows
    war = [r for r in rows if not r["taliban_takeover"]]
    width = np.array([r["range_width"] for r in war])
    ripe = np.array([r["ripeness"] for r in war])
    collapse = next((r["step"] for r in rows if r["taliban_takeover"]), None)
    talks = model.negotiation
    ceasefires = " ".join(f"{e.start}-{e.end}" for e in talks.episodes if e.open_ended) or "-"
    cells = [
        name,
        seed,
        collapse,
        f"{max(r['agenda_items'] for r in rows)}/{rows[-1]['agenda_items']}",
        sum(r["range_open"] > 0.5 and not r["range_capitulation"] for r in war),
        f"{width[:20].mean():+.3f}",
        f"{width[-1]:+.3f}",
        f"{ripe.mean():.3f}",
        sum(e.pause == "truce" for e in talks.episodes),
        sum(e.pause == "riv" for e in talks.episodes),
        ceasefires,
        f"{talks.trust:.3f}",
        f"{talks.hardliner_weight:.2f}",
        "yes" if talks.keeps_deals else "no",
    ]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main(argv: list[str]) -> None:
    """Print the table for ``STEPS SEEDS [name=value ...]``."""
    steps, seeds = int(argv[0]), [int(s) for s in argv[1].split(",")]
    extra = dict(override(a) for a in argv[2:])
    print(HEADER)
    print("|" + " --- |" * 14)
    for name in SCENARIOS:
        for seed in seeds:
            print(row(name, seed, steps, extra))


if __name__ == "__main__":
    main(sys.argv[1:])
