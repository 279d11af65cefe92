#!/usr/bin/env bash
# What measuring costs the warm check (issue #8): throughput with WARDEN_METRICS on vs off, over
# HTTP, in the same run; then the in-process figure (JMH MeteringBenchmark, a JVM per variant and
# fork, with the GC profiler's bytes per check).
#
#   benchmarks/run-metering.sh [--smoke] [--rounds N] [--seconds S] [--no-jmh]
#
# Two Warden JVMs on one database and one private Redis, identical but for WARDEN_METRICS: "off"
# (false: no metering decorator, Metrics.NONE, nothing recorded) and "on" (true, the default: every
# tier counted, the check timed and counted per user and tenant). One token. wrk (closed loop,
# 2 threads, 16 connections) on the warm POST /api/authz/check of each in turn, the order
# alternating per round (ABBA), ROUNDS times, after a warm-up of each; the figure is on / off of
# each round. The "on" instance must have recorded every check it answered and "off" none
# (/api/performance/stats), else the run stops. Goal (issue #8): on within 5% of off.
source "$(dirname "$0")/lib/common.sh"
ROUNDS=4
SECONDS_PER_RUN=15
JMH=yes
JMH_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) ROUNDS=2; SECONDS_PER_RUN=3; JMH_ARGS=(-f 1 -wi 1 -w 1s -i 1 -r 1s); shift ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --no-jmh) JMH=""; shift ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out metering
start_redis
DB=$(new_database)
start_warden off "$DB" WARDEN_METRICS=false
wait_ready
URL_OFF=$URL
start_warden on "$DB" WARDEN_METRICS=true
wait_ready
URL_ON=$URL

TT=$(tenant_token "$URL_OFF" bench-metering)
post_lua "$OUT/check.lua" '{"permission":"users.view"}' "$TT"

# checks URL: the check operation's totalRequests in /api/performance/stats (the token's tenant
# admin holds metrics.view).
checks() {
  curl -fs "$1/api/performance/stats" -H "authorization: Bearer $TT" \
    | jq '[.operations[] | select(.operation == "check") | .totalRequests] | add // 0'
}

# run NAME URL SECONDS: "rps p50 p99 non2xx requests" of one wrk run; the raw output stays in $OUT.
run() {
  local name=$1 url=$2 secs=$3 file
  file="$OUT/wrk-$name.txt"
  wrk -t2 -c16 -d"${secs}s" --latency -s "$OUT/check.lua" "$url/api/authz/check" > "$file"
  echo "$(wrk_figures "$file") $(awk '/requests in/ {print $1}' "$file")"
}
run warm-off "$URL_OFF" 10 > /dev/null
run warm-on "$URL_ON" 10 > /dev/null

ROWS=()
CHART=()
ON_BEFORE=$(checks "$URL_ON")
ON_ANSWERED=0
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then order="off on"; else order="on off"; fi
  for which in $order; do
    if [ "$which" = off ]; then read -r rps p50 p99 bad n < <(run "off-$r" "$URL_OFF" "$SECONDS_PER_RUN")
    else read -r rps p50 p99 bad n < <(run "on-$r" "$URL_ON" "$SECONDS_PER_RUN")
      # wrk counts the answers it read; the server may have answered a few more it cut off.
      ON_ANSWERED=$((ON_ANSWERED + n))
    fi
    eval "${which}_rps=$rps ${which}_p50=$p50 ${which}_p99=$p99 ${which}_bad=$bad"
  done
  ROWS+=("| $r | $order | $off_rps | $on_rps | $(ratio "$on_rps" "$off_rps") | $off_p50 / $off_p99 | $on_p50 / $on_p99 | $off_bad / $on_bad |")
  CHART+=("off $r=$off_rps" "on $r=$on_rps")
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
ON_RECORDED=$(( $(checks "$URL_ON") - ON_BEFORE ))
OFF_RECORDED=$(checks "$URL_OFF")
if [ "$ON_RECORDED" -lt "$ON_ANSWERED" ] || [ "$OFF_RECORDED" -ne 0 ]; then
  echo "the on instance recorded $ON_RECORDED checks for $ON_ANSWERED answered, off $OFF_RECORDED: not the variants this compares" >&2
  exit 1
fi
SUM_OFF=$(printf '%s\n' "${ROWS[@]}" | awk -F'|' '{s += $4} END {print s}')
SUM_ON=$(printf '%s\n' "${ROWS[@]}" | awk -F'|' '{s += $5} END {print s}')

JMH_TABLE=""
if [ -n "$JMH" ]; then
  # A JVM per variant and fork (the benchmark's @Fork(3) unless --smoke), the GC profiler on.
  "$JAVA_BIN" -jar "$BENCH_JAR" MeteringBenchmark -jvm "$JAVA_BIN" -prof gc "${JMH_ARGS[@]}" \
    -rf json -rff "$OUT/jmh-metering.json" > "$OUT/jmh-metering.txt" 2>&1
  JMH_TABLE=$(python3 - "$OUT/jmh-metering.json" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
rows, base = {}, None
for r in runs:
    m = r["params"]["metrics"]
    p = r["primaryMetric"]
    forks = p.get("rawData") or []
    per_fork = [sum(f) / len(f) for f in forks if f]
    alloc = next((v["score"] for k, v in r.get("secondaryMetrics", {}).items()
                  if k.endswith("gc.alloc.rate.norm")), None)
    rows[m] = (p["score"], p["scoreError"], per_fork, alloc)
base = rows.get("off", (None,))[0]
print("| metrics | ops/µs (2 threads), mean ± 99.9% CI | per fork | vs off | B/op (`gc.alloc.rate.norm`) |")
print("|---|---|---|---|---|")
for m in ("off", "noop", "recorded"):
    if m not in rows:
        continue
    score, err, forks, alloc = rows[m]
    # NaN with one fork: JMH's JSON writes it as the string "NaN".
    err = "-" if not isinstance(err, (int, float)) or err != err else f"{err:.3f}"
    vs = f"{score / base:.2f}" if base else "-"
    a = "-" if alloc is None else f"{alloc:.0f}"
    print(f"| {m} | {score:.3f} ± {err} | {' / '.join(f'{f:.3f}' for f in forks)} | {vs} | {a} |")
PY
)
fi
{
  echo "$MACHINE. Load average at the start of the measured rounds $LOAD_START, at the end $LOAD_END (the run's own two JVMs and wrk make about 3 of it): only the two figures of one round compare."
  echo
  echo "Over HTTP: two instances, one database, one private Redis, one token; wrk -t2 -c16, $SECONDS_PER_RUN s per run, order alternating per round. \"on\" recorded $ON_RECORDED checks for the $ON_ANSWERED wrk read; \"off\" $OFF_RECORDED."
  echo
  echo "| round | order | off: checks/s | on: checks/s | on / off | off: p50 / p99 ms | on: p50 / p99 ms | non-2xx off / on |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "All rounds: on / off = **$(ratio "$SUM_ON" "$SUM_OFF")** (the sums of the rounds' checks/s)."
  if [ -n "$JMH_TABLE" ]; then
    echo
    echo "In-process (JMH \`MeteringBenchmark\`, \`-prof gc\`${JMH_ARGS[*]:+, $(printf '%s ' "${JMH_ARGS[@]}")}):"
    echo
    echo "$JMH_TABLE"
  fi
} > "$OUT/$ITEM.md"
chart "$OUT/metering.png" "Warm checks per second, WARDEN_METRICS off vs on" "checks/s" "${CHART[@]}"
cat "$OUT/$ITEM.md"
publish
