#!/usr/bin/env bash
# Rebuilds BENCHMARKS.md from the per-area results in Benchmarks/results/, each of which
# holds its measured table and the exact command that produced it.
set -euo pipefail
cd "$(dirname "$0")/.."
{
    echo "# Benchmarks"
    echo
    echo "Every table compares Workbench with its reference (scikit-learn, pandas, psql, ConnectorX,"
    echo "OpenBLAS from C) on the same data in the same run, on this project's 2-core, 24 GiB machine."
    echo "Each section names the command that reproduces it; rerun that command, then"
    echo "\`Benchmarks/assemble.sh\` to refresh this file. Unit tests never time anything."
    echo
    for file in Benchmarks/results/*.md; do
        echo
        sed -e 's/^## /### /' -e 's/^# /## /' "$file"
        echo
    done
} > BENCHMARKS.md
