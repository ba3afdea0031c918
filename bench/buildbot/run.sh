#!/usr/bin/env bash
# Buildbot half of the Sparky benchmark: a throw-away Buildbot master and N workers on 127.0.0.1,
# measured with the same workloads as Sparky (trigger-to-start latency, trivial-build throughput).
# Usage: bench/buildbot/run.sh [--workers 1|2|4] [--latency-builds K] [--warmup-builds W] [--duration S]
#   [--json PATH] [--latency-script PATH --stamp-dir DIR-THE-SCRIPT-WRITES-TO] [--keep]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3  # Debian's interpreter: the one that has the buildbot packages
WORKERS=2
LATENCY_BUILDS=200
WARMUP_BUILDS=20
DURATION=60
JSON_OUT=""
LATENCY_SCRIPT=""
STAMP_DIR=""
KEEP=0
START_TIMEOUT=90   # seconds for master + workers to come up
STOP_TIMEOUT=20    # seconds for a graceful stop before SIGKILL

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "run.sh: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) WORKERS="${2:?--workers needs a value}"; shift 2 ;;
    --latency-builds) LATENCY_BUILDS="${2:?--latency-builds needs a value}"; shift 2 ;;
    --warmup-builds) WARMUP_BUILDS="${2:?--warmup-builds needs a value}"; shift 2 ;;
    --duration) DURATION="${2:?--duration needs a value}"; shift 2 ;;
    --json) JSON_OUT="${2:?--json needs a path}"; shift 2 ;;
    --latency-script) LATENCY_SCRIPT="${2:?--latency-script needs a path}"; shift 2 ;;
    --stamp-dir) STAMP_DIR="${2:?--stamp-dir needs a folder}"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ "$WORKERS" =~ ^(1|2|4)$ ]] || die "--workers must be 1, 2 or 4 (got '$WORKERS')"
