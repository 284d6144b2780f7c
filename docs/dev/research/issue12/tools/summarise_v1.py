import sys

import pandas as pd

pd.set_option("display.width", 250)
pd.set_option("display.max_columns", 40)
d = pd.concat([pd.read_csv(f) for f in sys.argv[1:]])
bins = [0, 10, 18, 28, 40, 60, 130]
d["phase"] = pd.cut(d.week, bins, labels=[f"{a + 1}-{b}" for a, b in zip(bins, bins[1:])])
d["fall_rate"] = d.garrisons_lost / d.garrisons_held.shift(1).where(d.week > 1, d.garrisons_held)
cols = [
    "progress",
    "width",
    "range_open",
    "ripeness",
    "stalemate",
    "pain_T",
    "pain_G",
    "belief_T",
    "belief_G",
    "shift",
    "condition",
    "spoilers",
    "pressure",
    "share",
    "garrisons_lost",
    "fall_rate",
    "taliban_loss_rate",
    "andsf_loss_rate",
]
g = d.groupby(["run", "phase"], observed=True)[cols].mean()
print(g.round(4).to_string())
print(
    d.groupby("run")
    .agg(
        max_progress=("progress", "max"),
        takeover=("takeover_week", "first"),
        seeds=("seed", "nunique"),
    )
    .to_string()
)
