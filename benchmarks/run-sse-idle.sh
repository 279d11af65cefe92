#!/usr/bin/env bash
# Issue #14 — idle Server-Sent Event streams do not slow the warm check down.
#
#   benchmarks/run-sse-idle.sh [--smoke] [--streams N] [--seconds S]
#
# One Warden (external PostgreSQL, own database; L2 on a private Redis), demo data 1 x 100, heartbeat
# at its 15 s default. wrk (32 connections, --seconds, default 20; --smoke 5) on one user's warm
# check, first with no stream open, then with N idle GET /api/me/events streams (default 10,000;
# --smoke 200) held by one Python process (benchmarks/lib/sse_idle.py), then with none again. Goal:
# the throughput with the streams within 10% of the mean of the two runs without. Also reported:
# Warden's RSS and OS threads with and without the streams. Run it on a quiet machine: the wrk runs
# must see the same load.
source "$(dirname "$0")/lib/common.sh"
SECONDS_MEASURED=20
STREAMS=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SECONDS_MEASURED=5; STREAMS=200; shift ;;
    --streams) STREAMS=$2; shift 2 ;;
    --seconds) SECONDS_MEASURED=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
# Every stream is a socket at both ends (both processes are children of this shell).
NEED_FDS=$(( STREAMS + 4096 ))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEED_FDS" ]; then
  ulimit -n "$NEED_FDS" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEED_FDS" ]; then
    echo "ulimit -n is $(ulimit -n) (hard $(ulimit -Hn)); $STREAMS streams need $NEED_FDS" >&2
    exit 1
  fi
fi
ensure_built
new_out sse-idle
MACHINE=$(machine_line)
start_redis
DB=$(new_database)
start_warden sse "$DB" WARDEN_DEMO_TENANTS=1 WARDEN_DEMO_USERS=100 \
  WARDEN_EVENTS_MAX_PER_USER=$(( STREAMS + 10 )) WARDEN_EVENTS_MAX_CONNECTIONS=$(( STREAMS + 100 ))
wait_ready
FEEDER="$OUT/feeder.csv"
feeder "$FEEDER" --mode self --users 10 --tenants 1 --users-per-tenant 100
ROW=$(sed -n 2p "$FEEDER")
TOKEN=${ROW%%,*}
post_lua "$OUT/check.lua" \
  "{\"permission\":\"$(echo "$ROW" | cut -d, -f2)\",\"userId\":\"$(echo "$ROW" | cut -d, -f3)\"}" \
  "$TOKEN"

threads() { awk '/^Threads/ {print $2}' "/proc/$1/status"; }

measure() { # measure NAME: one wrk run; prints req/s
  wrk -t2 -c32 -d"${SECONDS_MEASURED}s" --latency -s "$OUT/check.lua" "$URL/api/authz/check" \
    > "$OUT/wrk-$1.log"
  awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/wrk-$1.log"
}

# Warm-up as long as a measured run: 5 s left the JIT still warming through all three (smoke).
wrk -t2 -c32 -d"${SECONDS_MEASURED}s" -s "$OUT/check.lua" "$URL/api/authz/check" > /dev/null
RPS_NONE=$(measure none)
RSS_NONE=$(rss_mib "$PID"); THREADS_NONE=$(threads "$PID")
echo "no streams: $RPS_NONE req/s, RSS $RSS_NONE MiB, $THREADS_NONE threads"

HOLDER_READY="$OUT/holder.ready"
python3 "$ROOT/benchmarks/lib/sse_idle.py" 127.0.0.1 "$PORT" "$TOKEN" "$STREAMS" "$HOLDER_READY" \
  2> "$OUT/holder.log" &
HOLDER=$!
trap 'kill "$HOLDER" 2>/dev/null || true; cleanup' EXIT
OPEN_STARTED=$(date +%s%N)
for _ in $(seq 1 600); do
  [ -s "$HOLDER_READY" ] && break
  kill -0 "$HOLDER" 2>/dev/null || { cat "$OUT/holder.log" >&2; exit 1; }
  sleep 0.5
done
read -r _ OPENED _ REFUSED < "$HOLDER_READY"
OPEN_S=$(awk -v a="$OPEN_STARTED" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
echo "streams: $OPENED open, $REFUSED refused, in $OPEN_S s"
[ "$OPENED" -eq "$STREAMS" ] || { cat "$OUT/holder.log" >&2; exit 1; }
sleep 2 # let the opening settle
RPS_IDLE=$(measure streams)
RSS_IDLE=$(rss_mib "$PID"); THREADS_IDLE=$(threads "$PID")
echo "$STREAMS idle streams: $RPS_IDLE req/s, RSS $RSS_IDLE MiB, $THREADS_IDLE threads"
kill "$HOLDER" 2>/dev/null || true
wait "$HOLDER" 2>/dev/null || true
# Without streams once more (B A B): the first run may still have been warming up, or the machine's
# load moved; the goal compares the streams' run with the mean of the two. The server notices the
# closed streams at their next heartbeat (15 s).
sleep 17
RPS_AFTER=$(measure after)
echo "no streams again: $RPS_AFTER req/s"
RPS_BASE=$(awk -v a="$RPS_NONE" -v b="$RPS_AFTER" 'BEGIN { printf "%.0f", (a + b) / 2 }')

RATIO=$(ratio "$RPS_IDLE" "$RPS_BASE")
VERDICT=$(awk -v r="$RATIO" 'BEGIN { print (r != "-" && r >= 0.90) ? "within 10%: goal met" : "more than 10% slower: goal missed" }')
{
  echo "Measured $MACHINE. External PostgreSQL, L1 + L2, demo data 1 x 100; wrk 32 connections ${SECONDS_MEASURED} s on one user's warm check; streams held by one Python asyncio process; heartbeat every 15 s."
  echo
  echo "| idle SSE streams | wrk req/s | Warden RSS MiB | Warden threads (OS) |"
  echo "|---|---|---|---|"
  echo "| 0 | $RPS_NONE | $RSS_NONE | $THREADS_NONE |"
  echo "| $STREAMS | $RPS_IDLE | $RSS_IDLE | $THREADS_IDLE |"
  echo "| 0 (again, after) | $RPS_AFTER | | |"
  echo
  echo "- throughput with the streams / mean of the two runs without: **$RATIO** ($VERDICT)"
  echo "- $STREAMS streams opened in $OPEN_S s; RSS per stream: $(awk -v a="$RSS_NONE" -v b="$RSS_IDLE" -v n="$STREAMS" 'BEGIN { printf "%.1f KiB", (b - a) * 1024 / n }')"
} > "$OUT/sse-idle.md"
cat "$OUT/sse-idle.md"
publish
