#!/usr/bin/env bash
# Every benchmark harness of BENCHMARKS.md in turn, then the tables spliced into BENCHMARKS.md.
#
#   benchmarks/run-all.sh [--smoke] [ITEM ...]
#   benchmarks/run-all.sh --splice-only [ITEM ...]   (only copy benchmarks/results/ITEM.md in)
#
# ITEM: casbin gatling profiles cache cold-batch propagation zipf memory tenants startup footprint
# ratelimit login-flood hotpath sse-idle metering allocation (default: all). Each harness is bounded
# (a few minutes with its defaults, seconds with --smoke), sends load to loopback addresses only, and
# undoes what it started. Each writes benchmarks/results/<item>.md
# (and PNG charts); this script then replaces the part of BENCHMARKS.md between the markers
# <!-- results:ITEM --> and <!-- /results:ITEM --> with that file. Nothing here is a test: it
# measures and prints, and never runs in ./mvnw verify.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SMOKE=()
ITEMS=()
SPLICE_ONLY=""
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=(--smoke) ;;
    --splice-only) SPLICE_ONLY=yes ;;
    *) ITEMS+=("$arg") ;;
  esac
done
[ ${#ITEMS[@]} -gt 0 ] || ITEMS=(casbin gatling profiles cache cold-batch propagation zipf memory tenants startup footprint ratelimit login-flood hotpath sse-idle metering allocation)
FAILED=()
for item in "${ITEMS[@]}"; do
  echo "=== $item"
  if [ -z "$SPLICE_ONLY" ] && ! "$HERE/run-$item.sh" "${SMOKE[@]}"; then
    FAILED+=("$item")
    continue
  fi
  python3 - "$ROOT/BENCHMARKS.md" "$item" "$ROOT/benchmarks/results/$item.md" <<'PY'
import sys
path, item, table = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().strip()
text = open(path).read()
begin, end = f"<!-- results:{item} -->", f"<!-- /results:{item} -->"
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    open(path, "w").write(f"{head}{begin}\n{table}\n{end}{tail}")
else:
    print(f"BENCHMARKS.md has no markers for {item}: table left in benchmarks/results/{item}.md")
PY
done
if [ ${#FAILED[@]} -gt 0 ]; then
  echo "failed: ${FAILED[*]}" >&2
  exit 1
fi
