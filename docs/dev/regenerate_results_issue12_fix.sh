#!/usr/bin/env bash
# The results regenerated after the two fixes of issue 12 (the hardliners' reference standing and
# the smooth veto) and the private signal, commits a23b619 (the 'stay' runs) and c730d14 (the
# rest), in a clean detached worktree (about 30 minutes on 2 cores, run as two chains):
#   bash docs/dev/regenerate_results_issue12_fix.sh COMMIT
# Outputs go to $R; copy the folders into docs/results. The other folders of
# docs/results are still those of commit fa78749 (docs/dev/regenerate_results.sh); their
# metadata.json records the commit that made each.
set -uo pipefail
C=${1:?commit}
W=/work/wt-results7
R=/work/results7
source "$(dirname "$(readlink -f "$0")")/results_worktree.sh"
job stay_pressure $CF sweep --scenario stay --set map=coarse --set taliban_war_price=1 --vary pakistan_pressure=0,0.5,1 --reps 10 --steps 104 --seed $S --workers 1 --out $R/stay_coarse_price1_pressure --overwrite
job oat_stay $CF sweep batch/sweep/specs/negotiation_oat.toml --scenario stay --workers 1 --out $R/negotiation_oat_stay --overwrite
job oat_stay_an $CF analyze $R/negotiation_oat_stay --method oat
job ablate_nego $CF ablate --scenario stay --set taliban_war_price=1 --mechanisms $NEGO --reps 10 --steps 104 --seed $S --workers 1 --out $R/ablation_negotiation --overwrite
job oat_sq $CF sweep batch/sweep/specs/negotiation_oat.toml --workers 1 --out $R/negotiation_oat --overwrite
job oat_sq_an $CF analyze $R/negotiation_oat --method oat
job sweep $CF sweep --out $R/sweep --workers 1 --overwrite
job plot $CF plot $R/sweep
job ablate_sq $CF ablate --reps 8 --steps 52 --seed $S --workers 1 --out $R/ablation_status_quo --overwrite
log "all done"
