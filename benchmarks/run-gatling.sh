#!/usr/bin/env bash
# Item 2 — HTTP check against bare /ping at fixed arrival rates (Gatling, open loop).
#
#   benchmarks/run-gatling.sh [--smoke] [--step-seconds S] [--seconds S] [--slo-ms MS]
#
# 1. One Warden (external PostgreSQL, L1 + L2 on a private Redis, demo data 10 x 1,000 users);
#    100 demo users log in (the check feeder).
# 2. wrk (closed loop, 32 connections, 5 s) on /ping and on the check, as a cross-check of max
#    throughput.
# 3. Max sustainable rate of each, found with Gatling: offered rates from 500/s (halved until one
#    holds) up by x1.5 for
#    --step-seconds each (default 10) until a step fails: any failed request, under 95% of the
#    offered rate achieved, or p99 over --slo-ms (default 100).
# 4. /ping and the check at 25/50/75% of /ping's max rate for --seconds each (default 30):
#    p50/p99/p99.9/max and the check's ratio to /ping at the same rate.
# --smoke: 3 s warm-ups, 3 s steps, 5 s measurements, demo data 10 x 100. Gatling's HTML reports stay under benchmarks/target/results/.
source "$(dirname "$0")/lib/common.sh"
STEP_SECONDS=10
WARMUP=10
DEMO_USERS=1000
SECONDS_PER_RATE=30
SLO_MS=100
START_RATE=500
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) STEP_SECONDS=3; SECONDS_PER_RATE=5; WARMUP=3; DEMO_USERS=100; shift ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --step-seconds) STEP_SECONDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RATE=$2; shift 2 ;;
    --slo-ms) SLO_MS=$2; shift 2 ;;
    --start-rate) START_RATE=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out gatling
start_redis
DB=$(new_database)
start_warden open-loop "$DB" WARDEN_DEMO_TENANTS=10 WARDEN_DEMO_USERS="$DEMO_USERS"
wait_ready
FEEDER="$OUT/check-feeder.csv"
feeder "$FEEDER" --mode self --users 100 --tenants 10 --users-per-tenant "$DEMO_USERS"

# wrk cross-check: closed loop, so it finds throughput, not latency under a given load.
ROW=$(sed -n 2p "$FEEDER")
TOKEN=${ROW%%,*}
USER_ID=$(echo "$ROW" | cut -d, -f3)
PERMISSION=$(echo "$ROW" | cut -d, -f2)
post_lua "$OUT/check.lua" "{\"permission\":\"$PERMISSION\",\"userId\":\"$USER_ID\"}" "$TOKEN"
wrk_rps() { wrk -t2 -c32 -d5s --latency "$@" | tee -a "$OUT/wrk.log" | awk '/Requests\/sec/ {printf "%.0f", $2}'; }
# Warm the JIT on both paths first (10 s each, not recorded): measured cold, the check's 5 s ran at
# a third of its warm rate.
wrk -t2 -c32 -d10s "$URL/ping" > /dev/null
wrk -t2 -c32 -d10s -s "$OUT/check.lua" "$URL/api/authz/check" > /dev/null
WRK_PING=$(wrk_rps "$URL/ping")
WRK_CHECK=$(wrk_rps -s "$OUT/check.lua" "$URL/api/authz/check")
echo "wrk: /ping $WRK_PING req/s, check $WRK_CHECK req/s"

# sustainable TARGET RATE SECONDS: runs one step and prints "ok|fail <stats>".
step() {
  local target=$1 rate=$2 seconds=$3 report stats
  report=$(gatling "$target-$rate-$seconds" OpenLoopSimulation -Dwarden.target="$target" \
    -Dwarden.rate="$rate" -Dwarden.duration="$seconds" -Dwarden.warmup="$WARMUP" \
    -Dwarden.feeder="$FEEDER")
  stats=$(gatling_stats "$report" "$target")
  read -r total ok ko rps p50 p99 p999 max <<< "$stats"
  local verdict=ok
  if [ "$ko" != "0" ] || [ "$total" = "0" ] || [ "$p99" = "-" ] || [ "$p99" -gt "$SLO_MS" ] \
      || awk -v t="$total" -v r="$rate" -v s="$seconds" 'BEGIN { exit !(t < 0.95 * r * s) }'; then
    verdict=fail
  fi
  echo "$verdict $stats"
}

