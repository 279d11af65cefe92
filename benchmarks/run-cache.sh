#!/usr/bin/env bash
# Item 3 — the same check workload cached (L1 + L2) and uncached (WARDEN_CACHE_L1/L2=false).
#
#   benchmarks/run-cache.sh [--smoke] [--seconds S]
#
# Per configuration, one Warden (external PostgreSQL, own database; L2 on a private Redis), demo
# data 10 x 1,000, 100 users' tokens. Measures:
#  - throughput: wrk, 32 connections, --seconds (default 20; --smoke 5), on one user's check;
#  - Warden's CPU per request over that window (/proc/<pid>/stat);
#  - SQL per request: from /metrics when Warden exposes a statement counter (set
#    WARDEN_BENCH_SQL_METRIC, default warden_db_statements_total); until then the database's
#    committed + rolled-back transactions per request (pg_stat_database, read from outside);
#  - p99 at one fixed arrival rate for both (Gatling, open loop, half of the uncached wrk rate);
#  - the token-verification share: JMH's uncached ES256 verification (HotPathBenchmark
#    tokenVerifyUncached) divided by the uncached CPU per request.
source "$(dirname "$0")/lib/common.sh"
SECONDS_MEASURED=20
DEMO_USERS=1000
JMH_OPTS=(-f 1 -wi 2 -i 3 -w 1s -r 1s)
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SECONDS_MEASURED=5; DEMO_USERS=100; JMH_OPTS=(-f 1 -wi 1 -i 1 -w 1s -r 1s); shift ;;
    --seconds) SECONDS_MEASURED=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
SQL_METRIC=${WARDEN_BENCH_SQL_METRIC:-warden_db_statements_total}
ensure_built
new_out cache
start_redis

sql_counter() { # the SQL statement counter from /metrics, or empty when there is none
  { curl -fs "$URL/metrics" 2>/dev/null || true; } | awk -v m="$SQL_METRIC" '$1 ~ "^"m {s += $2; n++} END {if (n) printf "%d", s}'
}

declare -A RPS CPU_US SQL SQL_SOURCE P99 P50
for config in cached uncached; do
  if [ "$config" = cached ]; then L=true; else L=false; fi
  DB=$(new_database)
  start_warden "$config" "$DB" WARDEN_DEMO_TENANTS=10 WARDEN_DEMO_USERS="$DEMO_USERS" \
    WARDEN_CACHE_L1=$L WARDEN_CACHE_L2=$L
  wait_ready
  FEEDER="$OUT/feeder-$config.csv"
  feeder "$FEEDER" --mode self --users 100 --tenants 10 --users-per-tenant "$DEMO_USERS"
  ROW=$(sed -n 2p "$FEEDER")
  post_lua "$OUT/check-$config.lua" \
    "{\"permission\":\"$(echo "$ROW" | cut -d, -f2)\",\"userId\":\"$(echo "$ROW" | cut -d, -f3)\"}" \
    "${ROW%%,*}"
  wrk -t2 -c32 -d3s -s "$OUT/check-$config.lua" "$URL/api/authz/check" > /dev/null # warm-up
  X0=$(xact_commits "$DB"); C0=$(cpu_seconds "$PID"); S0=$(sql_counter)
  wrk -t2 -c32 -d"${SECONDS_MEASURED}s" --latency -s "$OUT/check-$config.lua" \
    "$URL/api/authz/check" > "$OUT/wrk-$config.log"
  X1=$(xact_commits "$DB"); C1=$(cpu_seconds "$PID"); S1=$(sql_counter)
  REQUESTS=$(awk '/requests in/ {print $1}' "$OUT/wrk-$config.log")
  RPS[$config]=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/wrk-$config.log")
  CPU_US[$config]=$(awk -v a="$C0" -v b="$C1" -v n="$REQUESTS" 'BEGIN { printf "%.1f", (b - a) * 1e6 / n }')
  if [ -n "$S0" ] && [ -n "$S1" ]; then
    SQL[$config]=$(awk -v a="$S0" -v b="$S1" -v n="$REQUESTS" 'BEGIN { printf "%.3f", (b - a) / n }')
    SQL_SOURCE[$config]="statements (/metrics $SQL_METRIC)"
  else
    SQL[$config]=$(awk -v a="$X0" -v b="$X1" -v n="$REQUESTS" 'BEGIN { printf "%.3f", (b - a) / n }')
    SQL_SOURCE[$config]="transactions (pg_stat_database)"
  fi
  echo "$config: ${RPS[$config]} req/s, ${CPU_US[$config]} µs CPU/request, ${SQL[$config]} ${SQL_SOURCE[$config]}/request"
  eval "URL_$config=\$URL; PID_$config=\$PID; FEEDER_$config=\$FEEDER"
