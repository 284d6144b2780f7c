"""Offline prototype of the issue-12 design's beliefs, values, range, ripeness and Eid choice.

Not package code. It replays the weekly records written by ``measure_v1.py`` (garrisons held and
lost, control share, Taliban loss rate) through sections 3-6, 9 and 10 of
``docs/dev/design-v2-negotiation.md`` *without feedback* (the war is version 1's war; nothing
here changes it), to see what the proposed quantities would have been on real model
trajectories. Simplifications: garrisons are counted, not population-weighted (scaled to
``N_REF``); the government's cost uses the ANDSF loss rate only; arrests, detentions, recruits
forgone, trust, the agenda and relief are left out (status quo: pressure 0).

Usage: ``python prototype_offline.py RECORDS.csv [RECORDS2.csv ...] > summary.txt``
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from scipy.special import ndtr

DELTA, LAMBDA, N_REF, K = 0.99, 0.97, 400.0, 1500
import os

PRICE_T, PRICE_G = float(os.environ.get("PRICE_T", 3)), float(os.environ.get("PRICE_G", 0.5))
Q_A, Q_N, HARD_OPT, FAITH, NO_AIR_G = 0.002, 0.03, 1.0, 0.8, 1.5
PRIOR_A, PRIOR_N = 8 * N_REF, 2 * N_REF
TAKEOVER, HARDLINERS, PSI_EID = 0.75, 0.6, 0.005
EID = {13: 1, 14: 2, 23: 3, 64: 3, 74: 3, 114: 3, 124: 3}  # week -> Eid days in it (2021-23)
US_EXIT_PRIOR = {
    "T": (float(os.environ.get("EXIT_T", 0.5)), 1.0),
    "G": (0.1, 1.0),
}  # Gamma(shape, rate in years): mean exits/year


def air_schedule(week: int, withdrawal: int | None, who: str) -> np.ndarray:
    """Air support expected in weeks week..week+K-1 (fraction of full).

    With no date set, the exit hazard is learned: a Gamma prior over exits a year, and every
    week the US stays adds a week of exposure (Gamma-exponential conjugacy).
    """
    w = week + np.arange(K)
    if withdrawal is None:
        shape, rate = US_EXIT_PRIOR[who]
        per_year = shape / (rate + (week - 1) / 52)
        return (1 - per_year / 52) ** np.arange(K)
    return np.where(w > withdrawal, 0.0, np.minimum(1.0, (withdrawal - w + 1) / 10))


def project(x: float, qa: float, qn: float, air: np.ndarray, kappa: float):
    """Flow value F, war share H and the war values W(t+k) along the projection."""
    q = air * qa + (1 - air) * qn
    surv = np.concatenate([[1.0], np.cumprod(1 - q)[:-1]])
    s = 1 - (1 - x) * surv
    hit = np.nonzero(s >= TAKEOVER)[0]
    kstar = int(hit[0]) if len(hit) else K
    s[kstar:] = 1.0
    v = np.zeros(K + 1)
    for k in range(K - 1, -1, -1):
        v[k] = (1 - DELTA) * s[k] + DELTA * v[k + 1]
    v = v[:K]
    h_k = np.where(np.arange(K) < kstar, 1 - DELTA ** np.maximum(kstar - np.arange(K), 0), 0.0)
    return v[0], h_k[0], v - h_k * kappa


class Belief:
    """Beta beliefs over the weekly fall hazard, regimes A and N."""

    def __init__(self, mean_a: float, mean_n: float) -> None:
        self.ab = {
            "A": [mean_a * PRIOR_A, (1 - mean_a) * PRIOR_A],
            "N": [mean_n * PRIOR_N, (1 - mean_n) * PRIOR_N],
        }

    def mean(self, r: str) -> float:
        a, b = self.ab[r]
        return a / (a + b)

    def sd(self, r: str) -> float:
        a, b = self.ab[r]
        return float(np.sqrt(a * b / ((a + b) ** 2 * (a + b + 1))))

    def update(self, r: str, held: float, lost: float) -> None:
        a, b = self.ab[r]
        self.ab[r] = [LAMBDA * a + lost, LAMBDA * b + held - lost]


def flow_sd(x, qa, qn, sda, sdn, air, kappa):
    f0 = project(x, qa, qn, air, kappa)[0]
    da = (project(x, qa + sda, qn, air, kappa)[0] - f0) if sda > 0 else 0.0
    dn = (project(x, qa, qn + sdn, air, kappa)[0] - f0) if sdn > 0 else 0.0
    return float(np.hypot(da, dn))


def replay(run: pd.DataFrame, withdrawal: int | None) -> pd.DataFrame:
    gov = Belief(Q_A, FAITH * Q_A * NO_AIR_G + (1 - FAITH) * Q_N)
    prag, hard = Belief(Q_A, Q_N), Belief(Q_A * (1 + HARD_OPT), Q_N * (1 + HARD_OPT))
    w_h, k0, prev_open, rows = HARDLINERS, None, None, []
    scale = N_REF / run.garrisons_held.iloc[0]
    held_prev = run.garrisons_held.iloc[0]
    for r in run.itertuples():
        x, week = r.share, r.week
        kap_t = r.taliban_loss_rate / (PRICE_T * (1 - DELTA))
        kap_g = r.andsf_loss_rate / (PRICE_G * (1 - DELTA))
        air_t, air_g = air_schedule(week, withdrawal, "T"), air_schedule(week, withdrawal, "G")
        qa_t = (1 - w_h) * prag.mean("A") + w_h * hard.mean("A")
        qn_t = (1 - w_h) * prag.mean("N") + w_h * hard.mean("N")
        f_t, h_t, _ = project(x, qa_t, qn_t, air_t, kap_t)
        f_g, h_g, _ = project(x, gov.mean("A"), gov.mean("N"), air_g, kap_g)
        _, _, w_path = project(x, gov.mean("A"), gov.mean("N"), air_g, kap_t)  # T as G projects
        gamma = max(0.0, float(np.max(DELTA ** np.arange(1, K) * (w_path[1:] - w_path[0]))))
        surplus = h_t * kap_t + h_g * kap_g - (f_t - f_g)
        width = surplus - gamma
        sd_t = flow_sd(x, qa_t, qn_t, prag.sd("A"), prag.sd("N"), air_t, kap_t)
        sd_g = flow_sd(x, gov.mean("A"), gov.mean("N"), gov.sd("A"), gov.sd("N"), air_g, kap_g)
        sd_w = max(np.hypot(sd_t, sd_g), 1e-9)
        openness = float(ndtr(width / sd_w))
        ripe_t = float(ndtr((h_t * kap_t - (f_t - x)) / max(sd_t, 1e-9)))
        ripe_g = float(ndtr((h_g * kap_g - (x - f_g)) / max(sd_g, 1e-9)))
        days = EID.get(week, 0)
        f_p = project(x, prag.mean("A"), prag.mean("N"), air_t, kap_t)[0]
        f_h = project(x, hard.mean("A"), hard.mean("N"), air_t, kap_t)[0]
        gain = (1 - w_h) * (f_p - x) + w_h * (f_h - x)
        delta_t = (days / 7) * (1 - DELTA) * (h_t * kap_t - gain) + PSI_EID * days / 7
        accept_t = (
            float(ndtr(delta_t / max((days / 7) * (1 - DELTA) * sd_t, 1e-12))) if days else np.nan
        )
        rows.append(
            dict(
                week=week,
                x=x,
                q_t=(r.troops and qa_t) or qn_t,
                q_g=gov.mean("A" if r.troops else "N"),
                F_T=f_t,
                F_G=f_g,
                H_T=h_t,
                H_G=h_g,
                kappa_T=kap_t,
                kappa_G=kap_g,
                S=surplus,
                Gamma=gamma,
                w=width,
                O=openness,
                R_T=ripe_t,
                R_G=ripe_g,
                w_H=w_h,
                eid_accept_T=accept_t,
            )
        )
        # learning at the end of the week (regime by air support this week)
        a_now = air_schedule(week, withdrawal, "G")[0] if withdrawal is not None else 1.0
        regime = "A" if a_now > 0.5 else "N"
        held, lost = held_prev * scale, r.garrisons_lost * scale
        for b in (gov, prag, hard):
            b.update(regime, held, lost)
        held_prev = r.garrisons_held
        sigma = (f_t - x) / max(f_t - x + h_t * kap_t, 1e-9)  # gain / (gain + cost)
        sigma = float(np.clip(sigma, 0.01, 0.99))
        if k0 is None:
            k0 = (HARDLINERS / (1 - HARDLINERS)) / (sigma / (1 - sigma))
        odds = k0 * sigma / (1 - sigma)
        w_h = odds / (1 + odds)
    return pd.DataFrame(rows)


def main(paths: list[str]) -> None:
    pd.set_option("display.width", 250)
    pd.set_option("display.max_columns", 30)
    data = pd.concat([pd.read_csv(p) for p in paths])
    keep = ["status_quo", "status_quo:map=fine", "conditional_engagement:withdrawal_week=none"]
    out = []
    for (run, seed), df in data[data.run.isin(keep)].groupby(["run", "seed"]):
        withdrawal = None if "withdrawal_week=none" in run else 28
        res = replay(df.sort_values("week"), withdrawal)
        res["run"], res["seed"] = run, seed
        out.append(res)
    res = pd.concat(out)
    bins = [0, 10, 18, 28, 40, 60, 130]
    res["phase"] = pd.cut(res.week, bins, labels=[f"{a + 1}-{b}" for a, b in zip(bins, bins[1:])])
    cols = [
        "x",
        "F_T",
        "F_G",
        "H_T",
        "H_G",
        "kappa_T",
        "kappa_G",
        "S",
        "Gamma",
        "w",
        "O",
        "R_T",
        "R_G",
        "w_H",
    ]
    print(res.groupby(["run", "phase"], observed=True)[cols].mean().round(3).to_string())
    print("\nEid weeks: the Taliban's acceptance probability of a truce (mean over seeds)")
    print(
        res[res.week.isin(EID)].groupby(["run", "week"])["eid_accept_T"].mean().round(3).to_string()
    )


if __name__ == "__main__":
    main(sys.argv[1:])
