# Part of common.sh, which sources it: the servers of a run. A private redis-server, databases of
# its own on the shared PostgreSQL, Warden processes on free loopback ports, and `cleanup`, which
# stops and drops every one of them on exit.
# shellcheck shell=bash

# free_port: a loopback port nothing listens on. With WARDEN_BENCH_PORTS=LOW-HIGH (e.g. 8100-8199,
# when several people share the machine and each has a range), the first free port of that range
# that this run has not handed out yet; else one the kernel picks.
PORTS_GIVEN="${TMPDIR:-/tmp}/warden-bench-ports-$$"
free_port() {
  python3 - "${WARDEN_BENCH_PORTS:-}" "$PORTS_GIVEN" <<'PY'
import os, socket, sys
span, given_file = sys.argv[1], sys.argv[2]
def free(port):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        return s.getsockname()[1]
    except OSError:
        return None
    finally:
        s.close()
if not span:
    print(free(0))
    sys.exit(0)
low, high = (int(p) for p in span.split("-"))
given = set(open(given_file).read().split()) if os.path.exists(given_file) else set()
for port in range(low, high + 1):
    if str(port) not in given and free(port):
        with open(given_file, "a") as f:
            f.write(f"{port}\n")
        print(port)
        sys.exit(0)
sys.exit(f"no free port left in WARDEN_BENCH_PORTS={span}")
PY
}

psql_admin() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

psql_db() {
  local db=$1
  shift
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"
}

WARDEN_PIDS=()
DATABASES=()
REDIS_PID=""
REDIS_PORT=""

# A private redis-server on a spare loopback port, without persistence.
start_redis() {
  REDIS_PORT=$(free_port)
  mkdir -p "$OUT/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$OUT/redis" --logfile "$OUT/redis/redis.log" --daemonize no >/dev/null 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return
    sleep 0.1
  done
  echo "redis-server did not start on $REDIS_PORT" >&2
  exit 1
}

redis_stat() { # redis_stat FIELD: one field of INFO (e.g. keyspace_hits)
  redis-cli -p "$REDIS_PORT" info all | tr -d '\r' | awk -F: -v f="$1" '$1 == f {print $2}'
}

redis_calls() { # how many commands of every kind the private Redis has run
  redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' \
    | sed -n 's/^cmdstat_[a-z_|]*:calls=\([0-9]*\),.*/\1/p' | awk '{s+=$1} END {print s+0}'
}

new_database() { # new_database: creates one and prints its name
  local name="${DB_PREFIX}_$(date +%s%N | tail -c 10)_$$"
  psql_admin -c "CREATE DATABASE \"$name\""
  DATABASES+=("$name")
  echo "$name"
}

xact_commits() { # transactions committed in a database (pg_stat_database; read from outside)
  psql_admin -c "SELECT pg_stat_clear_snapshot()" >/dev/null
  psql_admin -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$1'"
}

# start_warden NAME DB [VAR=value ...]: starts bootstrap/target/warden.jar from a scratch working
# directory on a free port, against database DB (empty: embedded PostgreSQL in the scratch dir),
# with L2 on the private Redis (when started), rate limits out of the way and no start-up warming
# unless overridden. Sets PORT, PID, URL and WARDEN_LOG; the process is stopped by cleanup.
# With WARDEN_LAUNCH=launcher (one of the VAR=value), or WARDEN_BENCH_LAUNCHER set in the
# environment (to a launcher's path, or to anything else for the package's), it starts bin/warden
# instead of `java -jar` with the JVM's defaults: the launcher's defaults, its archive,
# WARDEN_JAVA_OPTS appended by the launcher itself.
# The key-encryption key of every instance this run starts on an external database (they share it,
# as instances of one service must): a throwaway key for throwaway databases.
BENCH_KEK="${BENCH_KEK:-$(openssl rand -base64 32)}"

