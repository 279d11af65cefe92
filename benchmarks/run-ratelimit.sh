#!/usr/bin/env bash
# The cost of the rate limiter on the warm check: throughput and p99 with the `check` class on and
# off, in the same run.
#
#   benchmarks/run-ratelimit.sh [--smoke] [--rounds N] [--seconds S]
#
# Two Warden JVMs on one database and one private Redis, identical but for the `check` limit:
# "off" has WARDEN_RATE_CHECK_PER_MINUTE=0 (the class disabled: no filter work, no headers), "on"
# has a limit of 10^9 per minute, shared through Redis (leased in slices of 1,000, so one Redis
# take per 1,000 checks of the key) and never reached, so every answer is a 200. One token, one
# key: every connection spends the same lease, the limiter's worst case for lock contention. wrk
# (closed loop, 2 threads, 16 connections) runs against each in turn, ABBA, ROUNDS times, after a
# warm-up of each. Writes the pairs, their ratios and the Redis commands the "on" runs caused.
source "$(dirname "$0")/lib/common.sh"
round_options "$@"
ensure_built
new_out ratelimit
start_redis
DB=$(new_database)
start_warden off "$DB" WARDEN_RATE_CHECK_PER_MINUTE=0
wait_ready
URL_OFF=$URL
start_warden on "$DB" WARDEN_RATE_CHECK_PER_MINUTE=1000000000
wait_ready
URL_ON=$URL

TT=$(tenant_token "$URL_OFF" bench-ratelimit)
post_lua "$OUT/check.lua" '{"permission":"users.view"}' "$TT"
# The "on" instance must really limit: its answers carry the headers.
curl -fs -D - -o /dev/null "$URL_ON/api/authz/check" -H "authorization: Bearer $TT" \
  -H 'content-type: application/json' -d '{"permission":"users.view"}' | tr -d '\r' \
  | grep -qi '^ratelimit-limit: 1000000000$' || { echo "the on instance sent no RateLimit-Limit" >&2; exit 1; }
curl -fs -D - -o /dev/null "$URL_OFF/api/authz/check" -H "authorization: Bearer $TT" \
  -H 'content-type: application/json' -d '{"permission":"users.view"}' | tr -d '\r' \
  | grep -qi '^ratelimit-limit' && { echo "the off instance limits" >&2; exit 1; }

# run NAME URL SECONDS: "rps p50 p99 non2xx" of one wrk run; the raw output stays in $OUT.
run() {
  local name=$1 url=$2 secs=$3 file
  file="$OUT/wrk-$name.txt"
  wrk -t2 -c16 -d"${secs}s" --latency -s "$OUT/check.lua" "$url/api/authz/check" > "$file"
  wrk_figures "$file"
}
run warm-off "$URL_OFF" 5 > /dev/null
run warm-on "$URL_ON" 5 > /dev/null

ROWS=()
CHART=()
TAKES_BEFORE=$(redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | awk -F'[:=,]' '/^cmdstat_(eval|evalsha):/ {s += $3} END {print s + 0}')
ON_REQUESTS=0
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then order="off on"; else order="on off"; fi
  for which in $order; do
    if [ "$which" = off ]; then read -r rps p50 p99 bad < <(run "off-$r" "$URL_OFF" "$SECONDS_PER_RUN")
    else read -r rps p50 p99 bad < <(run "on-$r" "$URL_ON" "$SECONDS_PER_RUN")
      ON_REQUESTS=$(awk -v a="$ON_REQUESTS" -v b="$(awk '/requests in/ {print $1}' "$OUT/wrk-on-$r.txt")" 'BEGIN {print a + b}')
    fi
    eval "${which}_rps=$rps ${which}_p50=$p50 ${which}_p99=$p99 ${which}_bad=$bad"
  done
  ROWS+=("| $r | $order | $off_rps | $on_rps | $(ratio "$on_rps" "$off_rps") | $off_p50 / $off_p99 | $on_p50 / $on_p99 | $(ratio "$on_p99" "$off_p99") | $off_bad / $on_bad |")
  CHART+=("off $r=$off_rps" "on $r=$on_rps")
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
TAKES_AFTER=$(redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | awk -F'[:=,]' '/^cmdstat_(eval|evalsha):/ {s += $3} END {print s + 0}')
{
  echo "Measured $(machine_line). Load average at the start of the measured rounds $LOAD_START, at the end $LOAD_END: the machine is shared (other builds and tests run beside), so only the pairs of one round compare."
  echo
  echo "Two instances, one database, one private Redis; one token (one limiter key); wrk -t2 -c16, $SECONDS_PER_RUN s per run, order alternating per round."
  echo
  echo "| round | order | off: checks/s | on: checks/s | on / off | off: p50 / p99 ms | on: p50 / p99 ms | p99 on / off | non-2xx off / on |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Redis scripts (Bucket4j's compare-and-swap) run while the \"on\" instance answered $ON_REQUESTS checks: $((TAKES_AFTER - TAKES_BEFORE)) (the L2 cache's scripts included; a warm check reads none)."
} > "$OUT/ratelimit.md"
chart "$OUT/ratelimit.png" "Warm checks per second, check limit off vs on" "checks/s" "${CHART[@]}"
cat "$OUT/ratelimit.md"
publish
