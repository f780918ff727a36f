#!/usr/bin/env bash
# Benchmarks NumericCore's BLAS.gemm wrapper against cblas_?gemm called from C,
# both on the same system OpenBLAS with the same thread count, in one run.
# Builds both (release), then runs C and Swift alternately, ROUNDS times per
# shape, keeping each side's best, so load from other processes affects both
# alike. Prints one Markdown table.
# Usage: Benchmarks/Gemm/run.sh [MIN_SECONDS_PER_RUN] [ROUNDS]   (defaults 0.5 and 3)
# Set OPENBLAS_NUM_THREADS to fix the thread count of both sides.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
minimum="${1:-0.5}"
rounds="${2:-3}"
build="$root/.build/gemm-bench"
mkdir -p "$build"

gcc -O2 -o "$build/gemm_bench" "$root/Benchmarks/Gemm/C/gemm_bench.c" $(pkg-config --cflags --libs openblas)
swift build --package-path "$root" -c release --product GemmBench >&2
swift_bench="$(swift build --package-path "$root" -c release --show-bin-path)/GemmBench"

best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 > b + 0) ? a : b }'; }

shapes=("256 256 256" "1024 1024 1024" "2048 2048 2048" "100000 32 32")
echo "OpenBLAS threads: ${OPENBLAS_NUM_THREADS:-default ($(nproc) cores)}; per cell the best of $rounds alternating runs, each the best of ≥3 calls lasting ≥${minimum}s"
echo
echo "| precision | m×k · k×n | Workbench GFLOP/s | C GFLOP/s | ratio |"
echo "|---|---|---:|---:|---:|"
for precision in s d; do
    for shape in "${shapes[@]}"; do
        read -r m n k <<<"$shape"
        c_rate=0
        swift_rate=0
        for _ in $(seq "$rounds"); do
            c_rate="$(best "$c_rate" "$("$build/gemm_bench" "$precision" "$m" "$n" "$k" "$minimum")")"
            swift_rate="$(best "$swift_rate" "$("$swift_bench" "$precision" "$m" "$n" "$k" "$minimum")")"
        done
        ratio="$(awk -v s="$swift_rate" -v c="$c_rate" 'BEGIN { printf "%.3f", s / c }')"
        printf '| %sgemm | %s×%s · %s×%s | %s | %s | %s |\n' "$precision" "$m" "$k" "$k" "$n" "$swift_rate" "$c_rate" "$ratio"
    done
done
