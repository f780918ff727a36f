#!/usr/bin/env bash
# Pull benchmark: `workbench pull` vs `psql \copy ... (format binary)` vs ConnectorX,
# same query, same throwaway loopback PostgreSQL 15, one run.
#
#   Benchmarks/Pull/run.sh [DAYS]      (default 295 days at 30 s: about 10 million raw rows)
#
# Heavy (seeding 10 M rows takes minutes on 2 cores): run it by hand, not in CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PATH:/opt/swift/usr/bin"

swift build -c release --product workbench
if ! python3 -c "import connectorx, pyarrow" 2>/dev/null; then
    python3 -m pip install --quiet connectorx pyarrow || echo "ConnectorX could not be installed; its row is skipped" >&2
fi
export WORKBENCH="$PWD/.build/release/workbench"
export BENCH_DAYS="${1:-295}"
scripts/with-postgres python3 Benchmarks/Pull/bench.py
