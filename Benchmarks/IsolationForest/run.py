#!/usr/bin/env python3
"""Isolation Forest benchmark: Workbench against scikit-learn, measured in one run.

1. ROC AUC on every ODDS set (mean over seeds 0..4, fit and scored on all rows, 100 trees,
   psi = 256): Liu, Ting & Zhou's table, scikit-learn, Workbench IF and EIF side by side.
2. Fit + score of ROWS x 16 rows (default 1,000,000), Workbench vs scikit-learn, same data,
   same thread count; scoring rows/s; Extended Isolation Forest scored with the scalar path
   and with OpenBLAS matrix products.

Usage (from the repository root, after `swift build -c release --product IsolationBench`):
    python3 Benchmarks/IsolationForest/run.py [--rows 1000000] [--threads 2] [--repeats 3] [--seeds 5]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import joblib
from threadpoolctl import threadpool_limits
import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


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


def odds_section(executable, threads, seeds, noise_seeds):
    directory = odds_directory()
    paper = paper_table(directory)
    print(f"## ROC AUC on ODDS (mean over seeds 0-{seeds - 1}; 100 trees, psi = 256, fit and scored on all rows)\n")
    print(f"The last column repeats the comparison over seeds 0-{noise_seeds - 1}, to show how much of the gap is seed noise.\n")
    print("| data set | rows | d | paper (Liu et al. 2008) | scikit-learn 1.9.1 | Workbench IF | IF - sklearn | "
          f"Workbench EIF (full extension) | IF - sklearn, {noise_seeds} seeds |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    worst = 0.0
    for name, (rows, features, paper_auc) in paper.items():
        table = np.loadtxt(os.path.join(directory, name), delimiter=",", skiprows=1, dtype=np.float64)
        x, y = table[:, :-1].astype(np.float32), table[:, -1]
        sklearn_aucs = [
            roc_auc_score(y, -IsolationForest(random_state=seed, n_jobs=threads).fit(x).score_samples(x))
            for seed in range(noise_seeds)]
        lines = bench(executable, "odds", os.path.join(directory, name), noise_seeds, threads)
        if_aucs = [line["if_auc"] for line in lines]
        sklearn_auc, if_auc = np.mean(sklearn_aucs[:seeds]), np.mean(if_aucs[:seeds])
        eif_auc = np.mean([line["eif_auc"] for line in lines[:seeds]])
        noise_gap = np.mean(if_aucs) - np.mean(sklearn_aucs)
        worst = max(worst, abs(if_auc - sklearn_auc))
        print(f"| {name} | {rows} | {features} | {paper_auc:.2f} | {sklearn_auc:.3f} | {if_auc:.3f} | "
              f"{if_auc - sklearn_auc:+.3f} | {eif_auc:.3f} | {noise_gap:+.3f} |")
    print(f"\nLargest |Workbench IF - scikit-learn| over seeds 0-{seeds - 1}: {worst:.3f}\n")


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
    sklearn_fit, sklearn_score, sklearn_fit_cpu, sklearn_score_cpu = [], [], [], []
    for seed in range(repeats):
        model = IsolationForest(random_state=seed, n_jobs=threads)
        start, cpu = time.perf_counter(), time.process_time()
        model.fit(x)
        sklearn_fit.append(time.perf_counter() - start)
        sklearn_fit_cpu.append(time.process_time() - cpu)
        start, cpu = time.perf_counter(), time.process_time()
        with joblib.parallel_config(n_jobs=threads):
            model.score_samples(x)
        sklearn_score.append(time.perf_counter() - start)
        sklearn_score_cpu.append(time.process_time() - cpu)
    forest = [line for line in lines if line["model"] == "if"]
    extended = [line for line in lines if line["model"] == "eif"]
    best = min
    wb_fit, wb_score = best([l["fit_s"] for l in forest]), best([l["score_s"] for l in forest])
    wb_fit_cpu, wb_score_cpu = best([l["fit_cpu_s"] for l in forest]), best([l["score_cpu_s"] for l in forest])
    sk_fit, sk_score = best(sklearn_fit), best(sklearn_score)
    sk_fit_cpu, sk_score_cpu = best(sklearn_fit_cpu), best(sklearn_score_cpu)
    print(f"## Fit + score, {rows:,} x {columns} float32, 100 trees, psi = 256, {threads} threads (best of {repeats})\n")
    print("Wall-clock seconds, and in brackets CPU seconds summed over threads (robust when other jobs share the cores).\n")
    print("| | fit (s) | score (s) | fit + score (s) | scoring rows/s (wall) |")
    print("|---|--:|--:|--:|--:|")
    print(f"| scikit-learn 1.9.1 IsolationForest (n_jobs={threads}) | {sk_fit:.3f} [{sk_fit_cpu:.3f}] | "
          f"{sk_score:.3f} [{sk_score_cpu:.3f}] | {sk_fit + sk_score:.3f} [{sk_fit_cpu + sk_score_cpu:.3f}] | {rows / sk_score:,.0f} |")
    print(f"| Workbench IsolationForest | {wb_fit:.3f} [{wb_fit_cpu:.3f}] | {wb_score:.3f} [{wb_score_cpu:.3f}] | "
          f"{wb_fit + wb_score:.3f} [{wb_fit_cpu + wb_score_cpu:.3f}] | {rows / wb_score:,.0f} |")
    print(f"| speed-up | {sk_fit / wb_fit:.1f}x [{sk_fit_cpu / wb_fit_cpu:.1f}x] | {sk_score / wb_score:.1f}x "
          f"[{sk_score_cpu / wb_score_cpu:.1f}x] | {(sk_fit + sk_score) / (wb_fit + wb_score):.1f}x "
          f"[{(sk_fit_cpu + sk_score_cpu) / (wb_fit_cpu + wb_score_cpu):.1f}x] | |")
    eif_rows = extended[0]["rows_scored"]
    eif_fit = best([l["fit_s"] for l in extended])
    print(f"\n## Extended Isolation Forest (full extension, d = {columns}): fit on {rows:,} rows, "
          f"scoring paths timed on the first {eif_rows:,}\n")
    print(f"Fit: {eif_fit:.3f} s.\n")
    print("| scoring path | score (s) [CPU s] | scoring rows/s (wall) | rows differing from the reference |")
    print("|---|--:|--:|--:|")
    for key, label, differences in [
        ("score_reference", "reference (one row at a time, sparse dot per visited node)", None),
        ("score_lockstep", "lockstep (8 rows side by side, dense dot; default)", "lockstep_differences"),
        ("score_blas", "OpenBLAS dgemm (every node's projection per row block)", "blas_differences"),
    ]:
        seconds = best([l[key + "_s"] for l in extended])
        cpu = best([l[key + "_cpu_s"] for l in extended])
        differing = "-" if differences is None else max(l[differences] for l in extended)
        print(f"| {label} | {seconds:.3f} [{cpu:.3f}] | {eif_rows / seconds:,.0f} | {differing} |")
    print()


def hummingbird_gemm_section(rows, threads):
    """Times the GEMM formulation of tree traversal (Hummingbird, OSDI 2020) on one isolation tree."""
    columns = 16
    x = synthetic(rows, columns)
    tree = IsolationForest(n_estimators=1, random_state=0).fit(x).estimators_[0].tree_
    internal = np.flatnonzero(tree.children_left >= 0)
    leaves = np.flatnonzero(tree.children_left < 0)
    column_of = {node: k for k, node in enumerate(internal)}
    a = np.zeros((columns, len(internal)), dtype=np.float32)
    a[tree.feature[internal], np.arange(len(internal))] = 1
    b = tree.threshold[internal].astype(np.float32)
    c = np.zeros((len(internal), len(leaves)), dtype=np.float32)
    d = np.zeros(len(leaves), dtype=np.float32)
    parent = {}
    for node in internal:
        parent[tree.children_left[node]] = (node, 1)
        parent[tree.children_right[node]] = (node, -1)
    for k, leaf in enumerate(leaves):
        node = leaf
        while node in parent:
            up, direction = parent[node]
            c[column_of[up], k] = direction
            d[k] += direction == 1
            node = up
    with threadpool_limits(threads):
        start, cpu = time.perf_counter(), time.process_time()
        decisions = (x @ a <= b).astype(np.float32)
        leaf_index = np.argmax(decisions @ c == d, axis=1)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    check = tree.apply(x)
    agree = np.mean(leaves[leaf_index] == check)
    print(f"## Tree traversal as matrix products (Hummingbird GEMM strategy), one isolation tree, {rows:,} rows\n")
    print(f"{len(internal)} internal nodes x {len(leaves)} leaves: {2 * rows * len(internal) * (columns + len(leaves)):.2e} "
          f"flops through numpy/OpenBLAS sgemm with {threads} threads: {wall:.3f} s [{cpu:.3f} CPU s] for one tree "
          f"(leaves agreeing with tree.apply: {agree:.4f}); x 100 trees = {100 * wall:.1f} s, against the lockstep "
          f"walk above. Not adopted.\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--bench", default=os.path.join(ROOT, ".build", "release", "IsolationBench"))
    parser.add_argument("--eif-rows", type=int, default=100_000,
                        help="rows on which the three EIF scoring paths are timed (the reference path is slow)")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--noise-seeds", type=int, default=20)
    parser.add_argument("--skip-odds", action="store_true")
    arguments = parser.parse_args()
    if not os.path.exists(arguments.bench):
        sys.exit(f"{arguments.bench} not found; run `swift build -c release --product IsolationBench` first.")
    print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start.\n")
    if not arguments.skip_odds:
        odds_section(arguments.bench, arguments.threads, arguments.seeds, arguments.noise_seeds)
    speed_section(arguments.bench, arguments.rows, arguments.threads, arguments.repeats, arguments.eif_rows)
    hummingbird_gemm_section(arguments.rows, arguments.threads)


if __name__ == "__main__":
    main()
