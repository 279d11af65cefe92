#!/usr/bin/env bash
# Item 5 — invalidation propagation across three instances (separate JVMs), from the client side.
#
#   benchmarks/run-propagation.sh [--smoke] [--changes N]
#
# Three Wardens on one database (external PostgreSQL) and one private Redis. For each change type
# (unassign a role, revoke a permission from the role, remove the member) --changes times (default
# 1,000; --smoke 30): restore, see every instance allow, make the change on instance 1, then from the
# moment its answer (the commit) arrives ask every instance back to back until it denies. The
# figure: commit answer -> last instance denying (p50/p99/max). Baseline in the same run: the
# round trip of one check on an instance (p50/p99 of /api/authz/check), i.e. the probe's own
# resolution.
# Metrics hook: when the instances expose /metrics, the lines matching WARDEN_BENCH_PROPAGATION_METRIC
# (an extended regular expression; default: the revocation-latency histogram, journal -> evicted on
# each instance, and the invalidation counters) are saved per instance to metrics-<n>.txt, and each
# instance's revocation-latency count and mean are put in the table.
source "$(dirname "$0")/lib/common.sh"
CHANGES=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) CHANGES=30; shift ;;
    --changes) CHANGES=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
METRIC=${WARDEN_BENCH_PROPAGATION_METRIC:-warden_revocation_latency|warden_invalidation}
ensure_built
new_out propagation
MACHINE=$(machine_line)
start_redis
DB=$(new_database)
URLS=()
for n in 1 2 3; do
  start_warden "instance-$n" "$DB"
  wait_ready # one at a time: the first runs the migrations
  URLS+=("$URL")
done
"$JAVA_BIN" -cp "$BENCH_JAR" io.warden.benchmarks.probe.PropagationProbe "$CHANGES" "$OUT" \
  "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "${URLS[@]}" | tee "$OUT/probe.txt"

# The probe's resolution: one check's round trip on instance 2 (wrk, one connection, 3 s).
TT=$(tenant_token "${URLS[1]}" bench-rtt)
post_lua "$OUT/rtt.lua" '{"permission":"users.view"}' "$TT"
wrk -t1 -c1 -d3s --latency -s "$OUT/rtt.lua" "${URLS[1]}/api/authz/check" > "$OUT/rtt.txt"
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else if (v ~ /s$/) printf "%.2f", v * 1000; else print v }'; }
RTT50=$(ms "$(awk '$1 == "50%" {print $2}' "$OUT/rtt.txt")")
RTT99=$(ms "$(awk '$1 == "99%" {print $2}' "$OUT/rtt.txt")")

METRICS_NOTE="not exposed yet (/metrics answers $(curl -s -o /dev/null -w '%{http_code}' "${URLS[0]}/metrics"))"
if curl -fs -o /dev/null "${URLS[0]}/metrics"; then
  for n in 1 2 3; do
    curl -fs "${URLS[$((n - 1))]}/metrics" | grep -E "^($METRIC)" > "$OUT/metrics-$n.txt" || true
  done
  METRICS_NOTE="saved in the run's directory (\`metrics-1..3.txt\`, lines matching \`$METRIC\`); journal -> evicted, per instance: $(
    for n in 1 2 3; do
      awk -v n="$n" '/^warden_revocation_latency_seconds_sum/ {s += $2} /^warden_revocation_latency_seconds_count/ {c += $2}
        END { if (c > 0) printf "instance %d: %d changes, mean %.2f ms; ", n, c, 1000 * s / c; else printf "instance %d: none; ", n }' "$OUT/metrics-$n.txt"
    done)"
fi
{
  echo "Measured $MACHINE. Three instances (separate JVMs) on one external PostgreSQL and one Redis; every change made on instance 1; $CHANGES changes per type."
  echo
  echo "| change | n | commit answer → last instance denies: p50 ms | p99 ms | max ms | p50 × one check's round trip |"
  echo "|---|---|---|---|---|---|"
  CHART=()
  while read -r type n p50 p99 max; do
    echo "| $type | $n | $p50 | $p99 | $max | $(ratio "$p50" "$RTT50") |"
    CHART+=("$type p50=$p50" "$type p99=$p99")
  done < "$OUT/probe.txt"
  echo "| *baseline: one check's round trip (wrk, 1 connection)* | | $RTT50 | $RTT99 | | 1.00 |"
  echo
  echo "Server-side revocation-latency histograms (\`/metrics\`): $METRICS_NOTE."
} > "$OUT/propagation.md"
chart "$OUT/propagation.png" "Commit to last instance denying" "ms" "${CHART[@]}"
cat "$OUT/propagation.md"
publish