[[ "$LATENCY_BUILDS" =~ ^[0-9]+$ ]] || die "--latency-builds must be a whole number (got '$LATENCY_BUILDS')"
[[ "$WARMUP_BUILDS" =~ ^[0-9]+$ ]] || die "--warmup-builds must be a whole number (got '$WARMUP_BUILDS')"
[[ "$DURATION" =~ ^[0-9]+$ && "$DURATION" -ge 60 ]] || die "--duration must be a whole number >= 60 (got '$DURATION')"
if (( 10#$LATENCY_BUILDS > 0 )); then
  # The script is sparky bench's latency probe: it writes '<first line ns> <date ns>' to <stamp dir>/$SPARKY_JOB_ID.
  [[ -n "$LATENCY_SCRIPT" && -n "$STAMP_DIR" ]] \
    || die "latency builds need --latency-script and --stamp-dir (sparky bench passes its latency script)"
  [[ -f "$LATENCY_SCRIPT" ]] || die "--latency-script: no file '$LATENCY_SCRIPT'"
  [[ -d "$STAMP_DIR" ]] || die "--stamp-dir: no folder '$STAMP_DIR'"
fi
if [[ -n "$JSON_OUT" ]]; then
  JSON_OUT="$(cd "$(dirname "$JSON_OUT")" 2>/dev/null && pwd)/$(basename "$JSON_OUT")" \
    || die "--json: folder of '$JSON_OUT' does not exist"
fi

# --- 1. install Debian's buildbot when missing ------------------------------------------------
install_buildbot() {
  if command -v buildbot >/dev/null && command -v buildbot-worker >/dev/null \
     && "$PY" -c 'import buildbot, buildbot_worker' 2>/dev/null; then
    return
  fi
  [[ "$(id -u)" == 0 ]] || die "buildbot is missing and installing it needs root (apt-get)"
  echo "+ apt-get update -qq"
  apt-get update -qq
  echo "+ apt-get install -y -qq buildbot buildbot-worker"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildbot buildbot-worker >/dev/null \
    || die "apt-get install buildbot buildbot-worker failed"
}
install_buildbot
VERSION="$("$PY" -c 'import buildbot; print(buildbot.version)')"

# --- 2. fresh master and workers in a temp dir, stopped by the trap -------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bb-bench.XXXXXX")"
PIDS=()
CHILD=""
FAILED=1

# Runs a step in the background and waits for it, so that a signal reaches the trap at once
# (bash runs traps only after a foreground child has finished).
run_child() {
  "$@" &
  CHILD=$!
  local rc=0
  wait "$CHILD" || rc=$?
  CHILD=""
  return "$rc"
}

stop_all() {
  local pid i
  # workers first, then the master (listed first in PIDS), so workers do not reconnect in a loop
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill -TERM "${PIDS[$i]}" 2>/dev/null || true; done
  for (( i=0; i<STOP_TIMEOUT*10; i++ )); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: process $pid did not stop in ${STOP_TIMEOUT}s, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}

on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$CHILD" ]]; then kill -TERM "$CHILD" 2>/dev/null || true; wait "$CHILD" 2>/dev/null || true; fi
  stop_all
  if [[ $FAILED == 1 || $rc != 0 ]]; then
    local what="FAILED"
    [[ $rc == 130 || $rc == 143 ]] && what="INTERRUPTED"
    echo "run.sh: $what (exit $rc). Logs kept in $WORK:" >&2
    for f in "$WORK"/master/twistd.log "$WORK"/master/console.log "$WORK"/worker-*/twistd.log; do
      [[ -f "$f" ]] || continue
      echo "  $f (last lines):" >&2
      tail -n 15 "$f" | sed 's/^/    /' >&2
    done
    [[ $rc == 0 ]] && rc=1
  elif [[ $KEEP == 1 ]]; then
    echo "Logs and state kept in $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Work dir: $WORK"
read -r HTTP_PORT PB_PORT < <("$PY" "$HERE/bb_bench.py" ports 2)
[[ -n "${PB_PORT:-}" ]] || die "could not find two free loopback ports"
echo "Master: REST API 127.0.0.1:$HTTP_PORT, worker port 127.0.0.1:$PB_PORT, workers: $WORKERS"

mkdir -p "$WORK/www-plugin"
buildbot create-master -q "$WORK/master" >"$WORK/create-master.log" 2>&1 \
  || { cat "$WORK/create-master.log" >&2; die "buildbot create-master failed"; }
"$PY" "$HERE/bb_bench.py" write-master --master-dir "$WORK/master" --plugin-dir "$WORK/www-plugin" \
  --latency-script "$LATENCY_SCRIPT" --http-port "$HTTP_PORT" --pb-port "$PB_PORT" --workers "$WORKERS"
export PYTHONPATH="$WORK/www-plugin${PYTHONPATH:+:$PYTHONPATH}"
buildbot checkconfig "$WORK/master" >"$WORK/checkconfig.log" 2>&1 \
  || { cat "$WORK/checkconfig.log" >&2; die "master.cfg rejected by buildbot checkconfig"; }

# --nodaemon keeps twistd in this process tree, so the trap knows every pid it has to stop
buildbot start --nodaemon "$WORK/master" >"$WORK/master/console.log" 2>&1 &
PIDS+=("$!")

mapfile -t PASSWORDS < "$WORK/master/worker-passwords"
for (( i=1; i<=WORKERS; i++ )); do
  dir="$WORK/worker-$i"
  buildbot-worker create-worker -q --umask=0o22 "$dir" "127.0.0.1:$PB_PORT" "w$i" "${PASSWORDS[$((i-1))]}" \
    >"$WORK/create-worker-$i.log" 2>&1 || die "buildbot-worker create-worker w$i failed (see $WORK/create-worker-$i.log)"
  buildbot-worker start --nodaemon "$dir" >"$dir/console.log" 2>&1 &
  PIDS+=("$!")
done

run_child "$PY" "$HERE/bb_bench.py" wait-ready --http-port "$HTTP_PORT" --workers "$WORKERS" --timeout "$START_TIMEOUT" \
  || die "Buildbot did not come up (master pid ${PIDS[0]})"

# --- 3./4. measure, print the table, write JSON ----------------------------------------------
run_child "$PY" "$HERE/bb_bench.py" measure --http-port "$HTTP_PORT" --workers "$WORKERS" --stamp-dir "${STAMP_DIR:-$WORK}" \
  --latency-builds "$((10#$LATENCY_BUILDS))" --warmup-builds "$((10#$WARMUP_BUILDS))" --duration "$DURATION" --version "$VERSION" ${JSON_OUT:+--json "$JSON_OUT"} \
  || die "measurement failed"
FAILED=0
