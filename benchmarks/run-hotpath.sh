#!/usr/bin/env bash
# The warm check against a bare /ping on the same instance, over HTTP, with wrk.
#
#   benchmarks/run-hotpath.sh [--smoke] [--rounds N] [--seconds S]
#
# One Warden (external PostgreSQL, own database; L2 on a private Redis), one tenant-scoped token.
# After a warm-up of both, `wrk -t2 -c16` runs GET /ping and a warm POST /api/authz/check in turn,
# the order alternating per round (default 3 rounds of 15 s; --smoke: 1 of 3 s). The figure is the
# check's throughput as a fraction of /ping's in the same round: what a decision costs over the
# cheapest answer the same server gives.
source "$(dirname "$0")/lib/common.sh"
round_options "$@"
ensure_built
new_out hotpath
start_redis
DB=$(new_database)
start_warden hotpath "$DB"
wait_ready
TT=$(tenant_token "$URL" bench-hotpath)
post_lua "$OUT/check.lua" '{"permission":"users.view"}' "$TT"

# run NAME SECONDS: "rps p50 p99 non2xx" of one wrk run; the raw output stays in $OUT.
run() {
  local name=$1 secs=$2 file
  file="$OUT/wrk-$name.txt"
  if [ "${name%%-*}" = ping ]; then
    wrk -t2 -c16 -d"${secs}s" --latency "$URL/ping" > "$file"
  else
    wrk -t2 -c16 -d"${secs}s" --latency -s "$OUT/check.lua" "$URL/api/authz/check" > "$file"
  fi
  wrk_figures "$file"
}
run ping-warm 10 > /dev/null
run check-warm 10 > /dev/null

ROWS=()
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then order="ping check"; else order="check ping"; fi
  for which in $order; do
    read -r rps p50 p99 bad < <(run "$which-$r" "$SECONDS_PER_RUN")
    eval "${which}_rps=$rps ${which}_p50=$p50 ${which}_p99=$p99 ${which}_bad=$bad"
  done
  ROWS+=("| $r | $order | $ping_rps | $check_rps | $(ratio "$check_rps" "$ping_rps") | $ping_p50 / $ping_p99 | $check_p50 / $check_p99 | $ping_bad / $check_bad |")
done
{
  echo "$MACHINE"
  echo
  echo "One instance, wrk -t2 -c16, $SECONDS_PER_RUN s per run, order alternating per round."
  echo
  echo "| round | order | /ping req/s | check req/s | check / ping | ping p50 / p99 ms | check p50 / p99 ms | non-2xx ping / check |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$OUT/$ITEM.md"
publish
