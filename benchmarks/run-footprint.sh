#!/usr/bin/env bash
# Footprint (issue #13): resident memory of Warden under the warm-check load with USERS users'
# permission sets and tokens cached, the launcher's defaults against other JVM settings side by
# side in one run, with the warm check's throughput and p99 of each (wrk, windows taken in turn)
# and the bytes each allocates per check.
#
#   benchmarks/run-footprint.sh [--smoke] [--users N] [--rounds R] [--seconds S] [--nmt]
#                               [LABEL=WARDEN_JAVA_OPTS ...]
#
# Without LABEL=OPTS pairs it compares
#   lean           bin/warden with its defaults (what every instance runs)
#   unconstrained  bin/warden with WARDEN_JAVA_OPTS=-XX:MaxRAMPercentage=25: the JVM's own heap
#                  bound (a quarter of RAM) in place of the launcher's, every other default kept
# Each is a process of its own (bin/warden of the package, its AOT cache) on one database with
# 1 tenant x USERS demo users [10000] and L2 on a private Redis.
#
# Steps: a seeding instance, not measured, provisions the tenant, serves the logins and stops: every
# measured instance then does the same work (the one that provisioned 10,000 users and served their
# logins had promoted far more into its old generation, which Serial grows rather than collect, and
# held its whole heap resident: 350-530 MiB where the others held 250-290). The demo users'
# password hash is replaced by an Argon2id hash of the same password at the smallest cost
# (CheapPasswordHash; a throwaway database): USERS logins then take seconds, not the ~0.1 CPU-s each
# of the real cost, and leave the same state behind. Every user logs in once (tokens are valid on
# every instance: same database, same key-encryption key). Every instance then answers one check
# per token, which
# caches the token, its session state, the user's context and the user's permission set. Then
# R rounds [3] of S seconds [15]: in each, every instance in turn (order rotating per round) takes
# `wrk -t2 -c16` of POST /api/authz/check cycling through all the tokens. Finally, per instance:
# VmRSS (anonymous + file-backed) and what holds it (/proc/PID/smaps: the heap's, the class-data
# archive's and the code cache's mappings, and the rest; benchmarks/lib/resident_split.py), VmHWM,
# the heap's committed size and its used size after a full GC (jcmd), and with --nmt
# (-XX:NativeMemoryTracking=summary on every instance, which costs some memory itself) where the
# committed native memory goes. Each instance's class histogram after that full GC (what its live
# set is made of) is left in the run's directory, and with WARDEN_BENCH_HEAP_DUMP=1 a dump of its
# live heap (heap-LABEL.hprof).
# Bytes per check: young collections x eden capacity + eden growth over a window (jcmd
# PerfCounter.print before and after it), divided by the window's requests: an estimate that
# holds while eden is collected when full (Serial), and includes whatever else ran meanwhile.
# --smoke: 500 users, 1 round of 3 s. Output: benchmarks/results/footprint.md.
source "$(dirname "$0")/lib/common.sh"
USERS=10000
ROUNDS=3
SECONDS_PER_RUN=15
NMT=""
CONFIGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) USERS=500; ROUNDS=1; SECONDS_PER_RUN=3; shift ;;
    --users) USERS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --nmt) NMT="-XX:NativeMemoryTracking=summary"; shift ;;
    *=*) CONFIGS+=("$1"); shift ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=("lean=" "unconstrained=-XX:MaxRAMPercentage=25")
ensure_built
ensure_trained
new_out footprint
JCMD="$JAVA_BIN_HOME/bin/jcmd"
start_redis
DB=$(new_database)

start_warden seeder "$DB" WARDEN_LAUNCH=launcher WARDEN_DEMO_TENANTS=1 "WARDEN_DEMO_USERS=$USERS"
wait_ready 900
HASH=$("$JAVA_BIN" -cp "$BENCH_JAR" io.warden.benchmarks.memory.CheapPasswordHash "$DEMO_PASSWORD")
echo "UPDATE users SET password_hash = :'hash' WHERE email LIKE 'demo-1-%@demo.warden.local';" \
  | psql_db "$DB" -v hash="$HASH" > /dev/null
TOKENS="$OUT/tokens.txt"
started=$(date +%s)
python3 "$ROOT/benchmarks/lib/footprint_fill.py" login "$URL" 1 "$USERS" "$DEMO_PASSWORD" "$TOKENS"
echo "seeder: provisioned $USERS users and logged in $(wc -l < "$TOKENS") in $(( $(date +%s) - started )) s"
stop_warden "$PID"

LABELS=()
OPTS=()
PIDS=()
URLS=()
for config in "${CONFIGS[@]}"; do
  label=${config%%=*}
  opts="${config#*=}${NMT:+ $NMT}"
  start_warden "$label" "$DB" WARDEN_LAUNCH=launcher "WARDEN_JAVA_OPTS=$opts"
  wait_ready 900
  LABELS+=("$label")
  OPTS+=("${config#*=}")
  PIDS+=("$PID")
  URLS+=("$URL")
  echo "$label: ready in $READY_MS ms (WARDEN_JAVA_OPTS='$opts'), pid $PID"
