# Part of common.sh, which sources it: driving load at a Warden (wrk scripts, Gatling, a tenant's
# token) and reading the figures (wrk's and Gatling's outputs, ratios, charts).
# shellcheck shell=bash

# post_lua FILE BODY TOKEN: a wrk script that POSTs the JSON BODY with the bearer TOKEN.
post_lua() {
  cat > "$1" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $3"
LUA
}

# tenant_token URL SLUG: logs in as the bench admin at URL, creates tenant SLUG (its admin) and
# prints a token scoped to it.
tenant_token() {
  local url=$1 slug=$2 token tenant
  token=$(curl -fs "$url/api/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .accessToken)
  tenant=$(curl -fs "$url/api/admin/tenants" -H "authorization: Bearer $token" \
    -H 'content-type: application/json' -d "{\"slug\":\"$slug\",\"name\":\"$slug\"}" | jq -r .id)
  curl -fs "$url/api/auth/select-tenant" -H "authorization: Bearer $token" \
    -H 'content-type: application/json' -d "{\"tenantId\":\"$tenant\"}" | jq -r .accessToken
}

feeder() { # feeder FILE ARGS...: writes a Gatling feeder from the Warden at $URL
  local file=$1
  shift
  "$JAVA_BIN" -cp "$BENCH_JAR" io.warden.benchmarks.http.Feeder --base-url "$URL" --out "$file" "$@"
}

# gatling NAME SIMULATION -Dprop=value ...: runs one simulation on Gatling's own main; prints the
# run's folder ($OUT/gatling/NAME: console.log, and the HTML report in a subfolder).
gatling() {
  local name=$1 simulation=$2
  shift 2
  local folder="$OUT/gatling/$name"
  mkdir -p "$folder"
  # Gatling's own default JVM options (as its Maven plugin passes them).
  "$JAVA_BIN" -Xmx1G -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 \
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED \
    --enable-native-access=ALL-UNNAMED -Dwarden.url="$URL" "$@" \
    -cp "$ROOT/benchmarks/target/test-classes:$(cat "$GATLING_CP_FILE")" \
    io.gatling.app.Gatling -s "io.warden.benchmarks.gatling.$simulation" -rf "$folder" \
    > "$folder/console.log" 2>&1 || true
  echo "$folder"
}

# gatling_stats FOLDER [REQUEST]: "requests ok ko rps p50 p99 p99.9 max" (ms). Without REQUEST:
# the console summary's Global Information. With it: that request's page of the HTML report
# (req_REQUEST-*.html), which leaves out the warm-up's requests ("-" for rps: the page has none).
gatling_stats() {
  local folder=$1 request=${2:-}
  if [ -n "$request" ]; then
    local page
    page=$(find "$folder" -name "req_$request-*.html" | head -1)
    if [ -z "$page" ]; then
      echo "0 0 0 - - - - -"
      return
    fi
    tr -d '\n' < "$page" | sed 's/<td class="title">/\n/g' | awk -F'<' '
      function v(s) { sub(/^[^>]*>/, "", s); sub(/<.*/, "", s); gsub(/[ ,]/, "", s); return s == "" ? "-" : s }
      /^Total count/ { split($0, c, "<td class=\""); total = v(c[2]); ok = v(c[3]); ko = v(c[4]) }
      function first(line,   c) { split(line, c, "<td class=\""); return v(c[2]) }
      /^50th percentile/ { p50 = first($0) }
      /^99th percentile/ { p99 = first($0) }
      /^99.9th percentile/ { p999 = first($0) }
      /^Max/ { max = first($0) }
      END { if (ko == "-") ko = 0; print (total == "" ? 0 : total), ok, ko, "-", p50, p99, p999, max }'
    return
  fi
  awk -F'|' '
    function v(s) { gsub(/[ ,]/, "", s); return s == "" || s == "-" ? "-" : s }
    /Global Information/ { on = 1 }
    on && /request count/ { total = v($2); ok = v($3); ko = v($4); if (ko == "-") ko = 0 }
    on && /max response time/ { max = v($2) }
    on && /50th percentile/ { p50 = v($2) }
    on && / 99th percentile/ { p99 = v($2) }
    on && /99.9th percentile/ { p999 = v($2) }
    on && /mean throughput/ { rps = v($2) }
    on && /Response Time Distribution/ { on = 0 }
    END {
      if (total == "") print "0 0 0 0 - - - -";
      else print total, ok, ko, rps, p50, p99, p999, max
    }' "$folder/console.log"
}

# chart FILE TITLE UNIT label=value...: a PNG bar chart of the table's figures.
chart() {
  local file=$1 title=$2 unit=$3
  shift 3
  [ $# -gt 0 ] || return 0
  "$JAVA_BIN" -Djava.awt.headless=true -cp "$BENCH_JAR" io.warden.benchmarks.report.BarChart \
    "$file" "$title" "$unit" "$@" || echo "(chart $file not drawn)" >&2
}

# wrk_ms LATENCY: one of wrk's latencies (812.00us, 1.20ms, 2.00s) in milliseconds, two decimals.
wrk_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else if (v ~ /s$/) printf "%.2f", v * 1000; else print v }'; }

# wrk_figures FILE: "rps p50 p99 non2xx" (latencies in ms) of one `wrk --latency` run's output.
wrk_figures() {
  local file=$1
  echo "$(awk '/^Requests\/sec/ {print $2}' "$file") $(wrk_ms "$(awk '$1 == "50%" {print $2}' "$file")") $(wrk_ms "$(awk '$1 == "99%" {print $2}' "$file")") $(awk '/Non-2xx/ {print $NF}' "$file" | grep . || echo 0)"
}

ratio() { # ratio A B: A / B with two decimals, or "-" when either is missing or B is 0
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'
}
