#!/usr/bin/env bash
# Footprint of Warden under the warm-check load, side by side in one run: the launcher's defaults
# against other JVM settings, each a separate Warden process on the same database.
#
#   benchmarks/footprint.sh [options] [LABEL=WARDEN_JAVA_OPTS ...]
#
# Without LABEL=OPTS pairs it compares
#   lean           bin/warden with its defaults
#   unconstrained  bin/warden with WARDEN_JAVA_OPTS=-Xmx6g (a quarter of a 24 GiB host, the JVM's
#                  own default heap) and every other launcher default
#   jvm-defaults   bin/warden with WARDEN_JAVA_OPTS='-XX:+UseG1GC -Xmx6g' (what `java -jar` gets)
#
# Options (defaults in brackets):
#   --cached N        demo users (one tenant) whose permission sets every instance caches [10000]
#   --logins N        of those, users who log in: their tokens, session states and user contexts
#                     are cached too [1000] (a login hashes a password: ~0.1 s of CPU each)
#   --duration S      measured seconds of each load window [20]
#   --rounds R        load windows per instance, taken in turn (A B C A B C ...) [3]
#   --concurrency N   the load driver's virtual threads [32]
#   --load-users N    demo users the load driver logs in and checks for [100]
#
# Steps: one database with 1 tenant x --cached demo users; the first instance seeds it. --logins
# users log in once (through the first instance; tokens are signed with the key every instance
# shares). Every instance then loads all --cached permission sets (permissions/batch, 500 users a
# request), and answers one check per token, which caches the token, its session state and its
# user context; its heap after a full GC is taken after each of these steps (the difference is what
# the cached entries cost). Then the load windows, in turn, and finally each process's resident
# memory (VmRSS), its peak (VmHWM) and its heap after a full GC (jcmd).
# Output: benchmarks/target/footprint-<timestamp>/ (summary.txt, results.tsv, one log per instance).
# Nothing here asserts on time or size: it measures and prints.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# Another copy of the build (e.g. while the checkout rebuilds): WARDEN_LAUNCHER, BENCH_JAR.
BENCH_JAR=${BENCH_JAR:-$ROOT/benchmarks/target/benchmarks.jar}
LAUNCHER=${WARDEN_LAUNCHER:-$ROOT/bootstrap/target/bin/warden}
PG=(-h 127.0.0.1 -p 5432 -U postgres)
CACHED=10000
LOGINS=1000
DURATION=20
ROUNDS=3
CONCURRENCY=32
LOAD_USERS=100
CONFIGS=()

usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --cached) CACHED=$2; shift 2 ;;
    --logins) LOGINS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --concurrency) CONCURRENCY=$2; shift 2 ;;
    --load-users) LOAD_USERS=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *=*) CONFIGS+=("$1"); shift ;;
    *) echo "unknown argument: $1" >&2; usage 1 ;;
  esac
done
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=("lean=" "unconstrained=-Xmx6g" "jvm-defaults=-XX:+UseG1GC -Xmx6g")
[ -x "$LAUNCHER" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
[ -f "$BENCH_JAR" ] || { echo "build first: ./mvnw -B -pl benchmarks -am package" >&2; exit 1; }
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21+ (the launcher and jcmd use it)}"
export JAVA_HOME

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/benchmarks/target/footprint-$STAMP"
mkdir -p "$OUT"
SUMMARY="$OUT/summary.txt"
RESULTS="$OUT/results.tsv"
DB="warden_footprint_$(date +%s)_$$"
PREFIX="wfoot$$"
PIDS=()
PORTS=()
LABELS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql "${PG[@]}" -d postgres -qAt -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" || true
  redis-cli --scan --pattern "$PREFIX*" | xargs -r -n 500 redis-cli DEL >/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