done
for i in "${!LABELS[@]}"; do
  started=$(date +%s)
  python3 "$ROOT/benchmarks/lib/footprint_fill.py" check "${URLS[$i]}" "$TOKENS"
  echo "${LABELS[$i]}: one check per token in $(( $(date +%s) - started )) s"
done

cat > "$OUT/check.lua" <<'LUA'
-- POST /api/authz/check, cycling through the tokens of the file given after "--".
local tokens = {}
local i = 0
init = function(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  i = math.random(#tokens)
end
request = function()
  i = i % #tokens + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[i]}, '{"permission":"users.view"}')
end
LUA

# perf PID: "young-collections eden-capacity eden-used" from the JVM's performance counters.
perf() {
  "$JCMD" "$1" PerfCounter.print | awk -F= '
    $1 == "sun.gc.collector.0.invocations" { n = $2 }
    $1 == "sun.gc.generation.0.space.0.capacity" { c = $2 }
    $1 == "sun.gc.generation.0.space.0.used" { u = $2 }
    END { print n + 0, c + 0, u + 0 }'
}
# wrk_run I NAME SECONDS: "rps p50 p99 non2xx requests bytes-per-request" of one window.
wrk_run() {
  local i=$1 name=$2 secs=$3 file n0 c0 u0 n1 c1 u1 requests
  file="$OUT/wrk-$name.txt"
  read -r n0 c0 u0 < <(perf "${PIDS[$i]}")
  wrk -t2 -c16 -d"${secs}s" --latency -s "$OUT/check.lua" "${URLS[$i]}/api/authz/check" -- "$TOKENS" > "$file"
  read -r n1 c1 u1 < <(perf "${PIDS[$i]}")
  requests=$(awk '/requests in/ {print $1}' "$file")
  echo "$(wrk_figures "$file") $requests $(awk -v n="$((n1 - n0))" -v c="$c1" -v u0="$u0" -v u1="$u1" -v r="$requests" 'BEGIN { if (r > 0) printf "%.0f", (n * c + u1 - u0) / r; else print "-" }')"
}

# A warm-up window each (JIT, connections), not counted.
for i in "${!LABELS[@]}"; do wrk_run "$i" "warmup-${LABELS[$i]}" 5 > /dev/null; done
declare -A RPS P99 P50 BAD BPR
ROWS=()
for round in $(seq 1 "$ROUNDS"); do
  shift_by=$(( (round - 1) % ${#LABELS[@]} ))
  idx=("${!LABELS[@]}")
  order=("${idx[@]:$shift_by}" "${idx[@]:0:$shift_by}")
  names=()
  for i in "${order[@]}"; do
    read -r rps p50 p99 bad requests bpr < <(wrk_run "$i" "${LABELS[$i]}-$round" "$SECONDS_PER_RUN")
    RPS[$i]+="$rps "
    P50[$i]+="$p50 "
    P99[$i]+="$p99 "
    BAD[$i]=$(( ${BAD[$i]:-0} + bad ))
    BPR[$i]+="$bpr "
    names+=("${LABELS[$i]}")
    echo "round $round ${LABELS[$i]}: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $bad, ~$bpr B/check (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  ROWS+=("| $round | ${names[*]} | $(for i in "${!LABELS[@]}"; do printf '%s / %s; ' "$(echo "${RPS[$i]}" | awk '{print $NF}')" "$(echo "${P99[$i]}" | awk '{print $NF}')"; done) |")
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR] = $1} END { if (NR) print a[int((NR + 1) / 2)]; else print "-" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
status_kb() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
REF=$(( ${#LABELS[@]} - 1 ))
for i in "${!LABELS[@]}"; do if [ "${LABELS[$i]}" = unconstrained ]; then REF=$i; fi; done
{
  echo "Measured $MACHINE (load average at the end of the run). ${#LABELS[@]} instances of \`bin/warden\` on one database, 1 tenant x $USERS demo users (provisioned by a seeding instance, not measured, which served every user's login and stopped), every user checked once on every instance (its token, session state, context and permission set cached), then $ROUNDS round(s) of $SECONDS_PER_RUN s of \`wrk -t2 -c16\` warm checks per instance, cycling through the $USERS tokens, instances in turn (order rotating per round).${NMT:+ Every instance ran with \`$NMT\`.}"
  echo
  echo "| instance | \`WARDEN_JAVA_OPTS\` | VmRSS MiB (anon + file) | of which heap / archive / code cache / other, MiB | VmHWM MiB | threads | heap committed / used after full GC, MiB | checks/s (median) | × ${LABELS[$REF]} | p99 ms (median) | × ${LABELS[$REF]} | ~B allocated / check | non-2xx |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  REF_RPS=$(echo "${RPS[$REF]}" | median)
  REF_P99=$(echo "${P99[$REF]}" | median)
  for i in "${!LABELS[@]}"; do
    pid=${PIDS[$i]}
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "| ${LABELS[$i]} | \`${OPTS[$i]:-(launcher defaults)}\` | exited during the run: $(grep -m1 -o 'OutOfMemoryError[^\"]*' "$OUT/warden-${LABELS[$i]}.log" || echo 'see its log') |"
      continue
    fi
    rss=$(status_kb "$pid" VmRSS); anon=$(status_kb "$pid" RssAnon); file=$(status_kb "$pid" RssFile)
    hwm=$(status_kb "$pid" VmHWM)
    "$JCMD" "$pid" GC.heap_info > "$OUT/heap-info-${LABELS[$i]}.txt"
    "$JCMD" "$pid" Compiler.codecache > "$OUT/codecache-${LABELS[$i]}.txt"
    split=$(python3 "$ROOT/benchmarks/lib/resident_split.py" "$pid" "$OUT/heap-info-${LABELS[$i]}.txt" \
      "$OUT/codecache-${LABELS[$i]}.txt" | tr ' ' '/')
    "$JCMD" "$pid" GC.run > /dev/null
    # What the live set is made of, for the run's directory (not the table).
    "$JCMD" "$pid" GC.class_histogram > "$OUT/histogram-${LABELS[$i]}.txt" 2>&1 || true
    if [ -n "${WARDEN_BENCH_HEAP_DUMP:-}" ]; then
      "$JCMD" "$pid" GC.heap_dump "$OUT/heap-${LABELS[$i]}.hprof" > /dev/null 2>&1 || true
    fi
    heap=$("$JCMD" "$pid" GC.heap_info | awk '
      /^[A-Za-z].* +total [0-9]+K/ && !/Metaspace|class space/ {
        for (f = 1; f < NF; f++) {
          if ($f == "total") { v = $(f + 1); sub(/K,?/, "", v); t += v }
          if ($f == "used") { v = $(f + 1); sub(/K,?/, "", v); u += v }
        }
      }
      END { printf "%.0f / %.0f", t / 1024, u / 1024 }')
    R=$(echo "${RPS[$i]}" | median)
    P=$(echo "${P99[$i]}" | median)
    echo "| ${LABELS[$i]} | \`${OPTS[$i]:-(launcher defaults)}\` | **$(mib "$rss")** ($(mib "$anon") + $(mib "$file")) | $split | $(mib "$hwm") | $(ls "/proc/$pid/task" | wc -l) | $heap | $R | $(ratio "$R" "$REF_RPS") | $P | $(ratio "$P" "$REF_P99") | $(echo "${BPR[$i]}" | median) | ${BAD[$i]} |"
  done
  echo
  echo "Each round's checks/s / p99 ms, in the order of the instances above:"
  echo
  echo "| round | order | ${LABELS[*]} |"
  echo "|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  if [ -n "$NMT" ]; then
    echo
    echo "Native Memory Tracking, committed MiB (\`jcmd <pid> VM.native_memory summary\`, after the load and a full GC):"
    echo
    for i in "${!LABELS[@]}"; do
      "$JCMD" "${PIDS[$i]}" VM.native_memory summary scale=KB > "$OUT/nmt-${LABELS[$i]}.txt" 2>&1 || true
    done
    CATS=$(grep -h -o '^-  *[A-Za-z][A-Za-z ]*(' "$OUT"/nmt-*.txt | sed 's/^- *//; s/ *($//' | awk '!seen[$0]++')
    echo "| category $(printf '| %s ' "${LABELS[@]}")|"
    echo "|---$(for _ in "${LABELS[@]}"; do printf '|---'; done)|"
    echo "| **total** $(for l in "${LABELS[@]}"; do printf '| %s ' "$(awk '/^Total:/ { for (f = 1; f <= NF; f++) if ($f ~ /^committed=/) { v = $f; sub(/committed=/, "", v); sub(/KB,?/, "", v); printf "%.0f", v / 1024 } }' "$OUT/nmt-$l.txt")"; done)|"
    while IFS= read -r cat; do
      [ -n "$cat" ] || continue
      printf '| %s ' "$cat"
      for l in "${LABELS[@]}"; do
        printf '| %s ' "$(awk -v c="$cat" '
          { line = $0; sub(/^- +/, "", line) }
          index(line, c " (") == 1 { for (f = 1; f <= NF; f++) if ($f ~ /committed=/) { v = $f; sub(/.*committed=/, "", v); sub(/KB.*/, "", v); printf "%.0f", v / 1024; exit } }' "$OUT/nmt-$l.txt")"
      done
      echo "|"
    done <<< "$CATS"
  fi
} > "$OUT/$ITEM.md"
cat "$OUT/$ITEM.md"
publish
