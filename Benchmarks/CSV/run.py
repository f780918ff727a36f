#!/usr/bin/env python3
"""CSV loading: Workbench `CSVReader` against `pandas.read_csv` on the same ~200 MB file.

Usage: python3 Benchmarks/CSV/run.py [--rows 2500000] [--repeat 3] [--no-build]

Generates once (cached in /tmp/workbench-bench/) a numeric CSV of ROWS rows x 10 columns
(an integer timestamp, five '%.4f' columns, four '%.6g' columns with exponents), builds the
`CSVBench` executable in release mode, then loads the file REPEAT times with each reader,
alternating, each run in a fresh process after the file is in the page cache. Prints one
Markdown table: median wall time and CPU time (user + system) with the MB/s they give, and
peak resident memory. Both readers must agree on the shape and on the sum of all values.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = "/tmp/workbench-bench"

PANDAS_RUN = r"""
import json, resource, sys, time
import pandas
path = sys.argv[1]
start, cpu = time.perf_counter(), time.process_time()
frame = pandas.read_csv(path)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "rows": frame.shape[0],
                  "columns": frame.shape[1], "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "checksum": float(frame.sum().sum()), "version": pandas.__version__}))
"""


def generate(path, rows):
    import numpy as np
    rng = np.random.default_rng(20261125)
    formats = ["%d"] + ["%.4f"] * 5 + ["%.6g"] * 4
    with open(path + ".part", "w") as out:
        out.write(",".join(["timestamp"] + [f"m{i}" for i in range(1, 10)]) + "\n")
        block = 250_000
        for first in range(0, rows, block):
            count = min(block, rows - first)
            columns = [1767571200 + 60 * np.arange(first, first + count)]
            columns += [rng.uniform(0, 1000, count) for _ in range(5)]
            columns += [rng.lognormal(8, 4, count) * rng.choice([-1, 1], count) for _ in range(4)]
            np.savetxt(out, np.column_stack(columns), fmt=formats, delimiter=",")
    os.replace(path + ".part", path)


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=2_500_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-build", action="store_true", help="use the existing release CSVBench")
    args = parser.parse_args()

    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, f"numeric-{args.rows}x10.csv")
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        generate(path, args.rows)
    size_mb = os.path.getsize(path) / 1e6
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "CSVBench"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "CSVBench")
    with open(path, "rb") as f:  # into the page cache, so neither reader pays the first disk read
        while f.read(1 << 24):
            pass

    results = {"Workbench CSVReader": [], "pandas.read_csv": []}
    for _ in range(args.repeat):
        results["Workbench CSVReader"].append(run([binary, path]))
        results["pandas.read_csv"].append(run([sys.executable, "-c", PANDAS_RUN, path]))

    shapes = {(r["rows"], r["columns"]) for runs in results.values() for r in runs}
    sums = [r["checksum"] for runs in results.values() for r in runs]
    if len(shapes) != 1 or max(sums) - min(sums) > 1e-9 * max(abs(s) for s in sums):
        sys.exit(f"readers disagree: shapes {shapes}, sums {min(sums)} .. {max(sums)}")

    rows, columns = shapes.pop()
    print(f"File: {rows} rows x {columns} columns, {size_mb:.1f} MB ({path}); "
          f"{args.repeat} runs each, medians; pandas {results['pandas.read_csv'][0]['version']}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end.\n")
    print("| reader | wall s | MB/s (wall) | CPU s | MB/s (CPU) | peak RSS MB |")
    print("|---|--:|--:|--:|--:|--:|")
    for name, runs in results.items():
        wall = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu_seconds"] for r in runs)
        rss = max(r["peak_rss_kb"] for r in runs) / 1024
        print(f"| {name} | {wall:.2f} | {size_mb / wall:.0f} | {cpu:.2f} | {size_mb / cpu:.0f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
