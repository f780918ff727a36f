"""Model file size: Workbench HDF5 model file vs a joblib pickle of scikit-learn's forest.

    python3 Benchmarks/ModelStore/run.py [--rows 60000] [--features 32] [--trees 100]

Generates make_classification / make_regression data (seed 0), trains scikit-learn
1.9 RandomForest* (n_estimators=trees, n_jobs=2, defaults otherwise) and saves it with
joblib.dump (uncompressed, the default), trains Workbench's forest with the same
hyperparameters through the release-built ModelStoreBench (which saves the model file
and loads it back), and prints one table, per task: nodes, bytes, bytes per node, ratio.
Needs `swift build -c release --product ModelStoreBench` first.
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
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build", "release", "ModelStoreBench")


def write_csv(path, X, y):
    header = ",".join([f"f{i}" for i in range(X.shape[1])] + ["target"])
    np.savetxt(path, np.column_stack([X, y]), delimiter=",", header=header, comments="", fmt="%.9g")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=60000)
    parser.add_argument("--features", type=int, default=32)
    parser.add_argument("--trees", type=int, default=100)
    args = parser.parse_args()
    if not os.path.exists(BENCH):
        sys.exit(f"{BENCH} is missing: run `swift build -c release --product ModelStoreBench` first")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for task in ("classification", "regression"):
            if task == "classification":
                X, y = make_classification(n_samples=args.rows, n_features=args.features, n_informative=16,
                                           random_state=0)
                model = RandomForestClassifier(n_estimators=args.trees, n_jobs=2, random_state=0)
            else:
                X, y = make_regression(n_samples=args.rows, n_features=args.features, n_informative=16,
                                       noise=10.0, random_state=0)
                model = RandomForestRegressor(n_estimators=args.trees, n_jobs=2, random_state=0)
            X = X.astype(np.float32)
            data = os.path.join(folder, f"{task}.csv")
            write_csv(data, X, y)
            model.fit(X, y)
            pickle = os.path.join(folder, f"{task}.joblib")
            start = time.perf_counter()
            joblib.dump(model, pickle)
            dump_seconds = time.perf_counter() - start
            start = time.perf_counter()
            joblib.load(pickle)
            joblib_load_seconds = time.perf_counter() - start
            sk_nodes = sum(e.tree_.node_count for e in model.estimators_)
            sk_bytes = os.path.getsize(pickle)
            output = os.path.join(folder, f"{task}.h5")
            result = json.loads(subprocess.run(
                [BENCH, task, data, output, str(args.trees)], check=True, capture_output=True, text=True).stdout)
            rows.append((task, "scikit-learn + joblib", sk_nodes, sk_bytes, dump_seconds, joblib_load_seconds))
            rows.append((task, "Workbench HDF5", result["nodes"], result["bytes"], result["save_seconds"],
                         result["load_seconds"]))
    print(f"{args.rows} rows x {args.features} features, {args.trees} trees, defaults otherwise (full-depth trees)\n")
    print("| task | writer | nodes | file bytes | bytes/node | size vs joblib | save s | load s |")
    print("|---|---|--:|--:|--:|--:|--:|--:|")
    for index, (task, writer, nodes, size, save, load) in enumerate(rows):
        reference = rows[index - index % 2][3]
        print(f"| {task} | {writer} | {nodes:,} | {size:,} | {size / nodes:.1f} | {size / reference:.3f} "
              f"| {save:.2f} | {load:.2f} |")


if __name__ == "__main__":
    main()
