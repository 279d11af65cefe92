#!/usr/bin/env bash
# Item 2 (continued) — the load profiles as Gatling simulations with HTML reports: baseline
# (100 users, 5 min), stress (1,000 users), spike (0 -> 500 users in 30 s), endurance (100 users,
# 10 min: the shortened soak). Each user sends a check every 100 ms (paced).
#
#   benchmarks/run-profiles.sh [--smoke] [PROFILE ...]          (default: all four)
#   WARDEN_BENCH_DURATION=S overrides every profile's hold time (seconds);
#   WARDEN_BENCH_USERS=N its user count.
# --smoke: 5 s holds and a tenth of the users. One Warden (external PostgreSQL, L1 + L2 on a
# private Redis, demo data 10 x 1,000, 100 users' tokens) serves all profiles in turn.
source "$(dirname "$0")/lib/common.sh"
PROFILES=()
SMOKE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=yes; shift ;;
    baseline|stress|spike|endurance) PROFILES+=("$1"); shift ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
[ ${#PROFILES[@]} -gt 0 ] || PROFILES=(baseline stress spike endurance)
ensure_built
new_out profiles
start_redis
DB=$(new_database)
start_warden profiles "$DB" WARDEN_DEMO_TENANTS=10 WARDEN_DEMO_USERS=1000
wait_ready
FEEDER="$OUT/feeder.csv"
feeder "$FEEDER" --mode self --users 100 --tenants 10 --users-per-tenant 1000
{
  echo "Measured $MACHINE.${SMOKE:+ SMOKE settings: 5 s holds, a tenth of the users.}"
  echo
  echo "| profile | users | checks | failed | mean req/s | p50 ms | p99 ms | p99.9 ms | max ms | p99 × baseline |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} > "$OUT/profiles.md"
BASE=""
for profile in "${PROFILES[@]}"; do
  case "$profile" in baseline) users=100 ;; stress) users=1000 ;; spike) users=500 ;; endurance) users=100 ;; esac
  ARGS=(-Dwarden.profile="$profile")
  if [ -n "$SMOKE" ]; then users=$(( users / 10 )); ARGS+=(-Dwarden.duration=5 -Dwarden.users="$users"); fi
  [ -n "${WARDEN_BENCH_DURATION:-}" ] && ARGS+=(-Dwarden.duration="$WARDEN_BENCH_DURATION")
  [ -n "${WARDEN_BENCH_USERS:-}" ] && { users=$WARDEN_BENCH_USERS; ARGS+=(-Dwarden.users="$users"); }
  REPORT=$(gatling "$profile" LoadProfileSimulation "${ARGS[@]}" -Dwarden.feeder="$FEEDER")
  read -r total ok ko rps p50 p99 p999 max <<< "$(gatling_stats "$REPORT")"
  [ -n "$BASE" ] || BASE=$p99
  echo "| $profile | $users | $total | $ko | $rps | $p50 | $p99 | $p999 | $max | $(ratio "$p99" "$BASE") |" >> "$OUT/profiles.md"
  echo "$profile: $total checks, $ko failed, p99 $p99 ms; report $(find "$REPORT" -name index.html | head -1)"
done
echo >> "$OUT/profiles.md"
echo "HTML reports: \`benchmarks/target/results/$(basename "$OUT")/gatling/<profile>/*/index.html\` (not committed)." >> "$OUT/profiles.md"
cat "$OUT/profiles.md"
publish
