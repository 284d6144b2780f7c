# Sourced by the regenerate_results*.sh scripts: check out commit $C in the clean detached
# worktree $W with its own venv, and define CF, S, NEGO and the logged job runner writing to $R.
[ -d "$W" ] || git -C /work/main worktree add --detach "$W" "$C"
cd "$W" && git checkout -q --detach "$C"
[ -x .venv/bin/ceasefire ] || (python3 -m venv .venv && .venv/bin/pip install -q -c constraints.txt -e ".[test]")
mkdir -p "$R"
CF=.venv/bin/ceasefire
S=20210212
NEGO=$(.venv/bin/python -c "from ceasefire.model.mechanisms import MECHANISMS as M; print(','.join(m.name for m in M if m.group == 'negotiation'))")
log() { echo "$(date +%H:%M:%S) $*" >> "$R/log.txt"; }
job() { local name=$1; shift; log "start $name"; "$@" > "$R/$name.out" 2>&1 && log "done $name" || log "FAILED $name"; }
