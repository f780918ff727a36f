#!/usr/bin/env python3
"""Feature transforms: Workbench `Features` against pandas `groupby().rolling()` on 1 M rows.

Usage: python3 Benchmarks/Features/run.py [--tenants 40] [--rows-per-tenant 25000] [--no-build]

Generates once (cached in /tmp/workbench-bench/) a CSV of TENANTS x ROWS rows (default 1 M):
timestamp (5-minute buckets, 2 % of rows dropped so windows vary), tenant_id, and four metrics
(a daily sine with noise, a log-normal, small integers, a series with 1 % missing). Builds
`FeaturesBench` in release mode, then times each transform over the four metrics on both sides
(best of 2 for Workbench, one run for pandas; reading the CSV is not timed), and checks that
the first metric's output agrees (max relative difference, |a - b| / max(1, |a|, |b|)).
pandas has no rolling MAD, so its robust z uses rolling().apply with numpy (raw=True); that
row covers one metric on both sides. Prints one Markdown table.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = "/tmp/workbench-bench"
METRICS = ["m0", "m1", "m2", "m3"]


def generate(path, tenants, rows):
    rng = np.random.default_rng(20261206)
    frames = []
    for tenant in range(tenants):
        t = 1767571200 + 300 * np.arange(rows)
        keep = rng.random(rows) >= 0.02
        t = t[keep]
        n = t.size
        m3 = rng.normal(100, 10, n)
        m3[rng.random(n) < 0.01] = np.nan
        frames.append(pd.DataFrame({
            "timestamp": t, "tenant_id": f"tenant-{tenant:03d}",
            "m0": np.round(50 + 20 * np.sin(2 * np.pi * t / 86400) + rng.normal(0, 3, n), 4),
            "m1": np.round(rng.lognormal(8, 1, n), 2),
            "m2": rng.integers(0, 40, n).astype(float),
            "m3": np.round(m3, 3),
        }))
    pd.concat(frames).to_csv(path + ".part", index=False)
    os.replace(path + ".part", path)


def pandas_cases(df):
    """{case: (seconds, first-metric output in input order)}; df is sorted by tenant, then time."""
    frame = df.set_index(pd.to_datetime(df["timestamp"], unit="s"))
    grouped = frame.groupby("tenant_id")[METRICS]
    results = {}

    def timed(name, compute, first=lambda result: result["m0"].to_numpy()):
        start = time.perf_counter()
        result = compute()
        results[name] = (time.perf_counter() - start, first(result))

    timed("rolling_mean_1h", lambda: grouped.rolling("1h").mean())
    timed("rolling_std_1h", lambda: grouped.rolling("1h").std())
    timed("rolling_max_1h", lambda: grouped.rolling("1h").max())
    timed("rolling_median_1h", lambda: grouped.rolling("1h").median())
    timed("rolling_mean_1d", lambda: grouped.rolling("1D").mean())
    timed("rolling_std_1d", lambda: grouped.rolling("1D").std())
    timed("rolling_median_1d", lambda: grouped.rolling("1D").median())

    def robust_z():
        roll = frame.groupby("tenant_id")["m0"].rolling("1D")
        median = roll.median().to_numpy()
        mad = roll.apply(lambda a: np.median(np.abs(a - np.median(a))), raw=True).to_numpy()
        scale = np.maximum(1.4826 * mad, 1e-6 * np.maximum(np.abs(median), 1))
        return (frame["m0"].to_numpy() - median) / scale
    timed("robust_z_1d", robust_z, first=lambda result: result)

    def seasonal():
        lookup = df.set_index(["tenant_id", "timestamp"])[METRICS]
        earlier = lookup.reindex(pd.MultiIndex.from_arrays([df["tenant_id"], df["timestamp"] - 86400]))
        return df[METRICS].to_numpy() - earlier.to_numpy()
    timed("seasonal_residual_1d", seasonal, first=lambda result: result[:, 0])
    timed("diff_1", lambda: df.groupby("tenant_id")[METRICS].diff(1))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tenants", type=int, default=40)
    parser.add_argument("--rows-per-tenant", type=int, default=25_000)
    parser.add_argument("--no-build", action="store_true", help="use the existing release FeaturesBench")
    args = parser.parse_args()

    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, f"features-{args.tenants}x{args.rows_per_tenant}.csv")
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        generate(path, args.tenants, args.rows_per_tenant)
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "FeaturesBench"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "FeaturesBench")

    df = pd.read_csv(path)
    outputs = tempfile.mkdtemp(prefix="features-bench-")
    single = path.replace(".csv", "-m0.csv")
    if not os.path.exists(single):
        df[["timestamp", "tenant_id", "m0"]].to_csv(single, index=False)
    swift = {}
    for source in (path, single):
        run = subprocess.run([binary, source, outputs], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"FeaturesBench failed ({run.returncode}): {run.stderr.strip()}")
        for line in run.stdout.splitlines():
            record = json.loads(line)
            if source == path or record["case"] == "robust_z_1d":
                record["values"] = np.fromfile(os.path.join(outputs, record["case"] + ".f64"))
                swift[record["case"]] = record
    reference = pandas_cases(df)

    print(f"{len(df)} rows, {df['tenant_id'].nunique()} tenants, 4 metrics (5-minute buckets, 2 % dropped); "
          f"pandas {pd.__version__}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end.\n")
    print("| transform (per tenant, 4 metrics) | Workbench s | pandas s | speed-up | max rel. difference |")
    print("|---|--:|--:|--:|--:|")
    for name, record in swift.items():
        label = name + (" (1 metric; pandas rolling.apply)" if name == "robust_z_1d" else "")
        if name not in reference:
            print(f"| {'FeatureSpec.default (' + str(record['columns']) + ' features)'} | {record['seconds']:.3f} | — | — | — |")
            continue
        seconds, values = reference[name]
        a, b = record["values"], np.asarray(values, dtype=np.float64)
        both = ~np.isnan(a) & ~np.isnan(b)
        nan_agree = bool((np.isnan(a) == np.isnan(b)).all())
        diff = float((np.abs(a[both] - b[both]) / np.maximum(1, np.maximum(np.abs(a[both]), np.abs(b[both])))).max())
        agreement = f"{diff:.1e}" + ("" if nan_agree else " (NaN differ)")
        print(f"| {label} | {record['seconds']:.3f} | {seconds:.3f} | {seconds / record['seconds']:.1f}x | {agreement} |")


if __name__ == "__main__":
    main()
