#!/usr/bin/env bash
# Benchmarks NumericCore's BLAS.gemm wrapper against cblas_?gemm called from C,
# both on the system OpenBLAS with its default thread count, in one run.
# Builds both (release), then alternates C and Swift per shape so machine load
# affects both alike. Prints one Markdown table.
# Usage: Benchmarks/Gemm/run.sh [MIN_SECONDS_PER_CASE]   (default 1.0)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
minimum="${1:-1.0}"
build="$root/.build/gemm-bench"
mkdir -p "$build"

gcc -O2 -o "$build/gemm_bench" "$root/Benchmarks/Gemm/C/gemm_bench.c" $(pkg-config --cflags --libs openblas)
swift build --package-path "$root" -c release --product GemmBench >&2
swift_bench="$(swift build --package-path "$root" -c release --show-bin-path)/GemmBench"

shapes=("256 256 256" "1024 1024 1024" "2048 2048 2048" "100000 32 32")
echo "OpenBLAS threads: ${OPENBLAS_NUM_THREADS:-default ($(nproc) cores)}; best of ≥3 calls lasting ≥${minimum}s per cell"
echo
echo "| precision | m×k · k×n | Workbench GFLOP/s | C GFLOP/s | ratio |"
echo "|---|---|---:|---:|---:|"
for precision in s d; do
    for shape in "${shapes[@]}"; do
        read -r m n k <<<"$shape"
        c_rate="$("$build/gemm_bench" "$precision" "$m" "$n" "$k" "$minimum")"
        swift_rate="$("$swift_bench" "$precision" "$m" "$n" "$k" "$minimum")"
        ratio="$(awk -v s="$swift_rate" -v c="$c_rate" 'BEGIN { printf "%.3f", s / c }')"
        printf '| %sgemm | %s×%s · %s×%s | %s | %s | %s |\n' "$precision" "$m" "$k" "$k" "$n" "$swift_rate" "$c_rate" "$ratio"
    done
done
