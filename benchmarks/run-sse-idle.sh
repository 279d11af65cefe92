#!/usr/bin/env bash
# Issue #14 — idle Server-Sent Event streams do not slow the warm check down.
#
#   benchmarks/run-sse-idle.sh [--smoke] [--streams N] [--seconds S] [--heartbeat-ms MS]
#                              [--launcher] [--diagnose]
#
# One Warden (external PostgreSQL, own database; L2 on a private Redis), demo data 1 x 100, heartbeat
# at its 15 s default (--heartbeat-ms to change it). wrk (32 connections, --seconds, default 20;
# --smoke 5) on one user's warm check, first with no stream open, then with N idle GET
# /api/me/events streams (default 10,000; --smoke 200) held by one Python process
# (benchmarks/lib/sse_idle.py), then with none again. Every phase is a wrk warm-up as long as the
# measured run and then the measured run, so that the JIT and the collector settle after the streams
# opened (or closed) as they did at the start. Goal: the throughput with the streams within 10% of
# the mean of the two runs without. Also reported: Warden's RSS, heap after a full collection and OS
# threads with and without the streams, and the CPU each process (Warden, the stream holder) used
# during each measured run — the holder shares the cores with Warden and wrk, so its share is the
# part of any loss that is the client's, not the server's.
#
# JVM: `java -jar` with the JVM's defaults (G1, a quarter of RAM as heap), as the other wrk items;
# --launcher starts bin/warden instead, with the defaults it ships (Serial, -Xmx160m, ...).
#
# --diagnose also starts Warden with native memory tracking and a GC log, records each measured run
# with JFR (profile settings) and writes, per phase, `jcmd VM.native_memory summary` and
# `GC.class_histogram` into the run's folder (benchmarks/target/results/sse-idle-*/): it slows the
# runs down, so its throughput figures are not the benchmark's.
#
# Run it on a quiet machine: the wrk runs must see the same load.
source "$(dirname "$0")/lib/common.sh"
SECONDS_MEASURED=20
STREAMS=10000
HEARTBEAT_MS=15000
DIAGNOSE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SECONDS_MEASURED=5; STREAMS=200; shift ;;
    --streams) STREAMS=$2; shift 2 ;;
    --seconds) SECONDS_MEASURED=$2; shift 2 ;;
    --heartbeat-ms) HEARTBEAT_MS=$2; shift 2 ;;
    --diagnose) DIAGNOSE=yes; shift ;;
    --launcher) export WARDEN_BENCH_LAUNCHER=yes; shift ;;
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
JCMD="$(dirname "$JAVA_BIN")/jcmd"
if [ -n "$DIAGNOSE" ]; then
  WARDEN_JAVA_OPTS="${WARDEN_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary -Xlog:gc*:file=$OUT/gc.log:uptime"
  export WARDEN_JAVA_OPTS
fi
if [ -n "${WARDEN_BENCH_LAUNCHER:-}" ]; then
  JVM_LINE="bin/warden's defaults${WARDEN_JAVA_OPTS:+, then $WARDEN_JAVA_OPTS}"
else
  JVM_LINE="java -jar, JVM defaults${WARDEN_JAVA_OPTS:+ and $WARDEN_JAVA_OPTS}"
fi
start_redis
DB=$(new_database)
start_warden sse "$DB" WARDEN_DEMO_TENANTS=1 WARDEN_DEMO_USERS=100 \
  WARDEN_EVENTS_MAX_PER_USER=$(( STREAMS + 10 )) WARDEN_EVENTS_MAX_CONNECTIONS=$(( STREAMS + 100 )) \
  WARDEN_EVENTS_HEARTBEAT_MS="$HEARTBEAT_MS"
