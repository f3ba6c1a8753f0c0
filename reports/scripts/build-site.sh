#!/usr/bin/env bash
# Build the static report site (reports/build) from a warehouse DuckDB file.
#   scripts/build-site.sh <warehouse.duckdb>     (run from reports/; `make reports` does)
# `evidence sources` copies every mart listed in sources/warehouse into the site's data files, then
# `evidence build:strict` renders every page and fails on any query or component error.
set -euo pipefail
cd "$(dirname "$0")/.."

warehouse="${1:?usage: scripts/build-site.sh <warehouse.duckdb>}"
if [[ ! -f "$warehouse" ]]; then
	echo "reports: no warehouse at $warehouse; run \`make build\` (or \`make warehouse\`) first" >&2
	exit 1
fi
if [[ ! -d node_modules/@evidence-dev/evidence ]]; then
	echo "reports: Evidence is not installed; run \`make setup\`" >&2
	exit 1
fi
# Evidence resolves the DuckDB filename relative to the source's folder and rejects absolute paths.
relative="$(realpath --relative-to=sources/warehouse "$warehouse")"
mkdir -p .evidence
log=.evidence/sources.log
if ! EVIDENCE_SOURCE__warehouse__filename="$relative" npx --no-install evidence sources >"$log" 2>&1 \
	|| grep -q "✖" "$log"; then
	grep -E "✖|Error" "$log" | sed 's/^/  /' >&2 || tail -20 "$log" >&2
	echo "reports: evidence sources failed on $warehouse (full log: reports/$log); is the warehouse built and not open for writing?" >&2
	exit 1
fi
echo "reports: $(grep -c '✔' "$log") sources read from $warehouse"
log=.evidence/build.log
# The build scripts of package.json give Node a larger young generation (64 MB semi-spaces): the
# Vite build of the site spends about a tenth of its CPU in the garbage collector with the default,
# and 64 MB cut its CPU time by about 8 %. They are in package.json so that `make bench`, which
# runs `npm run build`, measures the build as made here.
# Evidence does not clear build/: pages left from an earlier build would be served and checked.
rm -rf build
# build:strict exits 0 on some query errors (it logs "Error in Query!"): those fail here too.
if ! npm run --silent build:strict >"$log" 2>&1 || grep -qE "Error in (Query|[A-Z][A-Za-z ]+:)" "$log"; then
	grep -iE "error|failed" "$log" | head -30 | sed 's/^/  /' >&2 || true
	echo "reports: evidence build:strict failed (full log: reports/$log)" >&2
	exit 1
fi
echo "reports: site built in reports/build ($(find build -name '*.html' | wc -l) pages)"
