# Shared by the benchmarks/run-*.sh harnesses (sourced, not run). Everything it starts — Warden
# processes, its own redis-server, databases — is recorded and undone by `cleanup` on exit, by pid
# and by name only. It never touches the shared PostgreSQL's or Redis's configuration or data:
# each Warden gets a database of its own (created and dropped here), and L2 runs on a private
# redis-server on a spare loopback port, so its statistics count this run only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
# WARDEN_BENCH_WARDEN_JAR: another build's warden.jar (with its lib/ beside it), for scripts without --before.
WARDEN_JAR="${WARDEN_BENCH_WARDEN_JAR:-$ROOT/bootstrap/target/warden.jar}"
GATLING_CP_FILE="$ROOT/benchmarks/target/gatling.classpath"
RESULTS_DIR="$ROOT/benchmarks/results"
PG_HOST=${WARDEN_BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${WARDEN_BENCH_PG_PORT:-5432}
PG_USER=${WARDEN_BENCH_PG_USER:-postgres}
# Databases of a run are named PREFIX_<stamp>_<pid> (WARDEN_BENCH_DB_PREFIX, e.g. one's own name on
# a shared server) and dropped at its end.
DB_PREFIX=${WARDEN_BENCH_DB_PREFIX:-warden_bench}
ADMIN_EMAIL=bench-admin@bench.warden.local
ADMIN_PASSWORD=bench-admin-password-123
DEMO_PASSWORD=demo-password-123

# A JDK 21+: $JAVA, else $JAVA_HOME, else the Temurin 25 of the reference machine, else java.
pick_java() {
  local candidate major
  for candidate in "${JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" \
      /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
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

# round_options "$@": the options of the scripts that alternate two runs over rounds (run-hotpath,
# run-ratelimit) into ROUNDS and SECONDS_PER_RUN: 3 rounds of 15 s; --smoke one of 3 s; --rounds N;
# --seconds S. Anything else ends the script.
# shellcheck disable=SC2034 # ROUNDS and SECONDS_PER_RUN are the sourcing script's
round_options() {
  ROUNDS=3
  SECONDS_PER_RUN=15
  while [ $# -gt 0 ]; do
    case "$1" in
      --smoke) ROUNDS=1; SECONDS_PER_RUN=3; shift ;;
      --rounds) ROUNDS=$2; shift 2 ;;
      --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
      *) echo "unknown argument $1" >&2; exit 1 ;;
    esac
  done
}

