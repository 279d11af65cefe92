#!/usr/bin/env bash
# HTTP load scenarios against a freshly started Warden, one cache configuration at a time.
#
#   benchmarks/run-load.sh [options] [CONFIG ...]
#
# CONFIG is one of
#   both-on   WARDEN_CACHE_L1=true  WARDEN_CACHE_L2=true   (default scenarios: ping, check, batch)
#   l1-off    WARDEN_CACHE_L1=false WARDEN_CACHE_L2=true   (default scenarios: check, batch)
#   l2-off    WARDEN_CACHE_L1=true  WARDEN_CACHE_L2=false  (default scenarios: check, batch)
#   both-off  WARDEN_CACHE_L1=false WARDEN_CACHE_L2=false  (default scenarios: check, batch)
# and defaults to: both-on l1-off both-off.
#
# Options (defaults in brackets):
#   --duration S          measured seconds per scenario [20]
#   --warmup S            unmeasured seconds before each scenario [5]
#   --concurrency N       virtual threads sending back to back [32]
#   --users N             demo users logged in and used by the load [100]
#   --tenants N           WARDEN_DEMO_TENANTS [10]
#   --users-per-tenant N  WARDEN_DEMO_USERS [10000]
#   --batch-size N        checks per check-batch request [10]
#   --scenarios LIST      e.g. ping,check,batch; overrides the per-config default
#   --max-requests N      cap of measured requests per scenario [2000000]
#
# For each CONFIG it creates a fresh database on 127.0.0.1:5432 (user postgres), starts
# bootstrap/target/warden.jar on a free loopback port with a unique Redis key prefix, waits for
# /health, reports how long the demo seed took, runs the load driver, then stops Warden, drops the
# database and deletes its Redis keys. Results land in benchmarks/target/load-<timestamp>/.
# Nothing here asserts on time: it measures and prints.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
WARDEN_JAR="$ROOT/bootstrap/target/warden.jar"
PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
REDIS_HOST=127.0.0.1
REDIS_PORT=6379

DURATION=20
WARMUP=5
CONCURRENCY=32
USERS=100
TENANTS=10
USERS_PER_TENANT=10000
BATCH_SIZE=10
SCENARIOS=""
MAX_REQUESTS=2000000
CONFIGS=()

usage() { sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --concurrency) CONCURRENCY=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --tenants) TENANTS=$2; shift 2 ;;
    --users-per-tenant) USERS_PER_TENANT=$2; shift 2 ;;
    --batch-size) BATCH_SIZE=$2; shift 2 ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --max-requests) MAX_REQUESTS=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    both-on|l1-off|l2-off|both-off) CONFIGS+=("$1"); shift ;;
    *) echo "unknown argument: $1" >&2; usage 1 ;;
  esac
done
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(both-on l1-off both-off)

# A JDK 21+: $JAVA, else $JAVA_HOME, else the Temurin 25 of this machine, else java on the PATH.
pick_java() {
  local candidate
  for candidate in "${JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" \
      /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    local major
    major=$("$candidate" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  echo "no JDK 21+ found: set JAVA=/path/to/bin/java" >&2
  exit 1
}
JAVA_BIN=$(pick_java)

# Builds only what is missing or older than its sources; the other modules come from ~/.m2.
if [ ! -f "$BENCH_JAR" ] || [ -n "$(find "$ROOT/benchmarks/src" "$ROOT/benchmarks/pom.xml" -newer "$BENCH_JAR" -print -quit)" ]; then
  echo "building $BENCH_JAR"
  (cd "$ROOT" && ./mvnw -B -q -o -pl benchmarks package)
fi
if [ ! -f "$WARDEN_JAR" ]; then
  echo "building $WARDEN_JAR"
  (cd "$ROOT" && ./mvnw -B -q -o -pl bootstrap package -DskipTests)
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/benchmarks/target/load-$STAMP"
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
SUMMARY="$OUT/summary.txt"
printf 'label\tscenario\tconcurrency\trequests_ok\tfailed\tseconds\treq_per_s\tchecks_per_s\tp50_ms\tp95_ms\tp99_ms\tmax_ms\n' > "$RESULTS"
{
  echo "Warden load run $STAMP on $(hostname): $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$JAVA_BIN" -version 2>&1 | head -1)"
  echo "configs: ${CONFIGS[*]}; duration ${DURATION}s, warm-up ${WARMUP}s, concurrency $CONCURRENCY, users $USERS,"
  echo "demo data $TENANTS tenants x $USERS_PER_TENANT users, batch size $BATCH_SIZE"
} | tee "$SUMMARY"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

psql_admin() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

WARDEN_PID=""
DB_NAME=""
KEY_PREFIX=""