wait_ready
FEEDER="$OUT/feeder.csv"
feeder "$FEEDER" --mode self --users 10 --tenants 1 --users-per-tenant 100
ROW=$(sed -n 2p "$FEEDER")
TOKEN=${ROW%%,*}
post_lua "$OUT/check.lua" \
  "{\"permission\":\"$(echo "$ROW" | cut -d, -f2)\",\"userId\":\"$(echo "$ROW" | cut -d, -f3)\"}" \
  "$TOKEN"

threads() { awk '/^Threads/ {print $2}' "/proc/$1/status"; }

HOLDER=""
# phase NAME: a warm-up wrk run, then the measured one; prints its req/s and writes the CPU seconds
# Warden and the holder used during the measured run to $OUT/cpu-warden-NAME, $OUT/cpu-holder-NAME.
phase() {
  wrk -t2 -c32 -d"${SECONDS_MEASURED}s" -s "$OUT/check.lua" "$URL/api/authz/check" > /dev/null
  if [ -n "$DIAGNOSE" ]; then
    "$JCMD" "$PID" JFR.start name="$1" settings=profile filename="$OUT/$1.jfr" > /dev/null
  fi
  local warden_before holder_before=""
  warden_before=$(cpu_seconds "$PID")
  [ -n "$HOLDER" ] && holder_before=$(cpu_seconds "$HOLDER")
  wrk -t2 -c32 -d"${SECONDS_MEASURED}s" --latency -s "$OUT/check.lua" "$URL/api/authz/check" \
    > "$OUT/wrk-$1.log"
  # phase runs in $(...): its CPU figures go through files.
  awk -v a="$warden_before" -v b="$(cpu_seconds "$PID")" 'BEGIN { printf "%.1f", b - a }' > "$OUT/cpu-warden-$1"
  if [ -n "$holder_before" ]; then
    awk -v a="$holder_before" -v b="$(cpu_seconds "$HOLDER")" 'BEGIN { printf "%.2f", b - a }' > "$OUT/cpu-holder-$1"
  else
    echo "-" > "$OUT/cpu-holder-$1"
  fi
  if [ -n "$DIAGNOSE" ]; then
    "$JCMD" "$PID" JFR.stop name="$1" > /dev/null
    "$JCMD" "$PID" VM.native_memory summary > "$OUT/nmt-$1.txt"
  fi
  awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/wrk-$1.log"
}

# heap_after_gc NAME: the heap in use after a full collection, in MiB (the histogram's total; the
# histogram itself is kept with --diagnose). Forces a full GC: call it after the measured run.
heap_after_gc() {
  "$JCMD" "$PID" GC.class_histogram > "$OUT/histogram-$1.txt"
  awk '$1 == "Total" {printf "%.1f", $3 / 1048576}' "$OUT/histogram-$1.txt"
}

