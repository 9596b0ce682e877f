#!/usr/bin/env bash
# Compares a benchmark run with the goals (issue 34); not part of ./test.sh. Exits 1 on a regression beyond the noise
# band (benchmarks/Compare/check.py says how it is judged), 0 otherwise. For anyone changing a hot path:
#
#   PANEL_BENCH_WORK=/tmp/bw benchmarks/run.sh --quick && benchmarks/check.sh /tmp/bw/results
#
# usage: benchmarks/check.sh [RESULTS] [PAGE]
#   RESULTS  a run's results folder (default: $PANEL_BENCH_WORK/results)
#   PAGE     the page whose goals table holds the recorded figures (default: docs/benchmarks.md as last committed,
#            so a full run that has just rewritten the page is compared with the one before it)
set -euo pipefail
cd "$(dirname "$0")/.."
results="${1:-${PANEL_BENCH_WORK:?give the results folder, or set PANEL_BENCH_WORK}/results}"
page="${2:-}"
if [[ -z "$page" ]]; then
    page="$(mktemp)"
    trap 'rm -f "$page"' EXIT
    git show HEAD:docs/benchmarks.md >"$page" 2>/dev/null || cp docs/benchmarks.md "$page"
fi
/usr/bin/python3 benchmarks/Compare/check.py "$results" "$page"