# Stops what this run started (by its pid only), drops its database and deletes its Redis keys.
cleanup() {
  if [ -n "$WARDEN_PID" ] && kill -0 "$WARDEN_PID" 2>/dev/null; then
    kill "$WARDEN_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$WARDEN_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$WARDEN_PID" 2>/dev/null || true
    wait "$WARDEN_PID" 2>/dev/null || true
  fi
  WARDEN_PID=""
  if [ -n "$DB_NAME" ]; then
    psql_admin -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" || true
    DB_NAME=""
  fi
  if [ -n "$KEY_PREFIX" ]; then
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --scan --pattern "$KEY_PREFIX:*" \
      | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" DEL >/dev/null || true
    KEY_PREFIX=""
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

FAILED=0
for CONFIG in "${CONFIGS[@]}"; do
  case "$CONFIG" in
    both-on) L1=true; L2=true; DEFAULT_SCENARIOS=ping,check,batch ;;
    l1-off) L1=false; L2=true; DEFAULT_SCENARIOS=check,batch ;;
    l2-off) L1=true; L2=false; DEFAULT_SCENARIOS=check,batch ;;
    both-off) L1=false; L2=false; DEFAULT_SCENARIOS=check,batch ;;
  esac
  RUN_SCENARIOS=${SCENARIOS:-$DEFAULT_SCENARIOS}
  PORT=$(free_port)
  DB_NAME="warden_load_$(date +%s)_$$"
  KEY_PREFIX="wload-$(date +%s)-$$"
  LOG="$OUT/warden-$CONFIG.log"
  psql_admin -c "CREATE DATABASE \"$DB_NAME\""

  echo
  echo "== $CONFIG: WARDEN_CACHE_L1=$L1 WARDEN_CACHE_L2=$L2, port $PORT, database $DB_NAME" | tee -a "$SUMMARY"
  # A scratch working directory: no ./application.yaml or ./.warden-data of the checkout applies.
  WORKDIR="$OUT/work-$CONFIG"
  mkdir -p "$WORKDIR"
  STARTED=$(date +%s)
  (
    cd "$WORKDIR"
    export WARDEN_PORT="$PORT"
    export WARDEN_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME"
    export WARDEN_DB_USER="$PG_USER"
    export WARDEN_DB_PASSWORD=""
    export WARDEN_REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT"
    export WARDEN_REDIS_KEY_PREFIX="$KEY_PREFIX"
    export WARDEN_DEMO_TENANTS="$TENANTS"
    export WARDEN_DEMO_USERS="$USERS_PER_TENANT"
    export WARDEN_CACHE_L1="$L1"
    export WARDEN_CACHE_L2="$L2"
    # The load is many requests per user: limits meant for people would turn it into 429s.
    export WARDEN_RATE_API_PER_MINUTE=1000000000
    export WARDEN_RATE_AUTH_PER_15_MINUTES=1000000
    # Warm-up is the driver's job, on the users it loads: no background warming of 100,000
    # members competing for the two cores while the load is measured.
    export WARDEN_CACHE_WARM_MAX_TENANT_SIZE="${WARDEN_CACHE_WARM_MAX_TENANT_SIZE:-0}"
    # shellcheck disable=SC2086
    exec "$JAVA_BIN" ${WARDEN_JAVA_OPTS:-} -jar "$WARDEN_JAR"
  ) > "$LOG" 2>&1 &
  WARDEN_PID=$!

  HEALTHY=""
  for _ in $(seq 1 900); do
    if ! kill -0 "$WARDEN_PID" 2>/dev/null; then
      echo "Warden exited during start; last lines of $LOG:" >&2
      tail -40 "$LOG" >&2
      exit 1
    fi
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/health"; then HEALTHY=yes; break; fi
    sleep 1
  done
  if [ -z "$HEALTHY" ]; then
    echo "Warden did not become healthy within 900 s; see $LOG" >&2
    exit 1
  fi
  echo "healthy after $(( $(date +%s) - STARTED )) s: $(curl -s "http://127.0.0.1:$PORT/health")" | tee -a "$SUMMARY"
  SEED=$(grep -o 'Demo data: .*' "$LOG" | head -1 || true)
  echo "seed: ${SEED:-no 'Demo data' line in $LOG}" | tee -a "$SUMMARY"

  set +e
  "$JAVA_BIN" -cp "$BENCH_JAR" io.warden.benchmarks.load.LoadDriver \
    --base-url "http://127.0.0.1:$PORT" \
    --label "$CONFIG" \
    --scenarios "$RUN_SCENARIOS" \
    --duration-seconds "$DURATION" \
    --warmup-seconds "$WARMUP" \
    --concurrency "$CONCURRENCY" \
    --users "$USERS" \
    --tenants "$TENANTS" \
    --users-per-tenant "$USERS_PER_TENANT" \
    --batch-size "$BATCH_SIZE" \
    --max-requests "$MAX_REQUESTS" \
    --results "$RESULTS" \
    --stats-out "$OUT/stats-$CONFIG.json" 2>&1 | tee -a "$SUMMARY"
  DRIVER_STATUS=${PIPESTATUS[0]}
  set -e
  if [ "$DRIVER_STATUS" -ne 0 ]; then
    echo "load driver exited with $DRIVER_STATUS (2 = some requests failed or answered wrongly)" | tee -a "$SUMMARY"
    FAILED=1
  fi
  cleanup
done

echo
echo "results: $RESULTS"
column -t -s $'\t' "$RESULTS" | tee -a "$SUMMARY"
exit "$FAILED"
