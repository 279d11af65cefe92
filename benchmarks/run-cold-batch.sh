#!/usr/bin/env bash
# Item 4 — cold permission loads of 50, 1,000 and 10,000 users (POST /api/authz/permissions/batch
# right after the tenant's caches were flushed), against one user's cold load as the baseline.
#
#   benchmarks/run-cold-batch.sh [--smoke] [--repetitions N]
#
# One Warden (external PostgreSQL, L1 + L2 on a private Redis), demo data 1 tenant x 10,000 users.
# Per load: the transactions the batch cost (pg_stat_database, less a control of the same flushes)
# — one statement per request of up to 1,000 users is the design; the API takes 1,000 users a
# request, so 10,000 users are 10 requests.
source "$(dirname "$0")/lib/common.sh"
REPETITIONS=30
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) REPETITIONS=5; shift ;;
    --repetitions) REPETITIONS=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out cold-batch
start_redis
DB=$(new_database)
start_warden cold-batch "$DB" WARDEN_DEMO_TENANTS=1 WARDEN_DEMO_USERS=10000
wait_ready
{
  echo "Measured $MACHINE. External PostgreSQL, demo data 1 tenant x 10,000 users (each: viewer, every tenth editor); caches flushed before each load (not timed); $REPETITIONS loads per size."
  echo
  echo "| users | requests | p50 ms | p99 ms | max ms | transactions per load (batch only) | p50 µs per user | per user × 1-user load |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$OUT/cold-batch.md"
BASE=""
CHART=()
XACT="psql -h $PG_HOST -p $PG_PORT -U $PG_USER -d postgres -qAt -c \"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'\""
for size in 1 50 1000 10000; do
  LINE=$("$JAVA_BIN" -Dprobe.xact="$XACT" -cp "$BENCH_JAR" io.warden.benchmarks.probe.ColdBatchProbe \
    "$URL" "$REPETITIONS" "$size")
  read -r users requests p50 p99 max per_load <<< "$LINE"
  PER_USER=$(awk -v p="$p50" -v u="$users" 'BEGIN { printf "%.1f", p * 1000 / u }')
  [ -n "$BASE" ] || BASE=$PER_USER
  echo "| $users | $requests | $p50 | $p99 | $max | $per_load | $PER_USER | $(ratio "$PER_USER" "$BASE") |" >> "$OUT/cold-batch.md"
  CHART+=("$users users=$p50")
  echo "$LINE"
done
echo >> "$OUT/cold-batch.md"
echo "Transactions per load: pg_stat_database over the timed loads less over as many control cycles (the same flush and one cold read of the caller's own permissions), per load; the listener's heartbeat during the longer loads is not subtracted. One request should cost one statement (one transaction)." >> "$OUT/cold-batch.md"
chart "$OUT/cold-batch.png" "Cold batch load, p50" "ms" "${CHART[@]}"
cat "$OUT/cold-batch.md"
publish
