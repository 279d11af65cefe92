#!/usr/bin/env bash
# Item 9 — start-up: time from launch to ready (/ping answers) and to warm (start-up warming
# logged done), embedded against external PostgreSQL, without and with demo data (10 x 1,000),
# first start (empty database: migrations, seed) and restart (schema current, data present).
# Baseline in the same run: the bare Helidon /ping server's time to ready.
#
#   benchmarks/run-startup.sh [--smoke] [--runs N]     (medians of N runs, default 3; --smoke 1)
source "$(dirname "$0")/lib/common.sh"
RUNS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) RUNS=1; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out startup
MACHINE=$(machine_line)
start_redis
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR] = $1} END { if (NR) print a[int((NR + 1) / 2)]; else print "-" }'; }

# Kills the embedded PostgreSQL a Warden in this run's work directory left behind, by pid.
reap_embedded() {
  local pid
  for pid in $(pgrep -f "$OUT/work-" || true); do
    kill "$pid" 2>/dev/null || true
  done
}

declare -A READY WARM
BARE=()
for run in $(seq 1 "$RUNS"); do
  PORT=$(free_port)
  T0=$(date +%s%N)
  "$JAVA_BIN" -cp "$BENCH_JAR" io.warden.benchmarks.memory.BarePingServer "$PORT" > "$OUT/bare-$run.log" 2>&1 &
  BPID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/ping"; do sleep 0.02; done
  BARE+=($(( ($(date +%s%N) - T0) / 1000000 )))
  stop_warden "$BPID"
  for db in external embedded; do
    for demo in none demo; do
      DBNAME=""
      [ "$db" = external ] && DBNAME=$(new_database)
      NAME="$db-$demo-$run"
      for start in first restart; do
        EXTRA=()
        [ "$demo" = demo ] && EXTRA=(WARDEN_DEMO_TENANTS=10 WARDEN_DEMO_USERS=1000)
        WARDEN_WORK_NAME=$NAME start_warden "$NAME-$start" "$DBNAME" \
          WARDEN_CACHE_WARM_MAX_TENANT_SIZE=10000 "${EXTRA[@]}"
        LOG="$OUT/warden-$NAME-$start.log"
        wait_ready 900
        W=""
        for _ in $(seq 1 12000); do
          if grep -q 'Cache warming at start warmed' "$LOG" 2>/dev/null; then
            W=$(( ($(date +%s%N) - STARTED_NS) / 1000000 )); break
          fi
          sleep 0.05
        done
        READY[$db-$demo-$start]+="$READY_MS "
        WARM[$db-$demo-$start]+="${W:-} "
        echo "$db $demo $start: ready $READY_MS ms, warm ${W:-?} ms"
        stop_warden "$PID"
        reap_embedded
      done
    done
  done
done
BARE_MS=$(echo "${BARE[*]}" | median)
{
  echo "Measured $MACHINE. Medians of $RUNS run(s); Warden with L1 + L2 (private Redis), start-up warming of every tenant; the log goes to a file. The bare Helidon /ping server (same JVM, defaults) was ready in **$BARE_MS ms**."
  echo
  echo "| database | demo data | start | ready ms | warm ms | ready × bare Helidon |"
  echo "|---|---|---|---|---|---|"
  CHART=()
  for db in external embedded; do
    for demo in none demo; do
      for start in first restart; do
        R=$(echo "${READY[$db-$demo-$start]}" | median)
        W=$(echo "${WARM[$db-$demo-$start]}" | median)
        label=$([ "$demo" = demo ] && echo "10 x 1,000" || echo "none")
        echo "| $db | $label | $start | $R | $W | $(ratio "$R" "$BARE_MS") |"
        CHART+=("$db, $demo, $start=$R")
      done
    done
  done
} > "$OUT/startup.md"
chart "$OUT/startup.png" "Launch to ready" "ms" "bare Helidon=$BARE_MS" "${CHART[@]}"
cat "$OUT/startup.md"
publish