{
  echo "Warden footprint run $STAMP: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "cached permission sets $CACHED, logged-in users $LOGINS; $ROUNDS windows of ${DURATION}s per instance, concurrency $CONCURRENCY, $LOAD_USERS load users"
} | tee "$SUMMARY"
psql "${PG[@]}" -d postgres -qAt -c "CREATE DATABASE \"$DB\""

start() {
  local label=$1 opts=$2 port
  port=$(free_port)
  (
    mkdir -p "$OUT/work-$label" && cd "$OUT/work-$label"
    export WARDEN_PORT=$port WARDEN_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
    export WARDEN_DB_USER=postgres WARDEN_DB_PASSWORD=""
    # A throwaway key-encryption key for a throwaway database (required with WARDEN_DB_URL).
    export WARDEN_KEY_ENCRYPTION_KEY="${WARDEN_KEY_ENCRYPTION_KEY:-$(openssl rand -base64 32)}"
    export WARDEN_REDIS_URL=redis://127.0.0.1:6379 WARDEN_REDIS_KEY_PREFIX="$PREFIX-${#PIDS[@]}"
    export WARDEN_DEMO_TENANTS=1 WARDEN_DEMO_USERS="$CACHED"
    export WARDEN_RATE_API_PER_MINUTE=1000000000 WARDEN_RATE_AUTH_PER_15_MINUTES=1000000000
    export WARDEN_CACHE_WARM_MAX_TENANT_SIZE=0
    export WARDEN_JAVA_OPTS="$opts"
    exec "$LAUNCHER"
  ) > "$OUT/warden-$label.log" 2>&1 &
  PIDS+=($!)
  PORTS+=("$port")
  LABELS+=("$label")
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health" && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -30 "$OUT/warden-$label.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$label did not become healthy" >&2
  exit 1
}

for config in "${CONFIGS[@]}"; do
  start "${config%%=*}" "${config#*=}"
  echo "started ${config%%=*} (WARDEN_JAVA_OPTS='${config#*=}') on port ${PORTS[-1]}, pid ${PIDS[-1]}" | tee -a "$SUMMARY"
done

heap_used() {
  "$JAVA_HOME/bin/jcmd" "$1" GC.run > /dev/null
  # Serial prints a line per generation (DefNew, Tenured), G1 one for the whole heap; the indented
  # space lines and the metaspace lines are left out.
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info \
    | awk '/^[A-Za-z]/ && !/Metaspace|class space/ { for (i = 1; i < NF; i++) if ($i == "used") { sub(/K,?/, "", $(i + 1)); kb += $(i + 1) } }
           END { print kb + 0 }' 
}

# Log in --logins users once, four at a time; demo user 1 is the tenant's admin.
TOKENS="$OUT/tokens.txt"
FIRST="http://127.0.0.1:${PORTS[0]}"
started=$(date +%s)
seq 1 "$LOGINS" | xargs -P 4 -I{} sh -c "curl -fs '$FIRST/api/auth/login' \
  -H 'content-type: application/json' \
  -d '{\"email\":\"demo-1-{}@demo.warden.local\",\"password\":\"demo-password-123\"}' \
  | grep -o '\"accessToken\":\"[^\"]*\"' | cut -d'\"' -f4 >> '$TOKENS'"
