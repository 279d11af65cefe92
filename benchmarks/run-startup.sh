#!/usr/bin/env bash
# Item 9 — start-up: time from launch to ready and to warm (start-up warming logged done).
#
#   benchmarks/run-startup.sh [--smoke] [--runs N] [--goal-only]
#
# 1. The goal (issue #13: ≤ 2 s to ready): a restart on a current schema against external
#    PostgreSQL with demo data (10 x 1,000), three ways paired in every run, in an order that
#    rotates from run to run: the bare Helidon /ping server (the floor any Helidon JVM pays here),
#    `java -jar warden.jar` (the JVM's defaults) and bin/warden (the launcher's defaults and the
#    AOT cache its training run wrote at package time). For each: launch to /ping answering
#    (listening), to /health answering 200 (ready: every check a balancer waits for is up) and to
#    warm. Then one more launcher start with class loading logged, which counts the classes the
#    AOT cache served: whether the archive is used at all, and how much of the start it covers.
# 2. The launcher alone over the whole matrix (--goal-only leaves it out): external against
#    embedded PostgreSQL, without and with demo data, first start (migrations, seed) and restart.
# Medians of N runs (default 3; --smoke 1). Each Warden logs its own phases ("Ready N ms after
# launch: ..."); the last launcher restart's line is quoted with the table.
source "$(dirname "$0")/lib/common.sh"
RUNS=3
MATRIX=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) RUNS=1; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    --goal-only) MATRIX=""; shift ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
ensure_trained
new_out startup
start_redis
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR] = $1} END { if (NR) print a[int((NR + 1) / 2)]; else print "-" }'; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# Kills the embedded PostgreSQL a Warden in this run's work directory left behind, by pid.
reap_embedded() {
  local pid
  for pid in $(pgrep -f "$OUT/work-" || true); do
    kill "$pid" 2>/dev/null || true
  done
}

# wait_up: after start_warden, until /ping answers (PING_MS) and then /health answers 200
# (HEALTH_MS), asked every 10 ms.
wait_up() {
  wait_answers /ping 900 0.01
  PING_MS=$ANSWERED_MS
  wait_answers /health 900 0.01
  HEALTH_MS=$ANSWERED_MS
}

# ---- 1. The goal: bare Helidon, java -jar and bin/warden, paired, restart on a current schema.
GOAL_DB=$(new_database)
DEMO=(WARDEN_DEMO_TENANTS=10 WARDEN_DEMO_USERS=1000 WARDEN_CACHE_WARM_MAX_TENANT_SIZE=10000)
# The first start (migrations, seed) makes the schema current; it is not one of the figures.
start_warden goal-first "$GOAL_DB" WARDEN_LAUNCH=launcher "${DEMO[@]}"
wait_up
stop_warden "$PID"
declare -A G_PING G_HEALTH G_WARM
G_LOADS=()
G_PHASES=""
WAYS=(bare jar launcher)
for run in $(seq 1 "$RUNS"); do
  shift_by=$(( (run - 1) % 3 ))
  order=("${WAYS[@]:$shift_by}" "${WAYS[@]:0:$shift_by}")
  G_LOADS+=("$(load1)")
  for way in "${order[@]}"; do
    case $way in
      bare)
        PORT=$(free_port)
        URL="http://127.0.0.1:$PORT"
        LOG="$OUT/bare-$run.log"
        STARTED_NS=$(date +%s%N)
        "$JAVA_BIN" -cp "$BENCH_JAR" io.warden.benchmarks.memory.BarePingServer "$PORT" > "$LOG" 2>&1 &
        PID=$!
        WARDEN_PIDS+=("$PID")
        until curl -fs -o /dev/null "$URL/ping"; do
          kill -0 "$PID" 2>/dev/null || { tail -20 "$LOG" >&2; exit 1; }
          sleep 0.01
        done
        G_PING[bare]+="$(( ($(date +%s%N) - STARTED_NS) / 1000000 )) "
        ;;
      jar | launcher)
        EXTRA=()
        [ "$way" = launcher ] && EXTRA=(WARDEN_LAUNCH=launcher)
        start_warden "goal-$way-$run" "$GOAL_DB" "${EXTRA[@]}" "${DEMO[@]}"
        wait_up
        wait_warm 60
        G_PING[$way]+="$PING_MS "
        G_HEALTH[$way]+="$HEALTH_MS "
        G_WARM[$way]+="${WARM_MS:-} "
        [ "$way" = launcher ] && G_PHASES=$(grep -o 'Ready [0-9]* ms after launch.*' "$WARDEN_LOG" | tail -1 || true)
        echo "run $run $way: /ping $PING_MS ms, /health $HEALTH_MS ms, warm ${WARM_MS:-?} ms"
        ;;
    esac
    stop_warden "$PID"
  done
