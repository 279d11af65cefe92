#!/usr/bin/env bash
# Item 1 — Warden's decision and policy-change cost against jCasbin (JMH, -prof gc).
#
#   benchmarks/run-casbin.sh [--smoke] [JMH options...]
#
# Starts one Warden (external PostgreSQL: a database of its own; L2 on a private redis-server)
# for PolicyChangeBenchmark's Warden side, then runs DecisionBenchmark and PolicyChangeBenchmark.
# Default JMH settings: -f 1 -wi 3 -i 5 -w 2s -r 2s; --smoke: -f 1 -wi 1 -i 1 -w 1s -r 1s.
# Extra arguments go to JMH. Writes benchmarks/results/casbin.md and casbin-*.png.
source "$(dirname "$0")/lib/common.sh"
JMH_OPTS=(-f 1 -wi 3 -i 5 -w 2s -r 2s)
if [ "${1:-}" = "--smoke" ]; then JMH_OPTS=(-f 1 -wi 1 -i 1 -w 1s -r 1s); shift; fi
ensure_built
new_out casbin
start_redis
DB=$(new_database)
start_warden casbin "$DB"
wait_ready
echo "Warden ready at $URL after $READY_MS ms"

"$JAVA_BIN" -jar "$BENCH_JAR" 'casbin\.DecisionBenchmark' "${JMH_OPTS[@]}" -prof gc \
  -rf json -rff "$OUT/decision.json" "$@" > "$OUT/decision.log" 2>&1
"$JAVA_BIN" -jar "$BENCH_JAR" 'casbin\.PolicyChangeBenchmark' "${JMH_OPTS[@]}" -prof gc \
  -p wardenUrl="$URL" -p adminEmail="$ADMIN_EMAIL" -p adminPassword="$ADMIN_PASSWORD" \
  -rf json -rff "$OUT/change.json" "$@" > "$OUT/change.log" 2>&1

# name score error unit bytes/op [grants], one line per benchmark (and value of -p grants)
rows() {
  jq -r '.[] | [(.benchmark | split(".") | last), (.primaryMetric.score | tostring),
        (.primaryMetric.scoreError | tostring), .primaryMetric.scoreUnit,
        ((.secondaryMetrics["gc.alloc.rate.norm"].score // "NaN") | tostring),
        (.params.grants // "")] | join(" ")' "$1"
}
fmt() { awk -v v="$1" 'BEGIN { if (v == "" || v == "NaN") print "-"; else if (v >= 100) printf "%\047.0f", v; else printf "%.2f", v }'; }

# DecisionBenchmark: one row per engine, the exact grants and the wildcard grants side by side.
declare -A SCORE ERROR BYTES
while read -r name score error unit bytes grants; do
  SCORE[$name/$grants]=$score; ERROR[$name/$grants]=$error; BYTES[$name/$grants]=$bytes
done < <(rows "$OUT/decision.json")
ENGINES=(wardenL1Check wardenWarmCheckWithToken casbinEnforcer casbinSyncedEnforcer casbinCachedEnforcer)
CHART=()
{
  echo "Measured $MACHINE. JMH ${JMH_OPTS[*]} -prof gc."
  echo
  echo "**Decision** (\`DecisionBenchmark\`, same RBAC-with-domains policy in every engine: 10 tenants, 10,000 users, 100 roles per tenant each making 20 grants, 200 permissions; half the probes allowed, half denied). *exact*: every grant names one permission; *wildcard*: every role grants a folder (\`folder_3.*\`, 20 permissions), a document (\`folder_8.doc_80:*\`, 2) and 18 exact names — jCasbin matches objects with \`keyMatch\`. × L1: ns/op over \`wardenL1Check\`'s with the same grants."
  echo
  echo "| engine | exact ns/op | ± | B/op | × L1 | wildcard ns/op | ± | B/op | × L1 | wildcard ÷ exact |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for name in "${ENGINES[@]}"; do
    line="| \`$name\`"
    for grants in exact wildcard; do
      key=$name/$grants
      line+=" | $(fmt "${SCORE[$key]:-}") | $(fmt "${ERROR[$key]:-}") | $(fmt "${BYTES[$key]:-}")"
      line+=" | $(ratio "${SCORE[$key]:-}" "${SCORE[wardenL1Check/$grants]:-}")"
      [ -n "${SCORE[$key]:-}" ] && CHART+=("$name $grants=${SCORE[$key]}")
    done
    echo "$line | $(ratio "${SCORE[$name/wildcard]:-}" "${SCORE[$name/exact]:-}") |"
  done
  echo
  echo "**Policy change** (\`PolicyChangeBenchmark\`: one role revocation applied until the next decision denies; Warden over HTTP on PostgreSQL with its real adapters, jCasbin in-process):"
  echo
  echo "| engine | µs/op | ± | B/op (client side) | × Warden |"
  echo "|---|---|---|---|---|"
  BASE=$(rows "$OUT/change.json" | awk '$1 == "warden" {print $2}')
  while read -r name score error unit bytes; do
    echo "| \`$name\` | $(fmt "$score") | $(fmt "$error") | $(fmt "$bytes") | $(ratio "$score" "$BASE") |"
  done < <(rows "$OUT/change.json")
} > "$OUT/casbin.md"
chart "$OUT/casbin-decision.png" "One decision, same policy (exact and wildcard grants)" "log:ns/op" "${CHART[@]}"
cat "$OUT/casbin.md"
publish
