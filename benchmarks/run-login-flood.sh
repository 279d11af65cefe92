#!/usr/bin/env bash
# Issue #6 item 3 — warm permission checks under a login flood.
#
#   benchmarks/run-login-flood.sh [--smoke] [--seconds S] [--flood N]
#
# One Warden (external PostgreSQL, own database; L2 on a private Redis; demo data 1 x 10), one
# demo user's tenant-scoped token. Two phases of --seconds each (default 15; --smoke 5), same run:
#  1. quiet: wrk, 8 connections, on that user's warm check;
#  2. flood: the same check load while wrk keeps N (default 200) connections posting logins with a
#     wrong password (every one an Argon2id verification, were it not for the gate).
# Reports the check's throughput and p50/p99 in each phase, and what the logins got (answers per
# second, how many were 503 with Retry-After: the gate refusing, not Warden failing).
source "$(dirname "$0")/lib/common.sh"
SECONDS_MEASURED=15
FLOOD=200
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SECONDS_MEASURED=5; shift ;;
    --seconds) SECONDS_MEASURED=$2; shift 2 ;;
    --flood) FLOOD=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
ensure_built
new_out login-flood
MACHINE=$(machine_line)
start_redis
DB=$(new_database)
start_warden flood "$DB" WARDEN_DEMO_TENANTS=1 WARDEN_DEMO_USERS=10
wait_ready
DEMO_PASSWORD=demo-password-123
TOKEN=$(curl -fs "$URL/api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"demo-1-1@demo.warden.local\",\"password\":\"$DEMO_PASSWORD\"}" |
  sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
[ -n "$TOKEN" ] || { echo "could not log in as the demo user" >&2; exit 1; }

post_lua "$OUT/check.lua" '{"permission":"users.view"}' "$TOKEN"
# Each flood connection posts a wrong password for a real account, over and over.
cat > "$OUT/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"email":"demo-1-2@demo.warden.local","password":"not-the-password-at-all"}'
wrk.headers["Content-Type"] = "application/json"
-- Counted per thread (each has its own Lua state) and summed in done().
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end
function response(status, headers, body)
  local key = tostring(status)
  if status == 503 and headers["Retry-After"] == nil then key = "503-without-Retry-After" end
  counts[key] = (counts[key] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for k, v in pairs(thread:get("counts")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("status %s %d\n", k, v)) end
end
LUA
wrk -t2 -c8 -d10s -s "$OUT/check.lua" "$URL/api/authz/check" > /dev/null # warm-up (JIT)

wrk -t2 -c8 -d"${SECONDS_MEASURED}s" --latency -s "$OUT/check.lua" "$URL/api/authz/check" \
  > "$OUT/check-quiet.log"
wrk -t1 -c"$FLOOD" -d"$((SECONDS_MEASURED + 4))s" --timeout 30s -s "$OUT/login.lua" \
  "$URL/api/auth/login" > "$OUT/login-flood.log" 2>&1 &
FLOOD_PID=$!
sleep 2
wrk -t2 -c8 -d"${SECONDS_MEASURED}s" --latency -s "$OUT/check.lua" "$URL/api/authz/check" \
  > "$OUT/check-flood.log"
wait "$FLOOD_PID"

rps() { awk '/Requests\/sec/ {printf "%.0f", $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
non2xx() { awk '/Non-2xx/ {print $NF}' "$1"; }
{
  echo "$MACHINE"
  echo
  echo "| phase | check req/s | check p50 | check p99 | check non-2xx |"
  echo "|---|---|---|---|---|"
  echo "| quiet | $(rps "$OUT/check-quiet.log") | $(pct "$OUT/check-quiet.log" 50%) | $(pct "$OUT/check-quiet.log" 99%) | $(non2xx "$OUT/check-quiet.log" || true) |"
  echo "| $FLOOD concurrent bad logins | $(rps "$OUT/check-flood.log") | $(pct "$OUT/check-flood.log" 50%) | $(pct "$OUT/check-flood.log" 99%) | $(non2xx "$OUT/check-flood.log" || true) |"
  echo
  echo "Logins during the flood: $(rps "$OUT/login-flood.log") answers/s; by status:"
  grep '^status' "$OUT/login-flood.log" | sed 's/^status /- /'
} | tee "$OUT/$ITEM.md"
publish
