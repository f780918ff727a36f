#!/usr/bin/env python3
"""Isolation Forest benchmark: Workbench against scikit-learn, measured in one run.

1. ROC AUC on every ODDS set (mean over seeds 0..4, fit and scored on all rows, 100 trees,
   psi = 256): Liu, Ting & Zhou's table, scikit-learn, Workbench IF and EIF side by side.
2. Fit + score of ROWS x 16 rows (default 1,000,000), Workbench vs scikit-learn, same data,
   same thread count; scoring rows/s; Extended Isolation Forest scored with the scalar path
   and with OpenBLAS matrix products.

Usage (from the repository root, after `swift build -c release --product IsolationBench`):
    python3 Benchmarks/IsolationForest/run.py [--rows 1000000] [--threads 2] [--repeats 3]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import joblib
import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEEDS = 5


def odds_directory():
    bundled = os.path.join(ROOT, "datasets", "odds")
    return bundled if os.path.isdir(bundled) else "/work/shared/datasets/odds"


def paper_table(directory):
    """Liu et al.'s AUC per file, from the README table of the ODDS folder."""
    values = {}
    with open(os.path.join(directory, "README.md")) as readme:
        for line in readme:
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if len(cells) >= 5 and cells[0].endswith(".csv"):
                values[cells[0]] = (int(cells[1]), int(cells[2]), float(cells[4]))
    return values


def bench(executable, *arguments):
    output = subprocess.run([executable, *map(str, arguments)], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in output.stdout.splitlines() if line.startswith("{")]


def odds_section(executable, threads):
    directory = odds_directory()
    paper = paper_table(directory)
    print("## ROC AUC on ODDS (mean over seeds 0-4; 100 trees, psi = 256)\n")
    print("| data set | rows | d | paper (Liu et al. 2008) | scikit-learn 1.9.1 | Workbench IF | IF - sklearn | Workbench EIF (full extension) |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    worst = 0.0
    for name, (rows, features, paper_auc) in paper.items():
        table = np.loadtxt(os.path.join(directory, name), delimiter=",", skiprows=1, dtype=np.float64)
        x, y = table[:, :-1].astype(np.float32), table[:, -1]
        sklearn_auc = np.mean([
            roc_auc_score(y, -IsolationForest(random_state=seed, n_jobs=threads).fit(x).score_samples(x))
            for seed in range(SEEDS)])
        lines = bench(executable, "odds", os.path.join(directory, name), SEEDS, threads)
        if_auc = np.mean([line["if_auc"] for line in lines])
        eif_auc = np.mean([line["eif_auc"] for line in lines])
        worst = max(worst, abs(if_auc - sklearn_auc))
        print(f"| {name} | {rows} | {features} | {paper_auc:.2f} | {sklearn_auc:.3f} | {if_auc:.3f} | {if_auc - sklearn_auc:+.3f} | {eif_auc:.3f} |")
    print(f"\nLargest |Workbench IF - scikit-learn|: {worst:.3f}\n")


def synthetic(rows, columns, seed=0):
    """Gaussian inliers with 0.5% shifted outliers, float32, row-major."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, columns), dtype=np.float32)
    outliers = rng.choice(rows, size=rows // 200, replace=False)
    x[outliers] += rng.uniform(3, 6, size=(len(outliers), columns)).astype(np.float32)
    return np.ascontiguousarray(x)


def speed_section(executable, rows, threads, repeats, eif_rows):
    columns = 16
    x = synthetic(rows, columns)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "x.f32")
        x.tofile(path)
        lines = bench(executable, "speed", path, rows, columns, threads, repeats, eif_rows)
    sklearn_fit, sklearn_score = [], []
    for seed in range(repeats):
        model = IsolationForest(random_state=seed, n_jobs=threads)
        start = time.perf_counter()
        model.fit(x)
        sklearn_fit.append(time.perf_counter() - start)
        start = time.perf_counter()
        with joblib.parallel_config(n_jobs=threads):
            model.score_samples(x)
        sklearn_score.append(time.perf_counter() - start)
    forest = [line for line in lines if line["model"] == "if"]
    extended = [line for line in lines if line["model"] == "eif"]
    best = lambda values: min(values)
    wb_fit, wb_score = best([l["fit_s"] for l in forest]), best([l["score_s"] for l in forest])
    sk_fit, sk_score = best(sklearn_fit), best(sklearn_score)
    print(f"## Fit + score, {rows:,} x {columns} float32, 100 trees, psi = 256, {threads} threads (best of {repeats})\n")
    print("| | fit (s) | score (s) | fit + score (s) | scoring rows/s |")
    print("|---|--:|--:|--:|--:|")
    print(f"| scikit-learn 1.9.1 IsolationForest (n_jobs={threads}) | {sk_fit:.3f} | {sk_score:.3f} | {sk_fit + sk_score:.3f} | {rows / sk_score:,.0f} |")
    print(f"| Workbench IsolationForest | {wb_fit:.3f} | {wb_score:.3f} | {wb_fit + wb_score:.3f} | {rows / wb_score:,.0f} |")
    print(f"| speed-up | {sk_fit / wb_fit:.1f}x | {sk_score / wb_score:.1f}x | {(sk_fit + sk_score) / (wb_fit + wb_score):.1f}x | |")
    eif_rows = extended[0]["rows_scored"]
    eif_fit = best([l["fit_s"] for l in extended])
    print(f"\n## Extended Isolation Forest (full extension, d = {columns}): fit on {rows:,} rows, "
          f"scoring paths timed on the first {eif_rows:,}\n")
    print(f"Fit: {eif_fit:.3f} s.\n")
    print("| scoring path | score (s) | scoring rows/s | rows differing from the reference |")
    print("|---|--:|--:|--:|")
    for key, label, differences in [
        ("score_reference_s", "reference (one row at a time, sparse dot per visited node)", None),
        ("score_lockstep_s", "lockstep (8 rows side by side, dense dot; default)", "lockstep_differences"),
        ("score_blas_s", "OpenBLAS dgemm (every node's projection per row block)", "blas_differences"),
    ]:
        seconds = best([l[key] for l in extended])
        differing = "-" if differences is None else max(l[differences] for l in extended)
        print(f"| {label} | {seconds:.3f} | {eif_rows / seconds:,.0f} | {differing} |")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--bench", default=os.path.join(ROOT, ".build", "release", "IsolationBench"))
    parser.add_argument("--eif-rows", type=int, default=100_000,
                        help="rows on which the three EIF scoring paths are timed (the reference path is slow)")
    parser.add_argument("--skip-odds", action="store_true")
    arguments = parser.parse_args()
    if not os.path.exists(arguments.bench):
        sys.exit(f"{arguments.bench} not found; run `swift build -c release --product IsolationBench` first.")
    print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start.\n")
    if not arguments.skip_odds:
        odds_section(arguments.bench, arguments.threads)
    speed_section(arguments.bench, arguments.rows, arguments.threads, arguments.repeats, arguments.eif_rows)


if __name__ == "__main__":
    main()
