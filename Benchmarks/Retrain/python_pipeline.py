#!/usr/bin/env python3
"""The nightly retraining job of Benchmarks/Retrain/run.py written with pandas + scikit-learn.

The same work as `workbench retrain --spec` on a file source, step for step: read the wide CSV once;
for every tenant × per-tenant model and then the one shared model: cut the newest --holdout seconds
of the rows (one cut per tenant; one cut over all rows for the shared model), drop rows whose target
is missing, compute the default features (interop/python/workbench_features.py, the Python twin of
`FeatureSpec.default`) on the training window + hold-out, fit on the training rows, measure on the
hold-out, measure the production model (if any) on the same hold-out rows, save the candidate with
joblib as a new version, and promote + publish it when its gates pass; finally a Markdown report
(a page per tenant × model) and a summary JSON. Forests use joblib with n_jobs=--threads.

    python3 python_pipeline.py --data FILE --tenants a,b --out DIR --models JSON [--threads 2]

With --prime-trees N a forest of N trees is first registered as production for every run, in the same
process and left out of the printed seconds and CPU seconds (it stands for last night's model), so the
timed work includes the champion comparison as Workbench's does.

--models is the JSON list run.py derives from the same spec Workbench runs (names, algorithm,
per_tenant, target, features, hyperparameters, gates), so both sides use the same hyperparameters.
Prints one JSON line: wall and CPU seconds (process_time: every thread of the process, imports not
counted), seconds per step (read, features, fit, evaluate, save) and the outcomes.
"""
import argparse
import json
import os
import shutil
import sys
import time

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import IsolationForest, RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import average_precision_score, mean_absolute_error, r2_score, roc_auc_score

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "interop", "python"))
import workbench_features as wf  # noqa: E402

TIME, GROUP, LABEL = "timestamp", "tenant_id", "label"
STEPS = {"read": 0.0, "features": 0.0, "fit": 0.0, "evaluate": 0.0, "save": 0.0}
PRIMING = {"wall": 0.0, "cpu": 0.0}


class Step:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.perf_counter()

    def __exit__(self, *_):
        STEPS[self.name] += time.perf_counter() - self.start


def max_features(text):
    if text in ("sqrt", "log2"):
        return text
    if text == "all":
        return 1.0
    return float(text) if "." in text else int(text)


def estimator(model, seed, threads):
    """The scikit-learn estimator with the spec's hyperparameters (Workbench's names are sklearn's)."""
    h = model["hyperparameters"]
    trees = int(h.get("trees", 100))
    if model["algorithm"] == "isolation-forest":
        contamination = h.get("contamination", "auto")
        return IsolationForest(n_estimators=trees, random_state=seed, n_jobs=threads,
                               contamination=contamination if contamination == "auto" else float(contamination))
    options = {"n_estimators": trees, "random_state": seed, "n_jobs": threads}
    if "max_features" in h:
        options["max_features"] = max_features(h["max_features"])
    if "min_samples_leaf" in h:
        options["min_samples_leaf"] = int(h["min_samples_leaf"])
    if "max_depth" in h:
        options["max_depth"] = int(h["max_depth"])
    if "max_samples" in h:
        options["max_samples"] = max_features(h["max_samples"])
    if model["algorithm"] == "random-forest-classifier":
        return RandomForestClassifier(**options)
    return RandomForestRegressor(**options)


def is_numeric(column):
    return pd.api.types.is_numeric_dtype(column.dtype)


def feature_matrix(model, window, spec):
    """(names, float32 matrix) of `window`: the spec's features, or every numeric non-label column."""
    target = model.get("target")
    if model.get("features") == "default":
        columns = {name: (window[name].to_numpy(np.float64) if is_numeric(window[name]) else window[name].tolist())
                   for name in window.columns}
        excluding = [c for c in {target, LABEL} if c]
        names, matrix = wf.apply(spec, columns, excluding)
        return names, matrix.astype(np.float32)
    names = [c for c in window.columns
             if c not in (TIME, GROUP, LABEL, target) and is_numeric(window[c])]
    return names, window[names].to_numpy(np.float32)


def scores(model, fitted, x):
    if model["algorithm"] == "isolation-forest":
        return -fitted.score_samples(x)
    if model["algorithm"] == "random-forest-classifier":
        return fitted.predict_proba(x)[:, list(fitted.classes_).index(1)]
    return fitted.predict(x)


def metrics(model, fitted, x, truth):
    values = scores(model, fitted, x)
    if model["algorithm"] == "random-forest-regressor":
        nonzero = truth != 0
        return {"r2": r2_score(truth, values), "mae": mean_absolute_error(truth, values),
                "mape": float(np.mean(np.abs((truth[nonzero] - values[nonzero]) / truth[nonzero])))}
    if len(set(truth)) < 2:
        return {}
    return {"roc_auc": roc_auc_score(truth, values), "average_precision": average_precision_score(truth, values)}


LOWER_IS_BETTER = {"mae", "rmse", "mape", "log_loss", "brier_score"}


def gates_pass(gates, candidate, production):
    for name, floor in gates.get("min", {}).items():
        if candidate.get(name, -np.inf) < float(floor):
            return False, f"{name} {candidate.get(name)} < {floor}"
    for name, ceiling in gates.get("max", {}).items():
        if candidate.get(name, np.inf) > float(ceiling):
            return False, f"{name} {candidate.get(name)} > {ceiling}"
    if production:
        for name, allowance in gates.get("max_regression", {}).items():
            worse = (candidate[name] - production[name]) if name in LOWER_IS_BETTER else (production[name] - candidate[name])
            if worse > float(allowance):
                return False, f"{name} worsened by {worse:.4f} > {allowance}"
    return True, "every gate passed" if production else "first version; absolute gates passed"


