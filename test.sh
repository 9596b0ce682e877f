#!/usr/bin/env bash
# Runs every test of Panel.Migrations on a fresh machine: builds the solution (warnings are errors),
# starts the throw-away database servers the tests need, runs the tests, prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

dotnet build Panel.sln -c Release -nologo -clp:NoSummary

results="$(mktemp -d)"
status=0
dotnet test tests/Panel.Migrations.Tests -c Release --no-build -nologo \
    --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

# VSTest's own summary is not a line CI reads; print the plain one from the trx counters.
trx="$results/results.trx"
if [[ -f "$trx" ]]; then
    passed=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    failed=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    skipped=$(grep -o 'notExecuted="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
    [[ "${passed:-0}" -gt 0 ]] || { echo "no test ran" >&2; status=1; }
else
    echo "no test results were written" >&2
    status=1
fi
exit "$status"
