#!/usr/bin/env bash
# Item 7 — memory: retained heap of cached permission sets and tokens, and process RSS against a
# bare Helidon /ping server.
#
#   benchmarks/run-memory.sh [--smoke] [--seconds S]
#
# 1. MemoryFootprint (in-process, serial GC): the heap that 10,000 users' permission sets (20 and
#    200 permissions) retain in the real L1 adapter, against a naive HashMap<user, HashSet<String>>
#    of the same names; JOL's size of one set; the token cache after 10,000 distinct tokens against
#    a HashMap<token, claims>. (--smoke: 2,000 tokens, scaled to 10,000.)
# 2. RSS: Warden (external PostgreSQL, L1 + L2, demo data 10 x 1,000, every tenant warmed at start,
#    i.e. 10,000 users' sets cached) and BarePingServer, both with the JVM's defaults (plus
#    WARDEN_JAVA_OPTS for Warden when set), after the same wrk load on /ping for --seconds (default
#    20; --smoke 5), then Warden after as long again of warm checks.
source "$(dirname "$0")/lib/common.sh"
TOKENS=10000
SECONDS_LOAD=20
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) TOKENS=2000; SECONDS_LOAD=5; shift ;;
    --seconds) SECONDS_LOAD=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out memory
footprint() { # one measurement per JVM
  "$JAVA_BIN" -XX:+UseSerialGC -Xmx2g -cp "$BENCH_JAR" io.warden.benchmarks.memory.MemoryFootprint \
    "$@" 2>> "$OUT/footprint.log" | grep -E '^(permission-sets|one-set-jol|token-cache)' \
    | tee -a "$OUT/footprint.txt"
}
footprint sets 20 10000
footprint sets 200 10000
footprint jol 20
footprint jol 200
footprint tokens 0 "$TOKENS"
kib() { awk -v b="$1" -v s="${2:-1}" 'BEGIN { printf "%\047.0f", b * s / 1024 }'; }

start_redis
DB=$(new_database)
start_warden memory "$DB" WARDEN_DEMO_TENANTS=10 WARDEN_DEMO_USERS=1000 \
  WARDEN_CACHE_WARM_MAX_TENANT_SIZE=10000
WARDEN_PID=$PID
wait_ready
wait_warm 600
WARDEN_URL=$URL
LOGIN=$(curl -fs "$URL/api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"demo-1-1@demo.warden.local\",\"password\":\"$DEMO_PASSWORD\"}")
post_lua "$OUT/check.lua" '{"permission":"users.view"}' "$(echo "$LOGIN" | jq -r .accessToken)"

BARE_PORT=$(free_port)
"$JAVA_BIN" -cp "$BENCH_JAR" io.warden.benchmarks.memory.BarePingServer "$BARE_PORT" \
  > "$OUT/bare.log" 2>&1 &
BARE_PID=$!
WARDEN_PIDS+=("$BARE_PID")
for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$BARE_PORT/ping" && break; sleep 0.1; done

RSS_BARE_IDLE=$(rss_mib "$BARE_PID"); RSS_WARDEN_IDLE=$(rss_mib "$WARDEN_PID")
wrk -t2 -c32 -d"${SECONDS_LOAD}s" "http://127.0.0.1:$BARE_PORT/ping" > "$OUT/wrk-bare.log"
wrk -t2 -c32 -d"${SECONDS_LOAD}s" "$WARDEN_URL/ping" > "$OUT/wrk-warden-ping.log"
RSS_BARE=$(rss_mib "$BARE_PID"); RSS_WARDEN_PING=$(rss_mib "$WARDEN_PID")
wrk -t2 -c32 -d"${SECONDS_LOAD}s" -s "$OUT/check.lua" "$WARDEN_URL/api/authz/check" > "$OUT/wrk-warden-check.log"
RSS_WARDEN_CHECK=$(rss_mib "$WARDEN_PID")

{
  echo "Measured $MACHINE."
  echo
  echo "**Retained heap** (MemoryFootprint, serial GC, heap used after full GC before/after; per 10,000 entries):"
  echo
  echo "| what | Warden KiB | naive baseline KiB | Warden × baseline |"
  echo "|---|---|---|---|"
  while read -r name warden naive; do
    case "$name" in
      permission-sets-*) scale=1; label="10,000 users' permission sets of ${name#permission-sets-} (L1 adapter vs HashMap of HashSet<String>)" ;;
      one-set-jol-*) scale=1; label="one set of ${name#one-set-jol-}, JOL retained size, in bytes (PermissionSet vs HashSet<String>)" ;;
      token-cache) scale=$(awk -v t="$TOKENS" 'BEGIN { print 10000 / t }'); label="token cache per 10,000 tokens (CachedTokenCodec vs HashMap<token, claims>)" ;;
    esac
    if [ "${name#one-set-jol-}" != "$name" ]; then
      echo "| $label | $warden B | $naive B | $(ratio "$warden" "$naive") |"
    else
      echo "| $label | $(kib "$warden" "$scale") | $(kib "$naive" "$scale") | $(ratio "$warden" "$naive") |"
    fi
  done < "$OUT/footprint.txt"
  echo
  echo "**Process RSS** (JVM defaults: no -Xmx${WARDEN_JAVA_OPTS:+; Warden with $WARDEN_JAVA_OPTS}; wrk 32 connections, ${SECONDS_LOAD} s each):"
  echo
  echo "| process | idle MiB | after /ping load MiB | after warm-check load MiB | × bare Helidon (after /ping) |"
  echo "|---|---|---|---|---|"
  echo "| bare Helidon \`/ping\` server | $RSS_BARE_IDLE | $RSS_BARE | — | 1.00 |"
  echo "| Warden (10,000 users' sets cached) | $RSS_WARDEN_IDLE | $RSS_WARDEN_PING | $RSS_WARDEN_CHECK | $(ratio "$RSS_WARDEN_PING" "$RSS_BARE") |"
} > "$OUT/memory.md"
chart "$OUT/memory-rss.png" "Process RSS after load" "MiB" "bare Helidon=$RSS_BARE" \
  "Warden after /ping=$RSS_WARDEN_PING" "Warden after checks=$RSS_WARDEN_CHECK"
cat "$OUT/memory.md"
publish