max_rate() { # max_rate TARGET: the highest offered rate that held (halving first if the start fails)
  local target=$1 rate=$START_RATE best=0 result
  while :; do
    result=$(step "$target" "$rate" "$STEP_SECONDS")
    echo "$target $rate/s: $result" >> "$OUT/capacity.log"
    echo "  capacity $target $rate/s: $result" >&2
    if [ "${result%% *}" = ok ]; then best=$rate; break; fi
    rate=$(( rate / 2 ))
    if [ "$rate" -lt 25 ]; then echo 0; return; fi
  done
  for _ in $(seq 1 12); do
    rate=$(awk -v r="$rate" 'BEGIN { printf "%d", r * 1.5 }')
    result=$(step "$target" "$rate" "$STEP_SECONDS")
    echo "$target $rate/s: $result" >> "$OUT/capacity.log"
    echo "  capacity $target $rate/s: $result" >&2
    [ "${result%% *}" = ok ] || break
    best=$rate
  done
  echo "$best"
}
MAX_PING=$(max_rate ping)
MAX_CHECK=$(max_rate check)
echo "max sustainable: /ping $MAX_PING/s, check $MAX_CHECK/s"

{
  echo "Measured $MACHINE. Warden: external PostgreSQL, L1 + L2, demo data 10 x $DEMO_USERS users; 100 users' tokens (each checks itself)."
  echo
  echo "**Max sustainable throughput** (Gatling, open loop: offered rate from $START_RATE/s (halved first if that fails) up by x1.5, $STEP_SECONDS s a step after $WARMUP s of warm-up; held = no failure, >= 95% of the offered rate achieved, p99 <= $SLO_MS ms) and wrk (closed loop, 32 connections, 5 s) as a cross-check:"
  echo
  echo "| request | Gatling max sustainable req/s | wrk req/s | × /ping (Gatling) | × /ping (wrk) |"
  echo "|---|---|---|---|---|"
  echo "| \`GET /ping\` | $MAX_PING | $WRK_PING | 1.00 | 1.00 |"
  echo "| \`POST /api/authz/check\` (warm) | $MAX_CHECK | $WRK_CHECK | $(ratio "$MAX_CHECK" "$MAX_PING") | $(ratio "$WRK_CHECK" "$WRK_PING") |"
  echo
  echo "**Latency at fixed arrival rates** (fractions of /ping's max sustainable rate, $SECONDS_PER_RATE s each; Gatling's resolution is 1 ms):"
  echo
  echo "| rate | request | requests | failed | p50 ms | p99 ms | p99.9 ms | max ms | p99 × /ping |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$OUT/gatling.md"
CHART=()
if [ "$MAX_PING" -gt 0 ]; then
  for pct in 25 50 75; do
    rate=$(( MAX_PING * pct / 100 ))
    [ "$rate" -gt 0 ] || continue
    read -r _ tp op kp rp p50p p99p p999p maxp <<< "$(step ping "$rate" "$SECONDS_PER_RATE")"
    read -r _ tc oc kc rc p50c p99c p999c maxc <<< "$(step check "$rate" "$SECONDS_PER_RATE")"
    echo "| $pct% ($rate/s) | \`/ping\` | $tp | $kp | $p50p | $p99p | $p999p | $maxp | 1.00 |" >> "$OUT/gatling.md"
    echo "| $pct% ($rate/s) | check | $tc | $kc | $p50c | $p99c | $p999c | $maxc | $(ratio "$p99c" "$p99p") |" >> "$OUT/gatling.md"
    CHART+=("ping p99 @$pct%=$p99p" "check p99 @$pct%=$p99c")
  done
fi
echo >> "$OUT/gatling.md"
echo "Gatling HTML reports: \`benchmarks/target/results/$(basename "$OUT")/gatling/*/index.html\` (not committed)." >> "$OUT/gatling.md"
chart "$OUT/gatling-p99.png" "p99 at fixed arrival rates" "ms" "${CHART[@]}"
cat "$OUT/gatling.md"
publish
