#!/usr/bin/env bash
# Where a warm check's and a /ping's bytes go, by library and by site (issue #13): the companion of
# run-allocation.sh, whose bytes per request are the measurement; this gives their sites.
#
#   benchmarks/run-allocation-sites.sh [--seconds S]
#
# One Warden as run-allocation.sh starts it, but with small fixed TLABs (-XX:TLABSize=4k
# -XX:-ResizeTLAB), so that JFR's events for every new TLAB and every allocation outside one
# (jdk.ObjectAllocationInNewTLAB / OutsideTLAB, with stacks) sample the allocations in proportion to
# their bytes; JFR's default jdk.ObjectAllocationSample weights each sample by what its thread
# allocated since its previous one, which on virtual threads credits whole connections' bytes to a
# single site. lib/AllocationSites.java turns each recording into tables: by library (the
# innermost frame outside the JDK: Warden, Helidon, Infinispan, Parsson, ...) and by site.
source "$(dirname "$0")/lib/common.sh"
SECONDS_PER_RUN=8
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out allocation-sites
JDK_BIN=$(dirname "$JAVA_BIN")
cat > "$OUT/tlab.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="tlab" description="every new TLAB and every allocation outside one, with stacks">
  <event name="jdk.ObjectAllocationInNewTLAB"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
  <event name="jdk.ObjectAllocationOutsideTLAB"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
</configuration>
JFC
start_redis
db=$(new_database)
WARDEN_JAVA_OPTS="-XX:TLABSize=4k -XX:MinTLABSize=4k -XX:-ResizeTLAB" start_warden sites "$db"
wait_ready
tt=$(tenant_token "$URL" bench-alloc-sites)
post_lua "$OUT/check.lua" '{"permission":"users.view"}' "$tt"
wrk -t2 -c16 -d10s -s "$OUT/check.lua" "$URL/api/authz/check" > /dev/null
wrk -t2 -c16 -d5s "$URL/ping" > /dev/null
{
  echo "$MACHINE."
  echo
  echo "One instance with 4 KiB TLABs; wrk -t2 -c16, $SECONDS_PER_RUN s per recording after a warm-up; JFR TLAB events (estimates: see the script)."
  for what in ping check; do
    "$JDK_BIN/jcmd" "$PID" JFR.start name=$what settings="$OUT/tlab.jfc" > /dev/null
    if [ $what = ping ]; then
      wrk -t2 -c16 -d${SECONDS_PER_RUN}s "$URL/ping" > "$OUT/wrk-$what.txt"
    else
      wrk -t2 -c16 -d${SECONDS_PER_RUN}s -s "$OUT/check.lua" "$URL/api/authz/check" > "$OUT/wrk-$what.txt"
    fi
    "$JDK_BIN/jcmd" "$PID" JFR.stop name=$what filename="$OUT/$what.jfr" > /dev/null
    if grep -q 'Non-2xx' "$OUT/wrk-$what.txt"; then echo "$what: non-2xx answers" >&2; exit 1; fi
    n=$(awk '/requests in/ {print $1}' "$OUT/wrk-$what.txt")
    echo
    echo "#### $( [ $what = ping ] && echo 'GET /ping' || echo 'warm POST /api/authz/check') ($n requests)"
    echo
    "$JAVA_BIN" "$ROOT/benchmarks/lib/AllocationSites.java" "$OUT/$what.jfr" "$n" 22
  done
} > "$OUT/$ITEM.md"
cat "$OUT/$ITEM.md"
publish
