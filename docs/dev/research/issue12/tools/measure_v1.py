"""Measure the current (version 1) negotiation, week by week (issue 12, design input).

Not package code: a research tool that wraps ``Negotiation.update`` to record what the
negotiators observe (``WarState``) and the derived terms (range width, openness, ripeness,
stalemate term, the Taliban's cease-fire condition), plus garrisons lost and held and both
sides' smoothed loss rates. Runs stop one week after a takeover (the talks are frozen then).

Usage (from a worktree with the package installed; each spec is scenario:seed[:k=v,...]):

    nice -n 10 .venv/bin/python docs/dev/research/issue12/tools/measure_v1.py OUT.csv \
        status_quo:1 conditional_engagement:1:pakistan_belief_effect=0.6 \
        conditional_engagement:1:withdrawal_week=none,map=fine

The map is coarse unless a spec sets ``map=fine``. Summarise with ``summarise_v1.py OUT.csv``.
"""

from __future__ import annotations

import csv
import sys
import time

import numpy as np

from ceasefire.model import negotiation as N
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.scenarios import load_scenario


def _held(m):
    from ceasefire.agents.afghan_force import AfghanForce, Post

    return sum(1 for f in m.agents_by_type.get(AfghanForce, []) if f.post != Post.MOBILE)


def run(scen: str, seed: int, extra: dict, steps: int = 130):
    s = load_scenario(scen)
    params = {**s.parameters, "map": "coarse", **extra}
    m = CeasefireModel(params, rng=seed, timeline=s.timeline)
    rows = []
    orig = m.negotiation.update

    def rec(week, state, rng):
        orig(week, state, rng)
        opt = state.taliban_win_belief + state.government_win_belief - 1
        width = (
            state.taliban_pain + state.government_pain - opt - N.SHIFT_WEIGHT * state.power_shift
        )
        rows.append(
            dict(
                week=week,
                progress=m.negotiation.progress,
                ripeness=m.negotiation.ripeness,
                range_open=m.negotiation.range_open,
                width=width,
                pain_T=state.taliban_pain,
                pain_G=state.government_pain,
                momentum=state.momentum,
                stalemate=float(np.exp(-((state.momentum / N.MOMENTUM_SCALE) ** 2))),
                belief_T=state.taliban_win_belief,
                belief_G=state.government_win_belief,
                shift=state.power_shift,
                condition=state.taliban_condition,
                spoilers=state.spoiler_attacks,
                ceasefire=int(m.negotiation.in_ceasefire),
                share=m.trends.share_history[-1],
                pressure=m.pakistan.pressure,
                troops=int(m.us.troops_present),
                K=m.leadership.command_capacity,
                garrisons_lost=m.events.week.garrisons_lost,
                garrisons_held=_held(m),
                taliban_loss_rate=m.trends.loss_rates[0],
                andsf_loss_rate=m.trends.loss_rates[1],
            )
        )

    m.negotiation.update = rec
    t0 = time.time()
    took = None
    for w in range(steps):
        m.step()
        if m.takeover and took is None:
            took = m.steps
        if took is not None and m.steps > took + 1:
            break
    return rows, took, time.time() - t0, m


if __name__ == "__main__":
    out = sys.argv[1]
    specs = [a.split(":") for a in sys.argv[2:]]  # scen:seed[:k=v,...]
    with open(out, "w", newline="") as fh:
        w = None
        for sp in specs:
            scen, seed = sp[0], int(sp[1])
            extra = {}
            if len(sp) > 2:
                for kv in sp[2].split(","):
                    k, v = kv.split("=")
                    extra[k] = (
                        None if v == "none" else (float(v) if v.replace(".", "").isdigit() else v)
                    )
            rows, took, secs, m = run(scen, seed, extra)
            tag = sp[0] + (":" + sp[2] if len(sp) > 2 else "")
            for r in rows:
                r = {"run": tag, "seed": seed, "takeover_week": took, **r}
                if w is None:
                    w = csv.DictWriter(fh, fieldnames=list(r))
                    w.writeheader()
                w.writerow(r)
            print(
                f"{tag} seed {seed}: {len(rows)} weeks, takeover {took}, {secs:.0f}s, "
                f"max progress {max(r['progress'] for r in rows):.3f}, "
                f"episodes {[(e.start, e.end) for e in m.negotiation.episodes]}",
                flush=True,
            )
