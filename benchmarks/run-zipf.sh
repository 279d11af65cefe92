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
# at the same rate on the draws that follow (Gatling, open loop). The tiers' figures are Warden's
# own counters of the permission-set loads (/metrics, before and after the measured run): keys
# that reached each tier (warden_tier_keys), keys L2 answered (warden_cache_hits) and keys no
# tier answered (warden_cache_misses: read from PostgreSQL). A check looks up two sets, the asking
# admin's own (held in L1 throughout) and the asked-about user's, so every key that reaches L2 is a
# user's set that L1 missed: L1 hit ratio (of the users asked about) = 1 - keys reaching L2 /
# checks; L2 hit ratio = L2 hits / keys reaching L2; database loads per check = misses / checks;
# and look-ups per check = keys reaching L1 / checks, printed to show the two look-ups. (Counted
# from outside before — Redis script calls and database transactions — the ratios took in other
# work and the uniform L1 ratio came out below zero.)
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
start_redis
DB=$(new_database)
start_warden zipf "$DB" WARDEN_DEMO_TENANTS=10 WARDEN_DEMO_USERS="$USERS" \
  WARDEN_CACHE_L1_MAX_ENTRIES="$BOUND"
wait_ready
# tier_counts: "keys_l1 keys_l2 hits_l2 misses" of the permission-set loads, from /metrics.
tier_counts() {
  curl -fs "$URL/metrics" | awk '
    /^warden_tier_keys(_total)?\{.*operation="permission load".*tier="l1"/ { k1 = $NF }
    /^warden_tier_keys(_total)?\{.*operation="permission load".*tier="l2"/ { k2 = $NF }
    /^warden_cache_hits(_total)?\{.*operation="permission load".*tier="l2"/ { h2 = $NF }
    /^warden_cache_misses(_total)?\{.*operation="permission load"/ { m = $NF }
    END { printf "%d %d %d %d\n", k1, k2, h2, m }'
}
ROWS=$(( RATE * (WARMUP + SECONDS_MEASURED) + 1000 ))
{
  echo "Measured $MACHINE. 10 tenants x $USERS users, L1 bound $BOUND entries per cache, L2 on, $RATE checks/s (open loop), ${WARMUP} s warm-up then ${SECONDS_MEASURED} s measured per distribution."
  echo
  echo "| users drawn | checks | L1 hit ratio | L2 hit ratio (of L1 misses) | database loads per check | set look-ups per check | p50 ms | p99 ms | p99 × uniform |"
  echo "|---|---|---|---|---|---|---|---|---|"
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
  read -r K1A K2A H2A MA <<< "$(tier_counts)"
  REPORT=$(gatling "measured-$s" OpenLoopSimulation -Dwarden.target=check -Dwarden.rate="$RATE" \
    -Dwarden.duration="$SECONDS_MEASURED" -Dwarden.feeder="$FEEDER.measured")
  read -r K1B K2B H2B MB <<< "$(tier_counts)"
  read -r total ok ko rps p50 p99 p999 max <<< "$(gatling_stats "$REPORT" check)"
  read -r L1 L2 LOADS LOOKUPS <<< "$(awk -v k1=$((K1B - K1A)) -v k2=$((K2B - K2A)) \
      -v h2=$((H2B - H2A)) -v m=$((MB - MA)) -v n="$total" 'BEGIN {
        printf "%.3f %.3f %.4f %.2f", (n > 0 ? 1 - k2 / n : 0), (k2 > 0 ? h2 / k2 : 0), (n > 0 ? m / n : 0), (n > 0 ? k1 / n : 0) }')"
  [ -n "$BASE_P99" ] || BASE_P99=$p99
  echo "| $LABEL | $total ($ko failed) | $L1 | $L2 | $LOADS | $LOOKUPS | $p50 | $p99 | $(ratio "$p99" "$BASE_P99") |" >> "$OUT/zipf.md"
  CHART+=("L1 hit ratio, $LABEL=$L1")
  echo "$LABEL: L1 $L1, L2 $L2, loads/check $LOADS, p99 $p99 ms"
done
chart "$OUT/zipf.png" "L1 hit ratio, L1 bound below the working set" "ratio" "${CHART[@]}"
cat "$OUT/zipf.md"
publish
