#!/usr/bin/env bash
# Issue #6 item 3 — warm permission checks under a login flood.
#
#   benchmarks/run-login-flood.sh [--smoke] [--seconds S] [--flood N]
#
# One Warden (external PostgreSQL, own database; L2 on a private Redis; demo data 1 x 10), one
# demo user's tenant-scoped token. Three phases of --seconds each (default 15; --smoke 5), same run:
#  1. quiet: wrk, 8 connections, on that user's warm check;
#  2. control: the same check load while wrk keeps N (default 200) connections posting logins
#     that are refused before any hashing (no password: 400 at the handler, before the rate limit,
#     the gate and the database), as fast as they are answered;
#  3. flood: the same again, but the N connections post logins with a wrong password (every one an
#     Argon2id verification, were it not for the gate).
# Reports the check's throughput and p50/p99 in each phase, and what each flood got (answers per
# second by status; for the logins, how many were 503 with Retry-After: the gate refusing, not
# Warden failing). Control against quiet is what 200 closed-loop connections cost the check by
# themselves; flood against control is what the hashing adds.
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
# flood_lua FILE BODY: each flood connection posts BODY to the login, over and over; the answers
# are counted by status.
flood_lua() {
  {
    printf "wrk.body = '%s'\n" "$2"
    cat <<'LUA'
wrk.method = "POST"
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
  } > "$1"
}
# A wrong password for a real account: an Argon2id verification each, unless the gate refuses.
flood_lua "$OUT/login.lua" '{"email":"demo-1-2@demo.warden.local","password":"not-the-password-at-all"}'
# The same account without a password: refused at the handler, nothing hashed or looked up.
flood_lua "$OUT/no-hash.lua" '{"email":"demo-1-2@demo.warden.local"}'

# check_under_flood NAME LUA: the check's measurement while FLOOD connections run LUA on the login
# (started 2 s before and ended after it); $OUT/check-NAME.log and $OUT/flood-NAME.log.
check_under_flood() {
  local name=$1 lua=$2 flood_pid
  wrk -t1 -c"$FLOOD" -d"$((SECONDS_MEASURED + 4))s" --timeout 30s -s "$lua" \
    "$URL/api/auth/login" > "$OUT/flood-$name.log" 2>&1 &
  flood_pid=$!
  sleep 2
  wrk -t2 -c8 -d"${SECONDS_MEASURED}s" --latency -s "$OUT/check.lua" "$URL/api/authz/check" \
    > "$OUT/check-$name.log"
  wait "$flood_pid"
}

wrk -t2 -c8 -d10s -s "$OUT/check.lua" "$URL/api/authz/check" > /dev/null # warm-up (JIT)

wrk -t2 -c8 -d"${SECONDS_MEASURED}s" --latency -s "$OUT/check.lua" "$URL/api/authz/check" \
  > "$OUT/check-quiet.log"
check_under_flood control "$OUT/no-hash.lua"
sleep 2 # the control's connections close before the logins open theirs
check_under_flood logins "$OUT/login.lua"

rps() { awk '/Requests\/sec/ {printf "%.0f", $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
non2xx() { awk '/Non-2xx/ {print $NF}' "$1"; }
{
  echo "$MACHINE"
  echo
  echo "| phase | check req/s | check p50 | check p99 | check non-2xx | flood answers/s |"
  echo "|---|---|---|---|---|---|"
  echo "| quiet | $(rps "$OUT/check-quiet.log") | $(pct "$OUT/check-quiet.log" 50%) | $(pct "$OUT/check-quiet.log" 99%) | $(non2xx "$OUT/check-quiet.log" || true) | - |"
  echo "| $FLOOD connections, logins refused before hashing | $(rps "$OUT/check-control.log") | $(pct "$OUT/check-control.log" 50%) | $(pct "$OUT/check-control.log" 99%) | $(non2xx "$OUT/check-control.log" || true) | $(rps "$OUT/flood-control.log") |"
  echo "| $FLOOD concurrent bad logins | $(rps "$OUT/check-logins.log") | $(pct "$OUT/check-logins.log" 50%) | $(pct "$OUT/check-logins.log" 99%) | $(non2xx "$OUT/check-logins.log" || true) | $(rps "$OUT/flood-logins.log") |"
  echo
  echo "Answers to the control (no password) by status:"
  grep '^status' "$OUT/flood-control.log" | sed 's/^status /- /'
  echo
  echo "Answers to the bad logins by status:"
  grep '^status' "$OUT/flood-logins.log" | sed 's/^status /- /'
} | tee "$OUT/$ITEM.md"
publish
