# Shared by the benchmarks/run-*.sh harnesses (sourced, not run): their settings, the JDK, the
# build, the output folder and the published table; it sources servers.sh and load.sh in turn.
# Everything a run starts — Warden processes, its own redis-server, databases — is recorded and
# undone by `cleanup` on exit, by pid and by name only. It never touches the shared PostgreSQL's or
# Redis's configuration or data: each Warden gets a database of its own (created and dropped here),
# and L2 runs on a private redis-server on a spare loopback port, so its statistics count this run
# only.
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

# publish: copies this run's table (and charts) to benchmarks/results/, which BENCHMARKS.md links.
publish() {
  cp "$OUT/$ITEM.md" "$RESULTS_DIR/$ITEM.md"
  for png in "$OUT"/*.png; do [ -f "$png" ] && cp "$png" "$RESULTS_DIR/"; done
  echo "table: benchmarks/results/$ITEM.md"
}

# The processes and databases a run starts, and what drives load at them and reads its figures.
# shellcheck source=lib/servers.sh
source "$ROOT/benchmarks/lib/servers.sh"
# shellcheck source=lib/load.sh
source "$ROOT/benchmarks/lib/load.sh"