def run_one(frame, model, tenants, name, args, spec, report):
    rows = frame[frame[GROUP].isin(tenants)]
    cut = rows[TIME].max() - args.holdout
    target = model.get("target")
    if target:
        rows = rows[rows[target].notna()]
    rows = rows.sort_values(TIME, kind="stable")
    with Step("features"):
        names, x = feature_matrix(model, rows, spec)
    train = (rows[TIME] <= cut).to_numpy()
    hold = ~train
    truth = rows[target].to_numpy() if target else None
    if args.prime_trees and not os.path.exists(os.path.join(args.out, "models", name, "production.json")):
        prime(model, name, x, train, truth, args)
    with Step("fit"):
        fitted = estimator(model, args.seed, args.threads)
        if model["algorithm"] == "isolation-forest":
            fitted.fit(x[train])
        else:
            fitted.fit(x[train], truth[train])
    folder = os.path.join(args.out, "models", name)
    pointer = os.path.join(folder, "production.json")
    with Step("evaluate"):
        candidate = metrics(model, fitted, x[hold], truth[hold]) if target else {}
        production = None
        if os.path.exists(pointer):
            with open(pointer) as handle:
                champion = joblib.load(os.path.join(folder, json.load(handle)["file"]))
            production = metrics(model, champion, x[hold], truth[hold])
    with Step("save"):
        os.makedirs(folder, exist_ok=True)
        version = len([f for f in os.listdir(folder) if f.endswith(".joblib")]) + 1
        file = f"v{version}.joblib"
        joblib.dump(fitted, os.path.join(folder, file + ".tmp"))
        os.replace(os.path.join(folder, file + ".tmp"), os.path.join(folder, file))
        with open(os.path.join(folder, f"v{version}.json"), "w") as handle:
            json.dump({"features": names, "holdout": candidate, "tenants": tenants, "cut": float(cut)}, handle)
        passed, reason = gates_pass(model.get("gates", {}), candidate, production)
        if passed:
            with open(pointer + ".tmp", "w") as handle:
                json.dump({"file": file}, handle)
            os.replace(pointer + ".tmp", pointer)
            published = os.path.join(args.out, "published", name)
            os.makedirs(published, exist_ok=True)
            shutil.copyfile(os.path.join(folder, file), os.path.join(published, file))
            with open(os.path.join(published, "current.json"), "w") as handle:
                json.dump({"version": version, "file": file}, handle)
        report.append({"model": name, "tenant": tenants[0] if model["per_tenant"] else None,
                       "outcome": "promoted" if passed else "gate_failed", "version": f"v{version}",
                       "metrics": candidate, "production": production, "reason": reason,
                       "training_rows": int(train.sum()), "holdout_rows": int(hold.sum())})


def prime(model, name, x, train, truth, args):
    """Registers a --prime-trees forest of the same model as production (the champion the timed run compares
    with). Its time is left out of every figure: it stands for last night's run."""
    wall, cpu = time.perf_counter(), time.process_time()
    small = dict(model, hyperparameters=dict(model["hyperparameters"], trees=str(args.prime_trees)))
    champion = estimator(small, args.seed + 1, args.threads)
    if model["algorithm"] == "isolation-forest":
        champion.fit(x[train])
    else:
        champion.fit(x[train], truth[train])
    folder = os.path.join(args.out, "models", name)
    os.makedirs(folder, exist_ok=True)
    joblib.dump(champion, os.path.join(folder, "v0.joblib"))
    with open(os.path.join(folder, "production.json"), "w") as handle:
        json.dump({"file": "v0.joblib"}, handle)
    PRIMING["wall"] += time.perf_counter() - wall
    PRIMING["cpu"] += time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--tenants", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--models", required=True, help="JSON list of the spec's models")
    parser.add_argument("--holdout", type=int, default=7 * 86400, help="seconds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--feature-spec", required=True, help="JSON of the default feature spec")
    parser.add_argument("--prime-trees", type=int, default=0,
                        help="first register a forest of this many trees as production (untimed champion)")
    args = parser.parse_args()
    models = json.loads(args.models)
    tenants = args.tenants.split(",")
    with open(args.feature_spec) as handle:
        spec = wf.load_spec(handle.read())
    started, cpu_started = time.perf_counter(), time.process_time()
    with Step("read"):
        frame = pd.read_csv(args.data)
    report = []
    for model in models:
        if model["per_tenant"]:
            for tenant in tenants:
                run_one(frame, model, [tenant], f"{model['name']}-{tenant}", args, spec, report)
        else:
            run_one(frame, model, tenants, model["name"], args, spec, report)
    with Step("save"):
        folder = os.path.join(args.out, "reports")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "index.md"), "w") as handle:
            handle.write("| model | tenant | outcome | version | hold-out metrics |\n|---|---|---|---|---|\n")
            for run in report:
                shown = ", ".join(f"{k} {v:.4f}" for k, v in sorted(run["metrics"].items()))
                handle.write(f"| {run['model']} | {run['tenant'] or 'all'} | {run['outcome']} | {run['version']} | {shown} |\n")
        with open(os.path.join(folder, "summary.json"), "w") as handle:
            json.dump({"runs": report}, handle, default=float)
    print(json.dumps({"seconds": time.perf_counter() - started - PRIMING["wall"],
                      "cpu": time.process_time() - cpu_started - PRIMING["cpu"], "priming": PRIMING, "steps": STEPS,
                      "runs": [{k: r[k] for k in ("model", "outcome", "metrics", "production")} for r in report]},
                     default=float))


if __name__ == "__main__":
    main()
