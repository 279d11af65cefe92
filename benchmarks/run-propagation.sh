#!/usr/bin/env bash
# Item 5 — invalidation propagation across three instances (separate JVMs), from the client side.
#
#   benchmarks/run-propagation.sh [--smoke] [--changes N] [--warmup N] [--poll-micros U] [--instances N]
#                                 [--types unassign,revoke,remove-member]
#
# Builds what is stale (benchmarks.jar, warden.jar), then: --instances Wardens (default 3; 1 gives
# the writer alone: no other instance shares the cores) on one database (external
# PostgreSQL) and one private Redis, each started by the launcher users run (bootstrap/target/bin/
# warden: Serial GC, its heap; WARDEN_BENCH_LAUNCHER= (empty) for `java -jar` with the JVM's
# defaults instead), each with a GC log. For each change type (unassign a role, revoke a
# permission from the role, remove the member; --types picks them; they take turns, one change
# each) --warmup times uncounted (default 100; --smoke 10), then --changes times (default 1,000; --smoke 30): restore, see every instance allow, settle 20 ms,
# make the change on instance 1, then from the moment its answer (the commit) arrives ask every
# instance, each from its own thread over its own kept-alive connection with a pause of
# --poll-micros (default 500; 0: back to back) after each answer that still allows, until it
# denies. The figures: commit answer -> last instance's first denial (p50/p99/max), and per
# instance, both to the denial's answer arriving (late by at most one pause and one round trip) and
# to the sending of the question that got it (how long a client was still allowed). (Three threads
# asking back to back keep both cores of this box busy with the probe's own checks:
# PropagationProbe's Javadoc.)
# Baseline in the same run: the round trip of one check on an instance (p50/p99 of
# /api/authz/check, wrk, one connection), the floor under any client-side figure.
# Server side: the lines of each instance's /metrics matching WARDEN_BENCH_PROPAGATION_METRIC (an
# extended regular expression; default: the revocation-latency histogram — the message's last
# statement before COMMIT -> evicted on that instance — and the invalidation counters) are saved
# per instance to metrics-<n>.txt, and each instance's count, mean, share under 5 and 10 ms and
# p99 bucket are put under the table, with the GC pauses of each JVM during the run.
source "$(dirname "$0")/lib/common.sh"
CHANGES=1000
WARMUP=100
POLL_MICROS=500
INSTANCES=3
TYPES=unassign,revoke,remove-member
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) CHANGES=30; WARMUP=10; shift ;;
    --changes) CHANGES=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --poll-micros) POLL_MICROS=$2; shift 2 ;;
    --instances) INSTANCES=$2; shift 2 ;;
    --types) TYPES=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
METRIC=${WARDEN_BENCH_PROPAGATION_METRIC:-warden_revocation_latency|warden_invalidation}
ensure_built
export WARDEN_BENCH_LAUNCHER=${WARDEN_BENCH_LAUNCHER-$ROOT/bootstrap/target/bin/warden}
new_out propagation
start_redis
DB=$(new_database)
URLS=()
for n in $(seq 1 "$INSTANCES"); do
  WARDEN_JAVA_OPTS="${WARDEN_JAVA_OPTS:-} -Xlog:gc:file=$OUT/gc-instance-$n.log:utctime,uptime,level,tags" \
    start_warden "instance-$n" "$DB"
  wait_ready # one at a time: the first runs the migrations
  URLS+=("$URL")
done
# The probe's own JVM: a small Serial heap (it allocates little), its pauses logged too.
"$JAVA_BIN" -XX:+UseSerialGC -Xms128m -Xmx128m -Xlog:gc:file="$OUT/gc-probe.log":utctime,uptime,level,tags \
  -Dprobe.warmup="$WARMUP" -Dprobe.pollMicros="$POLL_MICROS" -Dprobe.types="$TYPES" -cp "$BENCH_JAR" io.warden.benchmarks.probe.PropagationProbe \
  "$CHANGES" "$OUT" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "${URLS[@]}" | tee "$OUT/probe.txt"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# The probe's resolution: one check's round trip on the last instance (wrk, one connection, 3 s).
RTT_URL=${URLS[$((INSTANCES - 1))]}
TT=$(tenant_token "$RTT_URL" bench-rtt)
post_lua "$OUT/rtt.lua" '{"permission":"users.view"}' "$TT"
wrk -t1 -c1 -d3s --latency -s "$OUT/rtt.lua" "$RTT_URL/api/authz/check" > "$OUT/rtt.txt"
RTT50=$(wrk_ms "$(awk '$1 == "50%" {print $2}' "$OUT/rtt.txt")")
RTT99=$(wrk_ms "$(awk '$1 == "99%" {print $2}' "$OUT/rtt.txt")")