start_warden() {
  local name=$1 db=$2
  shift 2
  PORT=$(free_port)
  # WARDEN_WORK_NAME: share a working directory (an embedded database) between starts.
  local work="$OUT/work-${WARDEN_WORK_NAME:-$name}"
  mkdir -p "$work"
  (
    cd "$work" || exit 1
    export WARDEN_PORT="$PORT"
    if [ -n "$db" ]; then
      export WARDEN_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$db"
      export WARDEN_DB_USER="$PG_USER"
      export WARDEN_DB_PASSWORD=""
      # Instances of one run share the database, so they share its key-encryption key.
      export WARDEN_KEY_ENCRYPTION_KEY="$BENCH_KEK"
    fi
    if [ -n "$REDIS_PORT" ]; then
      export WARDEN_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
    fi
    export WARDEN_ADMIN_EMAIL="$ADMIN_EMAIL" WARDEN_ADMIN_PASSWORD="$ADMIN_PASSWORD"
    # Load is many requests per user: limits meant for people would turn it into 429s.
    export WARDEN_RATE_API_PER_MINUTE=1000000000 WARDEN_RATE_AUTH_PER_15_MINUTES=1000000000
    export WARDEN_RATE_CHECK_PER_MINUTE=1000000000
    export WARDEN_CACHE_WARM_MAX_TENANT_SIZE=0
    # On a shared, loaded machine the 50 ms default trips the L2 breaker on scheduling delays alone.
    export WARDEN_REDIS_TIMEOUT_MS="${WARDEN_REDIS_TIMEOUT_MS:-500}"
    for assignment in "$@"; do export "${assignment?}"; done
    if [ "${WARDEN_LAUNCH:-}" = launcher ] || [ -n "${WARDEN_BENCH_LAUNCHER:-}" ]; then
      # shellcheck disable=SC2153 # LAUNCHER is common.sh's
      launcher=$LAUNCHER
      [ -x "${WARDEN_BENCH_LAUNCHER:-}" ] && [ -f "${WARDEN_BENCH_LAUNCHER:-}" ] && launcher=$WARDEN_BENCH_LAUNCHER
      JAVA_HOME="$JAVA_BIN_HOME" exec "$launcher"
    fi
    # shellcheck disable=SC2086
    exec "$JAVA_BIN" ${WARDEN_JAVA_OPTS:-} -jar "$WARDEN_JAR"
  ) > "$OUT/warden-$name.log" 2>&1 &
  PID=$!
  WARDEN_LOG="$OUT/warden-$name.log"
  WARDEN_PIDS+=("$PID")
  URL="http://127.0.0.1:$PORT"
  STARTED_NS=$(date +%s%N)
}

# wait_answers PATH [TIMEOUT_S] [POLL_S]: after start_warden, until $URL$PATH answers 2xx, asked
# every POLL_S seconds (0.02); sets ANSWERED_MS (launch to that answer). Fails the run when the
# Warden exits or the time is up.
wait_answers() {
  local path=$1 timeout=${2:-900} poll=${3:-0.02} deadline
  deadline=$(( $(date +%s) + timeout ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if ! kill -0 "$PID" 2>/dev/null; then
      echo "Warden exited during start; last lines of its log:" >&2
      tail -30 "$WARDEN_LOG" >&2
      exit 1
    fi
    if curl -fs -o /dev/null "$URL$path" 2>/dev/null; then
      ANSWERED_MS=$(( ($(date +%s%N) - STARTED_NS) / 1000000 ))
      return
    fi
    sleep "$poll"
  done
  echo "Warden did not answer $path within $timeout s" >&2
  exit 1
}

# wait_ready [TIMEOUT_S]: until /ping answers; sets READY_MS (launch to first answer).
wait_ready() {
  wait_answers /ping "${1:-900}"
  READY_MS=$ANSWERED_MS
}

# wait_warm TIMEOUT_S: until the Warden's log says start-up warming is done; sets WARM_MS (launch
# to then), or "" when it was not seen within TIMEOUT_S.
wait_warm() {
  local deadline
  deadline=$(( $(date +%s) + $1 ))
  WARM_MS=""
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if grep -q 'Cache warming at start warmed' "$WARDEN_LOG" 2>/dev/null; then
      WARM_MS=$(( ($(date +%s%N) - STARTED_NS) / 1000000 ))
      return
    fi
    sleep 0.05
  done
}

stop_warden() { # stop_warden PID
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid db
  for pid in "${WARDEN_PIDS[@]}"; do stop_warden "$pid"; done
  WARDEN_PIDS=()
  if [ -n "$REDIS_PID" ]; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=""
  fi
  # new_database runs in $(...), a subshell, so DATABASES never sees its names: drop by the suffix
  # every database of this run carries (this script's pid) as well.
  for db in "${DATABASES[@]}" $(psql_admin -c "SELECT datname FROM pg_database WHERE datname LIKE '${DB_PREFIX//_/\\_}\_%\_$$'" 2>/dev/null); do
    psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  done
  DATABASES=()
  rm -f "$PORTS_GIVEN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# CPU seconds (user + system) a process has used so far.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$1/stat"
}

rss_mib() {
  awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"
}
