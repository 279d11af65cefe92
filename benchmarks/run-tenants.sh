#!/usr/bin/env bash
# Item 8 — many tenants: check p99 and warm-up time with 10 tenants against 10,000 tenants, each
# with 100 roles.
#
#   benchmarks/run-tenants.sh [--smoke] [--tenants N] [--rate R] [--seconds S]
#
# Per configuration (10 tenants x 100 users; --tenants tenants, default 10,000, x 10 users):
#  1. Warden seeds the demo data (3 roles per tenant), then stops; SQL adds 97 roles per tenant
#     (2 of 200 benchmark permissions each) and gives every member 3 of them — 100 roles per tenant.
#  2. Warden starts again with start-up warming of every tenant: time to ready (/ping) and to warm
#     (its "Cache warming at start warmed N tenants" line).
#  3. The admins of 10 tenants spread over all ask about their members: Gatling, open loop, --rate
#     checks/s (default 500) for --seconds (default 30): p50/p99 against the 10-tenant run.
# --smoke: 1,000 tenants, 200/s, 5 s.
source "$(dirname "$0")/lib/common.sh"
MANY=10000; RATE=500; SECONDS_MEASURED=30
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) MANY=1000; RATE=200; SECONDS_MEASURED=5; shift ;;
    --tenants) MANY=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --seconds) SECONDS_MEASURED=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out tenants
start_redis
{
  echo "Measured $MACHINE. External PostgreSQL, L1 + L2; 100 roles per tenant; start-up warming of every tenant; checks by the admins of 10 tenants spread over all, about their members, $RATE/s for ${SECONDS_MEASURED} s (open loop)."
  echo
  echo "| tenants × users | roles | seed s | ready ms | warm ms (launch → warmed) | p50 ms | p99 ms | p99 × 10 tenants | warm × 10 tenants |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$OUT/tenants.md"
BASE_P99=""; BASE_WARM=""
CHART=()
for shape in "10 100" "$MANY 10"; do
  read -r TENANTS USERS <<< "$shape"
  DB=$(new_database)
  start_warden "seed-$TENANTS" "$DB" WARDEN_DEMO_TENANTS="$TENANTS" WARDEN_DEMO_USERS="$USERS"
  wait_ready 3000
  SEED_MS=$(grep -o 'created in [0-9,]* ms' "$OUT/warden-seed-$TENANTS.log" | tr -d , | awk '{print $3}')
  stop_warden "$PID"
  psql_db "$DB" <<'SQL'
INSERT INTO permissions (name, description)
  SELECT 'bench.p_' || g || ':read', 'benchmark' FROM generate_series(0, 199) g ON CONFLICT DO NOTHING;
INSERT INTO roles (id, tenant_id, name, description, system)
  SELECT gen_random_uuid(), t.id, 'bench_role_' || g, 'benchmark', false
  FROM tenants t, generate_series(1, 97) g;
INSERT INTO role_permissions (tenant_id, role_id, permission_name)
  SELECT r.tenant_id, r.id, 'bench.p_' || ((substr(r.name, 12)::int * 2 + k) % 200) || ':read'
  FROM roles r, generate_series(0, 1) k WHERE r.name LIKE 'bench\_role\_%';
INSERT INTO user_roles (tenant_id, user_id, role_id)
  SELECT m.tenant_id, m.user_id, r.id FROM memberships m
  JOIN roles r ON r.tenant_id = m.tenant_id AND r.name IN ('bench_role_1', 'bench_role_2', 'bench_role_3');
-- Fresh statistics, as autovacuum would have them for data that grew over time: right after this
-- bulk insert the planner still sees the seed's small tables and scans role_permissions whole
-- for every tenant (292 ms a tenant's warm-up query instead of 2 ms).
ANALYZE;
SQL
  ROLES=$(psql_db "$DB" -c "SELECT count(*) / count(DISTINCT tenant_id) FROM roles")
  start_warden "run-$TENANTS" "$DB" WARDEN_CACHE_WARM_MAX_TENANT_SIZE=10000
  wait_ready 3000
  wait_warm 3000
  FEEDER="$OUT/feeder-$TENANTS.csv"
  feeder "$FEEDER" --mode admin --tenants "$TENANTS" --users-per-tenant "$USERS" --admin-tenants 10 \
    --rows $(( RATE * (SECONDS_MEASURED + 5) + 1000 ))
  REPORT=$(gatling "check-$TENANTS" OpenLoopSimulation -Dwarden.target=check -Dwarden.rate="$RATE" \
    -Dwarden.duration="$SECONDS_MEASURED" -Dwarden.warmup=5 -Dwarden.feeder="$FEEDER")
  read -r total ok ko rps p50 p99 p999 max <<< "$(gatling_stats "$REPORT" check)"
  [ -n "$BASE_P99" ] || { BASE_P99=$p99; BASE_WARM=$WARM_MS; }
  echo "| $TENANTS × $USERS | $ROLES per tenant | $(awk -v m="$SEED_MS" 'BEGIN { printf "%.1f", m / 1000 }') | $READY_MS | ${WARM_MS:-not seen} | $p50 | $p99 | $(ratio "$p99" "$BASE_P99") | $(ratio "$WARM_MS" "$BASE_WARM") |" >> "$OUT/tenants.md"
  CHART+=("p99, $TENANTS tenants=$p99")
  echo "$TENANTS tenants: ready $READY_MS ms, warm ${WARM_MS:-?} ms, p50 $p50 p99 $p99 ($ko failed of $total)"
  stop_warden "$PID"
done
chart "$OUT/tenants.png" "Check p99 by number of tenants" "ms" "${CHART[@]}"
cat "$OUT/tenants.md"
publish
