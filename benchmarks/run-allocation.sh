#!/usr/bin/env bash
# Bytes allocated per warm check over HTTP (issue #13), and where they go.
#
#   benchmarks/run-allocation.sh [--smoke] [--seconds S] [--before JAR]
#
# One Warden (external PostgreSQL, own database; L2 on a private Redis), one tenant-scoped token,
# the load of item 12 (wrk -t2 -c16, one warm POST /api/authz/check). The figure is the JVM's own
# count of heap bytes allocated by every thread during a wrk run (JFR's per-thread totals at the
# start and the end of a recording around it), less what the instance allocates idle over as long
# (measured just before), divided by the requests wrk completed. GET /ping
# is measured the same way: what the server allocates for the cheapest answer it gives. Bytes per
# request do not depend on how busy the machine is (throughput does, and is not the figure here).
# Where the bytes go: run-allocation-sites.sh. (JFR's jdk.ObjectAllocationSample, which this script
# used to group, weights each sample by all its thread allocated since its previous sample; on the
# virtual threads that serve requests that credited whole connections' bytes to single sites.)
#
# --before JAR: the same for another build of bootstrap/target/warden.jar (with its lib/ beside
# it), on a database of its own, first: the before/after of one run.
source "$(dirname "$0")/lib/common.sh"
SECONDS_PER_RUN=15
BEFORE_JAR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SECONDS_PER_RUN=3; shift ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --before) BEFORE_JAR=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out allocation
JDK_BIN=$(dirname "$JAVA_BIN")
start_redis

# recorded NAME SECONDS COMMAND...: runs COMMAND under a JFR recording (settings=profile) of the
# instance $PID, into $OUT/NAME.jfr; prints the heap bytes every thread allocated in between: JFR
# writes each thread's running total (jdk.ThreadAllocationStatistics, a virtual thread's bytes on its
# carrier) when a recording starts and when it stops.
recorded() {
  local name=$1
  shift
  "$JDK_BIN/jcmd" "$PID" JFR.start name="$name" settings=profile > /dev/null
  "$@"
  "$JDK_BIN/jcmd" "$PID" JFR.stop name="$name" filename="$OUT/$name.jfr" > /dev/null
  "$JDK_BIN/jfr" print --json --events jdk.ThreadAllocationStatistics "$OUT/$name.jfr" > "$OUT/$name-threads.json"
  python3 - "$OUT/$name-threads.json" <<'PY'
import json, sys
first, last = {}, {}
for e in json.load(open(sys.argv[1]))["recording"]["events"]:
    v = e["values"]
    thread = v.get("thread") or {}
    key = (thread.get("osThreadId"), thread.get("javaThreadId"), thread.get("osName"))
    first.setdefault(key, v["allocated"])
    last[key] = v["allocated"]
print(sum(last[k] - first[k] for k in last))
PY
}

# requests FILE: the requests a wrk output counted; stops the run on any non-2xx answer.
requests() {
  if grep -q 'Non-2xx' "$1"; then
    echo "$1: wrk saw non-2xx answers" >&2
    exit 1
  fi
  awk '/requests in/ {print $1}' "$1"
}

per() { awk -v b="$1" -v n="$2" -v idle="$3" 'BEGIN { if (n + 0 == 0) print "-"; else printf "%.0f", (b - idle) / n }'; }

# measure NAME JAR: one instance, its figures into the globals of NAME; its JFR files.
declare -A CHECK_B PING_B IDLE_BPS CHECK_N PING_N
measure() {
  local name=$1 jar=$2 db tt idle_bytes bytes
  db=$(new_database)
  WARDEN_JAR=$jar start_warden "$name" "$db"
  wait_ready
  tt=$(tenant_token "$URL" "bench-alloc-$name")
  post_lua "$OUT/check-$name.lua" '{"permission":"users.view"}' "$tt"
  # Warm-up: the JIT compiles the path (escape analysis removes allocations only once it has).
  wrk -t2 -c16 -d10s -s "$OUT/check-$name.lua" "$URL/api/authz/check" > "$OUT/wrk-$name-warm.txt"
  wrk -t2 -c16 -d5s "$URL/ping" > /dev/null
  sleep 2
  idle_bytes=$(recorded "$name-idle" sleep "$SECONDS_PER_RUN")
  IDLE_BPS[$name]=$(awk -v b="$idle_bytes" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.0f", b / s }')
  bytes=$(recorded "$name-ping" sh -c "wrk -t2 -c16 -d${SECONDS_PER_RUN}s --latency '$URL/ping' > '$OUT/wrk-$name-ping.txt'")
  PING_N[$name]=$(requests "$OUT/wrk-$name-ping.txt")
  PING_B[$name]=$(per "$bytes" "${PING_N[$name]}" "$idle_bytes")
  bytes=$(recorded "$name-check" sh -c "wrk -t2 -c16 -d${SECONDS_PER_RUN}s --latency -s '$OUT/check-$name.lua' '$URL/api/authz/check' > '$OUT/wrk-$name-check.txt'")
  CHECK_N[$name]=$(requests "$OUT/wrk-$name-check.txt")
  CHECK_B[$name]=$(per "$bytes" "${CHECK_N[$name]}" "$idle_bytes")
  stop_warden "$PID"
}

NAMES=()
if [ -n "$BEFORE_JAR" ]; then
  measure before "$BEFORE_JAR"
  NAMES+=(before)
fi
measure after "$WARDEN_JAR"
NAMES+=(after)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "$MACHINE; load average at the end $LOAD_END."
  echo
  echo "One instance at a time, external PostgreSQL, L2 on a private Redis, one token; wrk -t2 -c16, $SECONDS_PER_RUN s per run, after a warm-up of 10 s. Bytes: the JVM's count of heap bytes allocated by all threads during the run, less the instance's idle allocation over as long, divided by the requests answered."
  echo
  echo "| build | warm check: B/request | /ping: B/request | check − ping | idle B/s | checks / pings counted |"
  echo "|---|---|---|---|---|---|"
  for n in "${NAMES[@]}"; do
    label=$n
    [ "$n" = after ] && label="this tree"
    [ "$n" = before ] && label="before (\`--before\`)"
    echo "| $label | ${CHECK_B[$n]} | ${PING_B[$n]} | $(awk -v a="${CHECK_B[$n]}" -v b="${PING_B[$n]}" 'BEGIN { print a - b }') | ${IDLE_BPS[$n]} | ${CHECK_N[$n]} / ${PING_N[$n]} |"
  done
  if [ -n "$BEFORE_JAR" ]; then
    echo
    echo "Warm check, this tree / before: **$(ratio "${CHECK_B[after]}" "${CHECK_B[before]}")**."
  fi
} > "$OUT/$ITEM.md"
cat "$OUT/$ITEM.md"
publish