RPS_NONE=$(phase none)
CPU_NONE=$(cat "$OUT/cpu-warden-none")
RSS_NONE=$(rss_mib "$PID"); THREADS_NONE=$(threads "$PID"); HEAP_NONE=$(heap_after_gc none)
echo "no streams: $RPS_NONE req/s, RSS $RSS_NONE MiB, heap after GC $HEAP_NONE MiB, $THREADS_NONE threads, Warden CPU ${CPU_NONE} s"

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
kill -0 "$PID" 2>/dev/null || { echo "Warden died with the streams open:" >&2; tail -20 "$OUT/warden-sse.log" >&2; exit 1; }
# The holder's CPU while the streams only sit there (no wrk): what it takes from the cores at rest.
HOLDER_REST_BEFORE=$(cpu_seconds "$HOLDER"); WARDEN_REST_BEFORE=$(cpu_seconds "$PID")
sleep 10
HOLDER_REST=$(awk -v a="$HOLDER_REST_BEFORE" -v b="$(cpu_seconds "$HOLDER")" 'BEGIN { printf "%.2f", b - a }')
WARDEN_REST=$(awk -v a="$WARDEN_REST_BEFORE" -v b="$(cpu_seconds "$PID")" 'BEGIN { printf "%.2f", b - a }')
echo "at rest over 10 s with $STREAMS streams: holder ${HOLDER_REST} CPU s, Warden ${WARDEN_REST} CPU s"
RPS_IDLE=$(phase streams)
CPU_IDLE=$(cat "$OUT/cpu-warden-streams"); HOLDER_IDLE=$(cat "$OUT/cpu-holder-streams")
RSS_IDLE=$(rss_mib "$PID"); THREADS_IDLE=$(threads "$PID"); HEAP_IDLE=$(heap_after_gc streams)
echo "$STREAMS idle streams: $RPS_IDLE req/s, RSS $RSS_IDLE MiB, heap after GC $HEAP_IDLE MiB, $THREADS_IDLE threads, Warden CPU ${CPU_IDLE} s, holder CPU ${HOLDER_IDLE} s"
kill "$HOLDER" 2>/dev/null || true
wait "$HOLDER" 2>/dev/null || true
HOLDER=""
# Without streams once more (B A B): the machine's load may have moved; the goal compares the
# streams' run with the mean of the two. The server notices the closed streams at their next
# heartbeat: wait one heartbeat and a bit.
sleep $(( HEARTBEAT_MS / 1000 + 2 ))
RPS_AFTER=$(phase after)
CPU_AFTER=$(cat "$OUT/cpu-warden-after")
echo "no streams again: $RPS_AFTER req/s, Warden CPU ${CPU_AFTER} s"
RPS_BASE=$(awk -v a="$RPS_NONE" -v b="$RPS_AFTER" 'BEGIN { printf "%.0f", (a + b) / 2 }')

RATIO=$(ratio "$RPS_IDLE" "$RPS_BASE")
VERDICT=$(awk -v r="$RATIO" 'BEGIN { print (r != "-" && r >= 0.90) ? "within 10%: goal met" : "more than 10% slower: goal missed" }')
per_stream_kib() { awk -v a="$1" -v b="$2" -v n="$STREAMS" 'BEGIN { printf "%.1f KiB", (b - a) * 1024 / n }'; }
{
  echo "Measured $MACHINE. External PostgreSQL, L1 + L2, demo data 1 x 100; wrk 32 connections ${SECONDS_MEASURED} s on one user's warm check after a warm-up as long; streams held by one Python asyncio process; heartbeat every $(awk -v m="$HEARTBEAT_MS" 'BEGIN { printf "%g", m / 1000 }') s. JVM: $JVM_LINE."
  echo
  echo "| idle SSE streams | wrk req/s | Warden CPU s | holder CPU s | Warden RSS MiB | heap after full GC MiB | Warden threads (OS) |"
  echo "|---|---|---|---|---|---|---|"
  echo "| 0 | $RPS_NONE | $CPU_NONE | | $RSS_NONE | $HEAP_NONE | $THREADS_NONE |"
  echo "| $STREAMS | $RPS_IDLE | $CPU_IDLE | $HOLDER_IDLE | $RSS_IDLE | $HEAP_IDLE | $THREADS_IDLE |"
  echo "| 0 (again, after) | $RPS_AFTER | $CPU_AFTER | | | | |"
  echo
  echo "- throughput with the streams / mean of the two runs without: **$RATIO** ($VERDICT)"
  echo "- $STREAMS streams opened in $OPEN_S s; per stream: RSS $(per_stream_kib "$RSS_NONE" "$RSS_IDLE"), heap after a full GC $(per_stream_kib "$HEAP_NONE" "$HEAP_IDLE")"
  echo "- at rest (10 s, no wrk) with the streams open: holder ${HOLDER_REST} CPU s, Warden ${WARDEN_REST} CPU s"
} > "$OUT/sse-idle.md"
cat "$OUT/sse-idle.md"
if [ -n "$DIAGNOSE" ]; then
  echo "diagnostics (JFR, NMT, histograms, GC log) in $OUT; not published: --diagnose slows the runs"
else
  publish
fi