echo "logged in $(wc -l < "$TOKENS") users in $(( $(date +%s) - started )) s" | tee -a "$SUMMARY"
ADMIN=$(curl -fs "$FIRST/api/auth/login" -H 'content-type: application/json' \
  -d '{"email":"demo-1-1@demo.warden.local","password":"demo-password-123"}' \
  | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')

# The ids of every member, 500 a page.
IDS="$OUT/user-ids.txt"
: > "$IDS"
cursor=""
while :; do
  page=$(curl -fs "$FIRST/api/members?limit=500${cursor:+&cursor=$cursor}" -H "authorization: Bearer $ADMIN")
  printf '%s' "$page" | python3 -c 'import json,sys; [print(m["userId"]) for m in json.load(sys.stdin)["items"]]' >> "$IDS"
  cursor=$(printf '%s' "$page" | python3 -c 'import json,sys,urllib.parse; c=json.load(sys.stdin).get("nextCursor"); print(urllib.parse.quote(c) if c else "")')
  [ -n "$cursor" ] || break
done
echo "members: $(wc -l < "$IDS")" | tee -a "$SUMMARY"

printf 'label\theap_MiB_empty\theap_MiB_with_sets\theap_MiB_with_sets_and_tokens\n' > "$OUT/heap.tsv"
for i in "${!PORTS[@]}"; do
  base="http://127.0.0.1:${PORTS[$i]}"
  empty=$(heap_used "${PIDS[$i]}")
  started=$(date +%s)
  split -l 500 "$IDS" "$OUT/ids-chunk-"
  for chunk in "$OUT"/ids-chunk-*; do
    body=$(python3 -c 'import json,sys; print(json.dumps({"userIds": [l.strip() for l in open(sys.argv[1]) if l.strip()]}))' "$chunk")
    curl -fs -o /dev/null "$base/api/authz/permissions/batch" -H "authorization: Bearer $ADMIN" \
      -H 'content-type: application/json' -d "$body" \
      || echo "${LABELS[$i]}: a permissions/batch request failed" | tee -a "$SUMMARY"
  done
  rm -f "$OUT"/ids-chunk-*
  sets=$(heap_used "${PIDS[$i]}")
  xargs -P 8 -I{} curl -fs -o /dev/null "$base/api/authz/check" \
    -H 'authorization: Bearer {}' -H 'content-type: application/json' \
    -d '{"permission":"users.view"}' < "$TOKENS" \
    || echo "${LABELS[$i]}: some token checks failed" | tee -a "$SUMMARY"
  tokens=$(heap_used "${PIDS[$i]}")
  echo "${LABELS[$i]}: cached $(wc -l < "$IDS") permission sets and $(wc -l < "$TOKENS") tokens in $(( $(date +%s) - started )) s" | tee -a "$SUMMARY"
  printf '%s\t%s\t%s\t%s\n' "${LABELS[$i]}" "$((empty / 1024))" "$((sets / 1024))" "$((tokens / 1024))" >> "$OUT/heap.tsv"
done
column -t -s $'\t' "$OUT/heap.tsv" | tee -a "$SUMMARY"

printf 'label\tscenario\tconcurrency\trequests_ok\tfailed\tseconds\treq_per_s\tchecks_per_s\tp50_ms\tp95_ms\tp99_ms\tmax_ms\n' > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!PORTS[@]}"; do
    echo "round $round: ${LABELS[$i]}, load average $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$SUMMARY"
    "$JAVA_HOME/bin/java" -cp "$BENCH_JAR" io.warden.benchmarks.load.LoadDriver \
      --base-url "http://127.0.0.1:${PORTS[$i]}" --label "${LABELS[$i]}" --scenarios check \
      --duration-seconds "$DURATION" --warmup-seconds 5 --concurrency "$CONCURRENCY" \
      --users "$LOAD_USERS" --tenants 1 --users-per-tenant "$CACHED" \
      --results "$RESULTS" >> "$OUT/driver.log" 2>&1 || echo "driver failed for ${LABELS[$i]}" | tee -a "$SUMMARY"
  done
done

echo | tee -a "$SUMMARY"
printf 'label\tVmRSS_MiB\tVmHWM_MiB\theap_after_full_gc\n' | tee -a "$SUMMARY"
for i in "${!PIDS[@]}"; do
  pid=${PIDS[$i]}
  rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  hwm=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run > /dev/null
  heap=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | grep -E -o '(total|used) [0-9]+K' | tr '\n' ' ')
  printf '%s\t%s\t%s\t%s\n' "${LABELS[$i]}" "$rss" "$hwm" "$heap" | tee -a "$SUMMARY"
done
echo | tee -a "$SUMMARY"
column -t -s $'\t' "$RESULTS" | tee -a "$SUMMARY"