# Builds the jars when missing or older than any source (one Maven build; never install).
ensure_built() {
  local stale=""
  for f in "$BENCH_JAR" "$WARDEN_JAR" "$GATLING_CP_FILE"; do [ -f "$f" ] || stale=yes; done
  if [ -z "$stale" ] && [ -n "$(find "$ROOT" -path "$ROOT/*/target" -prune -o -path "$ROOT/benchmarks/lib" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.yaml' -o -name '*.sql' -o -name '*.xml' \
      -o -path "$ROOT/bin/warden" \) -newer "$BENCH_JAR" -print -quit)" ]; then
    stale=yes
  fi
  if [ -n "$stale" ]; then
    echo "building benchmarks.jar and warden.jar" >&2
    (cd "$ROOT" && ./mvnw -B -q -pl benchmarks,bootstrap -am package -DskipTests)
  fi
}

# The launcher as the package lays it out (bootstrap/target/bin/warden beside warden.jar and the
# class-data archive of its training run), run on $JAVA_BIN's JDK.
LAUNCHER="$ROOT/bootstrap/target/bin/warden"
JAVA_BIN_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA_BIN")")")
launcher() { JAVA_HOME="$JAVA_BIN_HOME" "$LAUNCHER" "$@"; }

# The launcher's class-data archive for this JDK, options and jars: trained again (bin/warden
# --train, as `package` does) when missing or written for anything else, since a launcher run
# without it would measure a start that no packaged instance makes.
ensure_trained() {
  if ! launcher --dry-run 2>/dev/null | grep -q -e '^-XX:AOTCache=' -e '^-XX:SharedArchiveFile='; then
    echo "training the launcher's class-data archive (bin/warden --train)" >&2
    launcher --train >&2
  fi
}

# new_out ITEM: the run's folder for its raw output (OUT, benchmarks/target/results/ITEM-<stamp>/),
# its item (ITEM) and the machine as it is now (MACHINE).
# shellcheck disable=SC2034 # MACHINE is the sourcing script's
new_out() {
  local item=$1
  OUT="$ROOT/benchmarks/target/results/$item-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$OUT" "$RESULTS_DIR"
  ITEM=$item
  MACHINE=$(machine_line)
}

# One line on the machine, JDK and load average: every table starts with it.
machine_line() {
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$JAVA_BIN" -version 2>&1 | head -1 | sed 's/"//g'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# post_lua FILE BODY TOKEN: a wrk script that POSTs the JSON BODY with the bearer TOKEN.
post_lua() {
  cat > "$1" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $3"
LUA
}

# tenant_token URL SLUG: logs in as the bench admin at URL, creates tenant SLUG (its admin) and
# prints a token scoped to it.
tenant_token() {
  local url=$1 slug=$2 token tenant
  token=$(curl -fs "$url/api/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .accessToken)
  tenant=$(curl -fs "$url/api/admin/tenants" -H "authorization: Bearer $token" \
    -H 'content-type: application/json' -d "{\"slug\":\"$slug\",\"name\":\"$slug\"}" | jq -r .id)
  curl -fs "$url/api/auth/select-tenant" -H "authorization: Bearer $token" \
    -H 'content-type: application/json' -d "{\"tenantId\":\"$tenant\"}" | jq -r .accessToken
}

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
    cd "$work"
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

feeder() { # feeder FILE ARGS...: writes a Gatling feeder from the Warden at $URL
  local file=$1
  shift
  "$JAVA_BIN" -cp "$BENCH_JAR" io.warden.benchmarks.http.Feeder --base-url "$URL" --out "$file" "$@"
}

# gatling NAME SIMULATION -Dprop=value ...: runs one simulation on Gatling's own main; prints the
# run's folder ($OUT/gatling/NAME: console.log, and the HTML report in a subfolder).
gatling() {
  local name=$1 simulation=$2
  shift 2
  local folder="$OUT/gatling/$name"
  mkdir -p "$folder"
  # Gatling's own default JVM options (as its Maven plugin passes them).
  "$JAVA_BIN" -Xmx1G -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 \
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED \
    --enable-native-access=ALL-UNNAMED -Dwarden.url="$URL" "$@" \
    -cp "$ROOT/benchmarks/target/test-classes:$(cat "$GATLING_CP_FILE")" \
    io.gatling.app.Gatling -s "io.warden.benchmarks.gatling.$simulation" -rf "$folder" \
    > "$folder/console.log" 2>&1 || true
  echo "$folder"
}

# gatling_stats FOLDER [REQUEST]: "requests ok ko rps p50 p99 p99.9 max" (ms). Without REQUEST:
# the console summary's Global Information. With it: that request's page of the HTML report
# (req_REQUEST-*.html), which leaves out the warm-up's requests ("-" for rps: the page has none).
gatling_stats() {
  local folder=$1 request=${2:-}
  if [ -n "$request" ]; then
    local page
    page=$(find "$folder" -name "req_$request-*.html" | head -1)
    if [ -z "$page" ]; then
      echo "0 0 0 - - - - -"
      return
    fi
    tr -d '\n' < "$page" | sed 's/<td class="title">/\n/g' | awk -F'<' '
      function v(s) { sub(/^[^>]*>/, "", s); sub(/<.*/, "", s); gsub(/[ ,]/, "", s); return s == "" ? "-" : s }
      /^Total count/ { split($0, c, "<td class=\""); total = v(c[2]); ok = v(c[3]); ko = v(c[4]) }
      function first(line,   c) { split(line, c, "<td class=\""); return v(c[2]) }
      /^50th percentile/ { p50 = first($0) }
      /^99th percentile/ { p99 = first($0) }
      /^99.9th percentile/ { p999 = first($0) }
      /^Max/ { max = first($0) }
      END { if (ko == "-") ko = 0; print (total == "" ? 0 : total), ok, ko, "-", p50, p99, p999, max }'
    return
  fi
  awk -F'|' '
    function v(s) { gsub(/[ ,]/, "", s); return s == "" || s == "-" ? "-" : s }
    /Global Information/ { on = 1 }
    on && /request count/ { total = v($2); ok = v($3); ko = v($4); if (ko == "-") ko = 0 }
    on && /max response time/ { max = v($2) }
    on && /50th percentile/ { p50 = v($2) }
    on && / 99th percentile/ { p99 = v($2) }
    on && /99.9th percentile/ { p999 = v($2) }
    on && /mean throughput/ { rps = v($2) }
    on && /Response Time Distribution/ { on = 0 }
    END {
      if (total == "") print "0 0 0 0 - - - -";
      else print total, ok, ko, rps, p50, p99, p999, max
    }' "$folder/console.log"
}

# chart FILE TITLE UNIT label=value...: a PNG bar chart of the table's figures.
chart() {
  local file=$1 title=$2 unit=$3
  shift 3
  [ $# -gt 0 ] || return 0
  "$JAVA_BIN" -Djava.awt.headless=true -cp "$BENCH_JAR" io.warden.benchmarks.report.BarChart \
    "$file" "$title" "$unit" "$@" || echo "(chart $file not drawn)" >&2
}

# wrk_ms LATENCY: one of wrk's latencies (812.00us, 1.20ms, 2.00s) in milliseconds, two decimals.
wrk_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else if (v ~ /s$/) printf "%.2f", v * 1000; else print v }'; }

# wrk_figures FILE: "rps p50 p99 non2xx" (latencies in ms) of one `wrk --latency` run's output.
wrk_figures() {
  local file=$1
  echo "$(awk '/^Requests\/sec/ {print $2}' "$file") $(wrk_ms "$(awk '$1 == "50%" {print $2}' "$file")") $(wrk_ms "$(awk '$1 == "99%" {print $2}' "$file")") $(awk '/Non-2xx/ {print $NF}' "$file" | grep . || echo 0)"
}

ratio() { # ratio A B: A / B with two decimals, or "-" when either is missing or B is 0
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'
}

# publish: copies this run's table (and charts) to benchmarks/results/, which BENCHMARKS.md links.
publish() {
  cp "$OUT/$ITEM.md" "$RESULTS_DIR/$ITEM.md"
  for png in "$OUT"/*.png; do [ -f "$png" ] && cp "$png" "$RESULTS_DIR/"; done
  echo "table: benchmarks/results/$ITEM.md"
}