# GC pauses in a log of -Xlog:gc: "count, p99 and max ms" of the lines ending in a pause time.
gc_pauses() {
  sed -n 's/.*Pause.* \([0-9.]*\)ms$/\1/p' "$1" | sort -n | awk '{ p[NR] = $1 }
    END {
      if (NR == 0) { print "none"; exit }
      r = int(0.99 * NR + 0.999); if (r < 1) r = 1
      printf "%d pauses, p99 %.2f ms, max %.2f ms", NR, p[r], p[NR]
    }'
}
# The revocation-latency histogram of one instance, summed over change types: count, mean, the
# share at or under 5 and 10 ms and the first bucket bound holding 99% of the changes.
revocations() {
  awk '/^warden_revocation_latency_seconds_sum/ {s += $2}
    /^warden_revocation_latency_seconds_count/ {c += $2}
    /^warden_revocation_latency_seconds_bucket/ {
      match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); b[le] += $2; if (le != "+Inf" && le + 0 == 0.005) b5 += $2; if (le != "+Inf" && le + 0 == 0.01) b10 += $2; if (!(le in seen)) { seen[le] = 1; order[k++] = le } }
    END {
      if (c == 0) { printf "none"; exit }
      p99 = "+Inf"
      for (i = 0; i < k; i++) { if (order[i] != "+Inf" && b[order[i]] >= 0.99 * c) { if (p99 == "+Inf" || order[i] + 0 < p99 + 0) p99 = order[i] } }
      printf "%d changes, mean %.2f ms, <= 5 ms: %.1f%%, <= 10 ms: %.1f%%, p99 <= %s ms", c, 1000 * s / c, 100 * b5 / c, 100 * b10 / c, (p99 == "+Inf" ? p99 : sprintf("%g", 1000 * p99))
    }' "$1"
}

METRICS_NOTE="not exposed yet (/metrics answers $(curl -s -o /dev/null -w '%{http_code}' "${URLS[0]}/metrics"))"
if curl -fs -o /dev/null "${URLS[0]}/metrics"; then
  for n in $(seq 1 "$INSTANCES"); do
    curl -fs "${URLS[$((n - 1))]}/metrics" | grep -E "^($METRIC)" > "$OUT/metrics-$n.txt" || true
  done
  METRICS_NOTE="saved in the run's directory (\`metrics-1..$INSTANCES.txt\`, lines matching \`$METRIC\`); the message's last statement before COMMIT -> evicted, per instance (every change of the run, warm-up and restores included): $(
    for n in $(seq 1 "$INSTANCES"); do
      printf 'instance %d: %s; ' "$n" "$(revocations "$OUT/metrics-$n.txt")"
    done)"
fi
GC_NOTE=$(
  for n in $(seq 1 "$INSTANCES"); do
    printf 'instance %d: %s; ' "$n" "$(gc_pauses "$OUT/gc-instance-$n.log")"
  done
  printf 'probe: %s' "$(gc_pauses "$OUT/gc-probe.log")")
LAUNCH_NOTE="started by \`${WARDEN_BENCH_LAUNCHER:-java -jar}\`${WARDEN_BENCH_LAUNCHER:+ (its JVM defaults)}"
{
  echo "Measured $MACHINE (load average at the end $LOAD_AFTER). $INSTANCES instance(s) (separate JVMs, $LAUNCH_NOTE) on one external PostgreSQL and one Redis; every change made on instance 1; $CHANGES changes per type after $WARMUP uncounted, the types taking turns ($TYPES, one change each); each instance asked $( [ "$POLL_MICROS" -gt 0 ] && echo "with a pause of $POLL_MICROS µs after each answer" || echo "back to back") until it denies."
  echo
  echo "Two figures from the commit's answer: to the first denial's answer arriving (*answered*, late by one pause and the denying question's round trip), and to the sending of the question that got it (*asked*: every question sent before it was allowed, so this is how long the revoked permission was still allowed there as a client saw it)."
  echo
  echo "| change | n | commit answer → last instance's denial answered: p50 ms | p99 ms | max ms | → asked: p50 ms | p99 ms | max ms | p50 answered × one check's round trip |"
  echo "|---|---|---|---|---|---|---|---|---|"
  CHART=()
  while read -r type n p50 p99 max; do
    case $type in *#* | *@asked) continue ;; esac
    read -r _ _ a50 a99 amax < <(grep "^$type@asked " "$OUT/probe.txt")
    echo "| $type | $n | $p50 | $p99 | $max | $a50 | $a99 | $amax | $(ratio "$p50" "$RTT50") |"
    CHART+=("$type p99 answered=$p99" "$type p99 asked=$a99")
  done < "$OUT/probe.txt"
  echo "| *baseline: one check's round trip (wrk, 1 connection)* | | $RTT50 | $RTT99 | | | | | 1.00 |"
  echo
  echo "Per instance (commit answer → that instance's first denial; instance 1 is the writer):"
  echo
  echo "| change#instance | n | answered: p50 ms | p99 ms | max ms | asked: p50 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|---|---|---|"
  while read -r type n p50 p99 max; do
    case $type in
      *@asked) ;;
      *#*)
        read -r _ _ a50 a99 amax < <(grep "^$type@asked " "$OUT/probe.txt")
        echo "| $type | $n | $p50 | $p99 | $max | $a50 | $a99 | $amax |"
        ;;
    esac
  done < "$OUT/probe.txt"
  echo
  echo "Server-side revocation-latency histograms (\`/metrics\`): $METRICS_NOTE."
  echo
  echo "GC pauses during the whole run (\`-Xlog:gc\`): $GC_NOTE."
} > "$OUT/propagation.md"
chart "$OUT/propagation.png" "Commit to last instance denying" "ms" "${CHART[@]}"
cat "$OUT/propagation.md"
publish