done

# The same fixed arrival rate for both: half of what the uncached configuration sustained in wrk.
RATE=$(( ${RPS[uncached]:-100} / 2 ))
[ "$RATE" -ge 10 ] || RATE=10
for config in cached uncached; do
  URL=$(eval echo "\$URL_$config")
  REPORT=$(gatling "check-$config" OpenLoopSimulation -Dwarden.target=check -Dwarden.rate="$RATE" \
    -Dwarden.duration="$SECONDS_MEASURED" -Dwarden.warmup=5 \
    -Dwarden.feeder="$(eval echo "\$FEEDER_$config")")
  read -r total ok ko rps p50 p99 p999 max <<< "$(gatling_stats "$REPORT" check)"
  P99[$config]=$p99; P50[$config]=$p50
  echo "$config at $RATE/s: p50 $p50 ms, p99 $p99 ms, $ko failed of $total"
done

"$JAVA_BIN" -jar "$BENCH_JAR" 'HotPathBenchmark.tokenVerifyUncached' "${JMH_OPTS[@]}" \
  -rf json -rff "$OUT/token.json" > "$OUT/token.log" 2>&1
VERIFY_US=$(jq -r '.[0].primaryMetric.score / 1000' "$OUT/token.json")
SHARE=$(awk -v v="$VERIFY_US" -v c="${CPU_US[uncached]}" 'BEGIN { if (c > 0) printf "%.0f%%", 100 * v / c; else print "-" }')

{
  echo "Measured $MACHINE. Both: external PostgreSQL, demo data 10 x $DEMO_USERS; wrk 32 connections ${SECONDS_MEASURED} s on one user's check; Gatling open loop at $RATE req/s (half the uncached wrk rate) over 100 users."
  echo
  echo "| configuration | wrk req/s | Warden CPU µs/request | SQL per request | p50 ms @ $RATE/s | p99 ms @ $RATE/s |"
  echo "|---|---|---|---|---|---|"
  for config in uncached cached; do
    echo "| $config | ${RPS[$config]} | ${CPU_US[$config]} | ${SQL[$config]} ${SQL_SOURCE[$config]} | ${P50[$config]} | ${P99[$config]} |"
  done
  echo
  echo "- throughput ratio cached / uncached: **$(ratio "${RPS[cached]}" "${RPS[uncached]}")x**"
  echo "- p99 ratio uncached / cached at the same rate: **$(ratio "${P99[uncached]}" "${P99[cached]}")x**"
  echo "- CPU per request ratio uncached / cached: $(ratio "${CPU_US[uncached]}" "${CPU_US[cached]}")x"
  echo "- token verification share of an uncached request's CPU: **$SHARE** (one ES256 verification, JMH: $(printf '%.0f' "$VERIFY_US") µs, over ${CPU_US[uncached]} µs)"
} > "$OUT/cache.md"
chart "$OUT/cache-throughput.png" "Check throughput (wrk)" "req/s" "uncached=${RPS[uncached]}" "cached=${RPS[cached]}"
cat "$OUT/cache.md"
publish
