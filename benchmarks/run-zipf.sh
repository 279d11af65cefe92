#!/usr/bin/env bash
# Item 6 — hit ratio per tier under Zipf-distributed users, L1 bounded below the working set.
#
#   benchmarks/run-zipf.sh [--smoke] [--rate R] [--warmup S] [--seconds S]
#
# One Warden: external PostgreSQL, demo data 10 tenants x 10,000 users (100,000), L1 bounded to
# 10,000 entries per cache (WARDEN_CACHE_L1_MAX_ENTRIES), L2 on a private Redis. Each tenant's
# admin asks about its members (the check for another user), users drawn uniformly (s = 0, the
# baseline) and by Zipf's law with s = 1.0 and 1.2. Per distribution: --warmup s (default 60) at
# --rate (default 250/s: the uniform baseline misses L1 nine times in ten, and at 1,000/s its loads
# overran this 2-core machine, so its p99 measured a queue), then --seconds (default 30) measured
# at the same rate on the draws that follow (Gatling, open loop). Tiers from outside: L2 reads and writes are one Lua script call each on the private Redis
# (INFO commandstats), database loads are the database's transactions (pg_stat_database, less the
# idle rate of the listener's heartbeat). So: L1 misses = script calls - loads; L2 hits = L1 misses
# - loads. (Once /metrics exposes per-tier counters they are the better source.)
# --smoke: 10 x 2,000 users, L1 bound 2,000, 300/s, 5 s + 5 s.
source "$(dirname "$0")/lib/common.sh"
USERS=10000; BOUND=10000; RATE=250; WARMUP=60; SECONDS_MEASURED=30
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) USERS=2000; BOUND=2000; RATE=300; WARMUP=5; SECONDS_MEASURED=5; shift ;;
    --rate) RATE=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --seconds) SECONDS_MEASURED=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out zipf
MACHINE=$(machine_line)
start_redis
DB=$(new_database)
start_warden zipf "$DB" WARDEN_DEMO_TENANTS=10 WARDEN_DEMO_USERS="$USERS" \
  WARDEN_CACHE_L1_MAX_ENTRIES="$BOUND"
wait_ready
script_calls() {
  redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' \
    | sed -n 's/^cmdstat_\(eval\|evalsha\|eval_ro\|evalsha_ro\):calls=\([0-9]*\),.*/\2/p' \
    | awk '{s+=$1} END {print s+0}'
}
ROWS=$(( RATE * (WARMUP + SECONDS_MEASURED) + 1000 ))
{
  echo "Measured $MACHINE. 10 tenants x $USERS users, L1 bound $BOUND entries per cache, L2 on, $RATE checks/s (open loop), ${WARMUP} s warm-up then ${SECONDS_MEASURED} s measured per distribution."
  echo
  echo "| users drawn | checks | L1 hit ratio | L2 hit ratio (of L1 misses) | database loads per check | p50 ms | p99 ms | p99 × uniform |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$OUT/zipf.md"
BASE_P99=""
CHART=()
for s in 0 1.0 1.2; do
  FEEDER="$OUT/feeder-$s.csv"
  if [ "$s" = 0 ]; then
    feeder "$FEEDER" --mode admin --tenants 10 --users-per-tenant "$USERS" --rows "$ROWS"
    LABEL="uniform (baseline)"
  else
    feeder "$FEEDER" --mode admin --tenants 10 --users-per-tenant "$USERS" --rows "$ROWS" --zipf "$s"
    LABEL="Zipf s = $s"
  fi
  # Each distribution starts from cold caches: flush every tenant through its admin.
  for t in $(seq 1 10); do
    LOGIN=$(curl -fs "$URL/api/auth/login" -H 'content-type: application/json' \
      -d "{\"email\":\"demo-$t-1@demo.warden.local\",\"password\":\"$DEMO_PASSWORD\"}")
    curl -fs -X DELETE "$URL/api/performance/cache/tenant/$(echo "$LOGIN" | jq -r .tenant.id)" \
      -H "authorization: Bearer $(echo "$LOGIN" | jq -r .accessToken)"
  done
  # The warm-up and the measured run take consecutive rows: each Gatling run reads its feeder from
  # the first row, so one file for both would replay the warm-up's draws as guaranteed L1 hits.
  WARM_ROWS=$(( RATE * WARMUP + 1 ))
  head -n "$WARM_ROWS" "$FEEDER" > "$FEEDER.warmup"
  { head -n 1 "$FEEDER"; tail -n +"$(( WARM_ROWS + 1 ))" "$FEEDER"; } > "$FEEDER.measured"
  gatling "warmup-$s" OpenLoopSimulation -Dwarden.target=check -Dwarden.rate="$RATE" \
    -Dwarden.duration="$WARMUP" -Dwarden.feeder="$FEEDER.warmup" > /dev/null
  I0=$(xact_commits "$DB"); sleep 3; I1=$(xact_commits "$DB")
  X0=$(xact_commits "$DB"); R0=$(script_calls); T0=$(date +%s%N)
  REPORT=$(gatling "measured-$s" OpenLoopSimulation -Dwarden.target=check -Dwarden.rate="$RATE" \
    -Dwarden.duration="$SECONDS_MEASURED" -Dwarden.feeder="$FEEDER.measured")
  X1=$(xact_commits "$DB"); R1=$(script_calls); T1=$(date +%s%N)
  read -r total ok ko rps p50 p99 p999 max <<< "$(gatling_stats "$REPORT" check)"
  read -r L1 L2 LOADS <<< "$(awk -v x0="$X0" -v x1="$X1" -v i0="$I0" -v i1="$I1" -v r0="$R0" -v r1="$R1" \
      -v n="$total" -v t="$(( (T1 - T0) / 1000000 ))" 'BEGIN {
        idle = (i1 - i0) / 3000 * t; d = (x1 - x0) - idle; if (d < 0) d = 0;
        c = r1 - r0; miss = c - d; if (miss < 0) miss = 0;
        l1 = n > 0 ? 1 - miss / n : 0; l2 = miss > 0 ? (miss - d) / miss : 0; if (l2 < 0) l2 = 0;
        printf "%.3f %.3f %.4f", l1, l2, (n > 0 ? d / n : 0) }')"
  [ -n "$BASE_P99" ] || BASE_P99=$p99
  echo "| $LABEL | $total ($ko failed) | $L1 | $L2 | $LOADS | $p50 | $p99 | $(ratio "$p99" "$BASE_P99") |" >> "$OUT/zipf.md"
  CHART+=("L1 hit ratio, $LABEL=$L1")
  echo "$LABEL: L1 $L1, L2 $L2, loads/check $LOADS, p99 $p99 ms"
done
chart "$OUT/zipf.png" "L1 hit ratio, L1 bound below the working set" "ratio" "${CHART[@]}"
cat "$OUT/zipf.md"
publish
