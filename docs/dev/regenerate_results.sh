#!/usr/bin/env bash
# The commands that regenerate docs/results and docs/validation.md, in a clean detached
# worktree so that every metadata.json records a clean commit:
#   bash docs/dev/regenerate_results.sh COMMIT   (about 50 minutes on 2 cores)
# Outputs go to $R; copy the folders into docs/results and the report into docs/.
# Regenerate issue 12 results in a clean detached worktree at commit $1.
set -euo pipefail
C=${1:?commit}
W=${W:-/work/wt-results8}
R=${R:-/work/results8}
source "$(dirname "$(readlink -f "$0")")/results_worktree.sh"
# chain A (1 worker): validation, then the preset comparisons
(
job validate $CF validate --reps 10 --sobol-samples 32 --workers 1 --seed $S --out $R/validate --report $R/validation.md --overwrite
job presets $CF compare --reps 20 --steps 130 --seed $S --workers 1 --out $R/presets --overwrite
job belief06 $CF compare --reps 10 --steps 130 --seed $S --workers 1 --set pakistan_belief_effect=0.6 --out $R/belief_0.6 --overwrite
job stay_pressure $CF sweep --scenario stay --set map=coarse --set taliban_war_price=1 --vary pakistan_pressure=0,0.5,1 --reps 10 --steps 104 --seed $S --workers 1 --out $R/stay_coarse_price1_pressure --overwrite
job veto_spread $CF sweep --scenario stay --set map=coarse --set taliban_war_price=1 --vary hardliner_veto_spread=0.05,0.1,0.2 --reps 10 --steps 104 --seed $S --workers 1 --out $R/stay_coarse_price1_veto_spread --overwrite
) &
# chain B (1 worker): the sweep, the ablations and the sensitivity table
(
job sweep $CF sweep --out $R/sweep --workers 1 --overwrite
job plot $CF plot $R/sweep
job ablate_sq $CF ablate --reps 8 --steps 52 --seed $S --workers 1 --out $R/ablation_status_quo --overwrite
job oat_sq $CF sweep batch/sweep/specs/negotiation_oat.toml --workers 1 --out $R/negotiation_oat --overwrite
job oat_sq_an $CF analyze $R/negotiation_oat --method oat
job oat_stay $CF sweep batch/sweep/specs/negotiation_oat.toml --scenario stay --workers 1 --out $R/negotiation_oat_stay --overwrite
job oat_stay_an $CF analyze $R/negotiation_oat_stay --method oat
job presets_price1 $CF compare --reps 10 --steps 130 --seed $S --workers 1 --set taliban_war_price=1 --out $R/presets_price1 --overwrite
job ablate_nego $CF ablate --scenario stay --set taliban_war_price=1 --mechanisms $NEGO --reps 10 --steps 104 --seed $S --workers 1 --out $R/ablation_negotiation --overwrite
job ablate_dec $CF ablate --scenario conditional_engagement --set pakistan_belief_effect=0.6 --mechanisms us_credibility,us_observation_noise,audience_cost,miller_effect,ttp_blowback,haven_foresight,designation --reps 10 --steps 52 --seed $S --workers 1 --out $R/ablation_decisions --overwrite
) &
wait
log "all done"