done

# One more launcher restart with class loading logged: the AOT cache's share of the classes.
CLASSES="$OUT/class-load.txt"
start_warden goal-classes "$GOAL_DB" WARDEN_LAUNCH=launcher "${DEMO[@]}" \
  "WARDEN_JAVA_OPTS=-Xlog:class+load=info:file=$CLASSES"
wait_up
stop_warden "$PID"
CLASSES_ALL=$(grep -c ' source: ' "$CLASSES" || true)
CLASSES_SHARED=$(grep -c ' source: shared objects file' "$CLASSES" || true)
AOT_OPTS=$(launcher --dry-run 2>&1 | grep -e '^-XX:AOTCache=' -e '^-XX:SharedArchiveFile=' | sed "s|$ROOT/||" || true)

{
  echo "Measured $MACHINE. Restart on a current schema, external PostgreSQL, demo data 10 x 1,000, L1 + L2 (private Redis), start-up warming of every tenant; medians of $RUNS run(s), the three ways paired in every run in an order rotating from run to run (load average at the start of each run: ${G_LOADS[*]})."
  echo
  BARE=$(echo "${G_PING[bare]:-}" | median)
  echo "| way | /ping answers, ms | /health 200 (ready), ms | warm, ms | ready × bare Helidon | ready × java -jar |"
  echo "|---|---|---|---|---|---|"
  echo "| bare Helidon /ping server (JVM defaults) | $BARE | - | - | 1.00 | - |"
  JAR=$(echo "${G_HEALTH[jar]:-}" | median)
  for way in jar launcher; do
    label=$([ "$way" = jar ] && echo '`java -jar warden.jar` (JVM defaults, no archive)' || echo '`bin/warden` (launcher defaults, AOT cache)')
    H=$(echo "${G_HEALTH[$way]:-}" | median)
    echo "| $label | $(echo "${G_PING[$way]:-}" | median) | **$H** | $(echo "${G_WARM[$way]:-}" | median) | $(ratio "$H" "$BARE") | $(ratio "$H" "$JAR") |"
  done
  echo
  echo "Classes the launcher's JVM loaded on a restart: $CLASSES_ALL, of which $CLASSES_SHARED from the archive (\`$AOT_OPTS\`; \`-Xlog:class+load\`, one extra start)."
  echo
  echo "Phases of the last launcher restart, as Warden logged them: \`${G_PHASES:-(none logged)}\`"
} > "$OUT/startup.md"

# ---- 2. The launcher over the whole matrix.
if [ -n "$MATRIX" ]; then
  declare -A READY WARM
  for run in $(seq 1 "$RUNS"); do
    for db in external embedded; do
      for demo in none demo; do
        DBNAME=""
        [ "$db" = external ] && DBNAME=$(new_database)
        NAME="$db-$demo-$run"
        for start in first restart; do
          EXTRA=(WARDEN_LAUNCH=launcher WARDEN_CACHE_WARM_MAX_TENANT_SIZE=10000)
          [ "$demo" = demo ] && EXTRA+=(WARDEN_DEMO_TENANTS=10 WARDEN_DEMO_USERS=1000)
          WARDEN_WORK_NAME=$NAME start_warden "$NAME-$start" "$DBNAME" "${EXTRA[@]}"
          wait_up
          wait_warm 60
          READY[$db-$demo-$start]+="$HEALTH_MS "
          WARM[$db-$demo-$start]+="${WARM_MS:-} "
          echo "$db $demo $start: ready $HEALTH_MS ms, warm ${WARM_MS:-?} ms"
          stop_warden "$PID"
          reap_embedded
        done
      done
    done
  done
  {
    echo
    echo "The launcher (\`bin/warden\`, its defaults and AOT cache) over every case, medians of $RUNS run(s); ready = \`/health\` answers 200; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "| database | demo data | start | ready ms | warm ms | ready × bare Helidon |"
    echo "|---|---|---|---|---|---|"
  } >> "$OUT/startup.md"
  CHART=()
  for db in external embedded; do
    for demo in none demo; do
      for start in first restart; do
        R=$(echo "${READY[$db-$demo-$start]}" | median)
        W=$(echo "${WARM[$db-$demo-$start]}" | median)
        label=$([ "$demo" = demo ] && echo "10 x 1,000" || echo "none")
        echo "| $db | $label | $start | $R | $W | $(ratio "$R" "$BARE") |" >> "$OUT/startup.md"
        CHART+=("$db, $demo, $start=$R")
      done
    done
  done
  chart "$OUT/startup.png" "bin/warden: launch to ready" "ms" "bare Helidon=$BARE" \
    "java -jar restart=$JAR" "${CHART[@]}"
fi
cat "$OUT/startup.md"
publish
