#!/usr/bin/env python3
"""End to end: the commands a user runs against the pandas + scikit-learn script doing the same.

Workbench side: `workbench train` then `workbench predict` as separate processes, with their
file I/O (CSV in, HDF5 model, CSV out). Python side: one child process per task that imports
pandas and scikit-learn first (interpreter start and imports are not counted), then times
read_csv, fit, score and to_csv. Every figure is the median of --repeat runs; CPU seconds are
user + system of the process (all threads), from /usr/bin/time, so other load on the machine inflates
wall time but not CPU time.

Workloads:
  - Isolation Forest (100 trees, psi 256, default options: explanations of flagged rows on)
    on every ODDS set in datasets/odds with at least --min-odds-rows rows (only `shuttle`,
    49,097 x 9, is bundled), on a generated --rows x 16 set (Gaussian inliers, 1 % shifted rows),
    and on generated stand-ins for the ODDS sets of >= 50,000 rows that are not on this machine.
    Train and score on the same file. The stand-ins are NOT the real sets: they copy each set's
    size, column count, anomaly share and -- what matters most for isolation-tree speed and for
    how many rows get explained -- its value types, ties and duplicate rows. Each is written once
    to --work with seed 0, header f0..f{d-1},label (label 1 = anomaly), then reused:
      * `http`-shaped, --http-rows x 3 (default 567,498; ODDS has 567,479): KDD Cup 99 http
        connections as ODDS gives them, log(x + 0.1) of duration, bytes sent, bytes received.
        97 % of inlier durations are 0 s (the rest exponential, mean 2 s); bytes sent round(
        lognormal(5.4, 0.35)), received round(lognormal(8.0, 1.1)); 0.39 % anomalies last
        exponential(30 s), send round(lognormal(9.5, 1.5)) and receive round(lognormal(4, 1)).
        Integer byte counts make many rows repeat. `%.6g`. See `http_shaped`.
      * `smtp`-shaped, --smtp-rows x 3 (default 95,156, 30 anomalies = 0.03 % as in ODDS): KDD
        Cup 99 smtp connections, log(x + 0.1) of duration, bytes sent, bytes received. Inliers:
        duration 0 s for 85 %, else 1 + geometric(0.3) s; bytes sent (the mail) round(lognormal(
        6.9, 0.9)); bytes received (the server's replies, nearly constant) 320 + poisson(12) for
        80 %, else round(lognormal(6.0, 0.6)); so most rows share a duration and a handful of
        reply sizes and about a third of rows repeat an earlier row exactly. Anomalies: duration
        exponential(60 s), bytes sent round(lognormal(11, 1.5)), bytes received round(lognormal(
        4, 1)). `%.6g`. See `smtp_shaped`.
      * `forestcover`-shaped, --cover-rows x 10 (default 286,048, 0.96 % anomalies as in ODDS,
        whose inliers are lodgepole pine cells and anomalies cottonwood/willow): the ten integer
        cartographic columns of the UCI Covertype set, every value an integer with heavy ties.
        Elevation round(N(2920, 100)) m (anomalies round(N(2220, 110))); aspect uniform integer
        0-359 degrees; slope round(gamma(3, 4.5)) capped at 66 (anomalies gamma(4, 4.5));
        horizontal distances to water, roads and fire points are 30 m grid distances
        round(30 * sqrt(i^2 + j^2)) with i, j geometric (means ~7, ~50, ~45 cells; anomalies
        nearer to water and roads), so they take few distinct values; vertical distance to water
        round(N(45, 55)) with 12 % exactly 0; the three hillshade indices 9 am, noon, 3 pm are the
        standard formula round(255 * (cos z cos s + sin z sin s cos(a - aspect))) clipped to
        0..255 from slope s, aspect and the sun's zenith z / azimuth a (45/135, 20/180, 45/225
        degrees), so they depend on slope and aspect as in the real set. Integers. See
        `forestcover_shaped`.
      * `mulcross`, --mulcross-rows x 4 (default 262,144, 10 % anomalies as in ODDS): ODDS's
        mulcross is itself synthetic, from Rocke & Woodruff's generator (1996) with the settings
        of Liu, Ting & Zhou (2008): contamination 10 %, distance factor 2, 2 anomaly clusters.
        This is a re-implementation, not their program: inliers N(0, S) with S = 0.5 I + 0.5
        (all pairwise correlations 0.5); each anomaly cluster (half of the anomalies each) is
        N(c, 0.1 S) with centre c at distance 2 * sqrt(chi2_4 quantile 0.975) = 6.67 from the
        origin in a seeded random direction, so anomalies form two dense clusters (masking).
        Continuous, no ties. `%.6g`. See `mulcross_shaped`.
  - Random Forest classifier `predict` on --rf-rows x 32 rows against `joblib.load` +
    `predict_proba` + `to_csv` of scikit-learn's forest trained on the same rows.

`workbench predict` prints its time split (load / read / score / explain / write) when
WORKBENCH_TIMINGS=1; the table reports it from the median run.

With --baseline PATH (a `workbench` binary built before a change) every Workbench command also
runs with that binary, alternating with the current one, and a before/after table of median CPU
seconds follows, with whether the outputs are byte-identical (`cmp`).

Usage (repository root, after `swift build -c release --product workbench`):
    python3 Benchmarks/EndToEnd/run.py [--repeat 3] [--rows 1000000] [--http-rows 567498] [--smtp-rows 95156]
                                       [--cover-rows 286048] [--mulcross-rows 262144] [--rf-rows 50000]
                                       [--only NAME ...] [--threads 2] [--baseline PATH] [--work DIR]
--only keeps the Isolation Forest workloads whose name contains one of the given words
(e.g. `--only smtp mulcross`) and skips the classifier.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORKBENCH = os.path.join(ROOT, ".build", "release", "workbench")
WORK = "/tmp/workbench-bench/end-to-end"

PYTHON_IF = r"""
import json, sys, time, resource
import numpy as np, pandas as pd
from sklearn.ensemble import IsolationForest
data, out, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
clock, cpu = time.perf_counter, time.process_time
w0, c0 = clock(), cpu()
frame = pd.read_csv(data)
x = frame[[c for c in frame.columns if c != "label"]].to_numpy(np.float32)
w1 = clock()
model = IsolationForest(n_estimators=100, random_state=0, n_jobs=threads).fit(x)
w2 = clock()
frame = pd.read_csv(data)
x = frame[[c for c in frame.columns if c != "label"]].to_numpy(np.float32)
w3 = clock()
raw = model.score_samples(x)
score, flag = -raw, (raw - model.offset_ < 0).astype(int)  # what predict() does, without scoring twice
w4 = clock()
pd.DataFrame({"anomaly_score": score, "is_anomaly": flag}).to_csv(out, index=False)
w5 = clock()
print(json.dumps({"wall": w5 - w0, "cpu": cpu() - c0, "train": w2 - w0, "predict": w5 - w2,
                  "read": (w1 - w0) + (w3 - w2), "fit": w2 - w1, "score": w4 - w3, "write": w5 - w4}))
"""

PYTHON_RF_TRAIN = r"""
import sys, joblib, numpy as np, pandas as pd
from sklearn.ensemble import RandomForestClassifier
data, model, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
frame = pd.read_csv(data)
x = frame[[c for c in frame.columns if c != "label"]].to_numpy(np.float32)
joblib.dump(RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=threads).fit(x, frame["label"]), model)
"""

PYTHON_RF_PREDICT = r"""
import json, sys, time
import joblib, numpy as np, pandas as pd
data, model, out, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
clock, cpu = time.perf_counter, time.process_time
w0, c0 = clock(), cpu()
forest = joblib.load(model)
forest.n_jobs = threads
w1 = clock()
frame = pd.read_csv(data)
x = frame[[c for c in frame.columns if c != "label"]].to_numpy(np.float32)
w2 = clock()
probabilities = forest.predict_proba(x)
prediction = forest.classes_[probabilities.argmax(axis=1)]
w3 = clock()
table = pd.DataFrame({"prediction": prediction})
for index, name in enumerate(forest.classes_):
    table[f"probability_{name}"] = probabilities[:, index]
table.to_csv(out, index=False)
w4 = clock()
print(json.dumps({"wall": w4 - w0, "cpu": cpu() - c0, "predict": w4 - w0,
                  "load": w1 - w0, "read": w2 - w1, "score": w3 - w2, "write": w4 - w3}))
"""


def rusage_run(command, env=None):
    """Runs `command` under /usr/bin/time; returns its wall s, CPU s (user + sys, all threads),
    peak RSS MB, stdout and stderr."""
    usage = os.path.join(WORK, "usage")
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", usage, *command],
                            capture_output=True, text=True, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    user, system, peak = open(usage).read().split()[-3:]
    return {"wall": wall, "cpu": float(user) + float(system), "rss": int(peak) / 1024,
            "stdout": result.stdout, "stderr": result.stderr}


def timings_split(stderr, command="predict"):
    """The `timings predict: load 0.012 s, …` line (or train's) as a dict."""
    for line in stderr.splitlines():
        if line.startswith(f"timings {command}:"):
            parts = line.split(":", 1)[1].split(",")
            return {part.split()[0]: float(part.split()[1]) for part in parts}
    return {}


def median_run(runs, key="cpu"):
    ordered = sorted(runs, key=lambda run: run[key])
    return ordered[len(ordered) // 2]


def generated(rows):
    import numpy as np
    import pandas as pd
    path = os.path.join(WORK, f"generated-{rows}x16.csv")
    if not os.path.exists(path):
        random = np.random.default_rng(0)
        x = random.standard_normal((rows, 16)).astype(np.float32)
        shifted = random.choice(rows, rows // 100, replace=False)
        x[shifted] += (random.uniform(3, 6, (len(shifted), 16)) * random.choice([-1, 1], (len(shifted), 16))).astype(np.float32)
        label = np.zeros(rows, dtype=int)
        label[shifted] = 1
        frame = pd.DataFrame(x, columns=[f"f{i}" for i in range(16)])
        frame["label"] = label
        frame.to_csv(path, index=False, float_format="%.6g")
    return path


def http_shaped(rows):
    """A set shaped like ODDS `http` (KDD Cup 99 http connections: log(x + 0.1) of duration, bytes
    sent, bytes received; 567,498 rows, 0.39 % attacks): 97 % of inlier durations 0 s, byte counts
    log-normal (bytes sent around e^5.4, received around e^8), integer byte counts as in the real
    data, so many rows repeat; anomalies (0.39 %) last longer, send far more and receive less.
    Written with `%.6g`, seed 0."""
    import numpy as np
    import pandas as pd
    path = os.path.join(WORK, f"http-shaped-{rows}x3.csv")
    if not os.path.exists(path):
        random = np.random.default_rng(0)
        log = lambda values: np.log(values + 0.1)
        duration = np.where(random.random(rows) < 0.97, log(0.0), log(random.exponential(2.0, rows)))
        sent = log(np.round(random.lognormal(5.4, 0.35, rows)))
        received = log(np.round(random.lognormal(8.0, 1.1, rows)))
        x = np.column_stack([duration, sent, received]).astype(np.float32)
        anomalies = random.choice(rows, round(rows * 0.0039), replace=False)
        x[anomalies, 0] = log(random.exponential(30, len(anomalies)))
        x[anomalies, 1] = log(np.round(random.lognormal(9.5, 1.5, len(anomalies))))
        x[anomalies, 2] = log(np.round(random.lognormal(4.0, 1.0, len(anomalies))))
        frame = pd.DataFrame(x, columns=["duration", "src_bytes", "dst_bytes"])
        frame["label"] = 0
        frame.loc[anomalies, "label"] = 1
        frame.to_csv(path, index=False, float_format="%.6g")
    return path


def write_labelled(path, x, label, float_format):
    """Writes x (rows x d) as f0..f{d-1},label."""
    import pandas as pd
    frame = pd.DataFrame(x, columns=[f"f{i}" for i in range(x.shape[1])])
    frame["label"] = label
    frame.to_csv(path, index=False, float_format=float_format)


def smtp_shaped(rows):
    """A stand-in for ODDS `smtp` (95,156 x 3, 30 anomalies), not the real set: see the module
    docstring. log(x + 0.1) of duration, bytes sent, bytes received; seed 0, `%.6g`."""
    import numpy as np
    path = os.path.join(WORK, f"smtp-shaped-{rows}x3.csv")
    if not os.path.exists(path):
        random = np.random.default_rng(0)
        log = lambda values: np.log(values + 0.1)
        duration = np.where(random.random(rows) < 0.85, 0.0, 1.0 + random.geometric(0.3, rows))
        sent = np.round(random.lognormal(6.9, 0.9, rows))
        received = np.where(random.random(rows) < 0.8, 320.0 + random.poisson(12, rows),
                            np.round(random.lognormal(6.0, 0.6, rows)))
        anomalies = random.choice(rows, round(rows * 30 / 95_156), replace=False)
        duration[anomalies] = random.exponential(60, len(anomalies))
        sent[anomalies] = np.round(random.lognormal(11, 1.5, len(anomalies)))
        received[anomalies] = np.round(random.lognormal(4, 1, len(anomalies)))
        x = log(np.column_stack([duration, sent, received])).astype(np.float32)
        label = np.zeros(rows, dtype=int)
        label[anomalies] = 1
        write_labelled(path, x, label, "%.6g")
    return path


def forestcover_shaped(rows):
    """A stand-in for ODDS `forestcover` (286,048 x 10, 2,747 anomalies), not the real set: see the
    module docstring. Ten integer columns with heavy ties; seed 0."""
    import numpy as np
    path = os.path.join(WORK, f"forestcover-shaped-{rows}x10.csv")
    if not os.path.exists(path):
        random = np.random.default_rng(0)
        anomaly = np.zeros(rows, dtype=bool)
        anomaly[random.choice(rows, round(rows * 2_747 / 286_048), replace=False)] = True
        count = anomaly.sum()

        def grid_distance(mean_cells, anomaly_mean_cells):
            means = np.where(anomaly, anomaly_mean_cells, mean_cells)
            i, j = random.geometric(1 / (means + 1)) - 1, random.geometric(1 / (means + 1)) - 1
            return np.round(30 * np.sqrt(i * i + j * j))

        elevation = np.round(np.where(anomaly, random.normal(2220, 110, rows), random.normal(2920, 100, rows)))
        aspect = random.integers(0, 360, rows).astype(float)
        slope = np.minimum(66, np.round(np.where(anomaly, random.gamma(4, 4.5, rows), random.gamma(3, 4.5, rows))))
        to_water = grid_distance(7, 3)
        to_water_vertical = np.where(random.random(rows) < 0.12, 0.0, np.round(random.normal(45, 55, rows)))
        to_roads = grid_distance(50, 20)
        to_fire = grid_distance(45, 40)

        def hillshade(zenith, azimuth):
            z, a = np.radians(zenith), np.radians(azimuth)
            s, asp = np.radians(slope), np.radians(aspect)
            value = 255 * (np.cos(z) * np.cos(s) + np.sin(z) * np.sin(s) * np.cos(a - asp))
            return np.clip(np.round(value), 0, 255)

        x = np.column_stack([elevation, aspect, slope, to_water, to_water_vertical, to_roads,
                             hillshade(45, 135), hillshade(20, 180), hillshade(45, 225), to_fire]).astype(np.int64)
        assert count == anomaly.sum()
        write_labelled(path, x, anomaly.astype(int), None)
    return path


def mulcross_shaped(rows):
    """A re-implementation of Rocke & Woodruff's mulcross generator at ODDS's settings (262,144 x 4,
    10 % anomalies in 2 clusters, distance factor 2), not ODDS's file: see the module docstring.
    Seed 0, `%.6g`."""
    import numpy as np
    from scipy.stats import chi2
    path = os.path.join(WORK, f"mulcross-{rows}x4.csv")
    if not os.path.exists(path):
        random = np.random.default_rng(0)
        d = 4
        shape = 0.5 * np.eye(d) + 0.5
        x = random.multivariate_normal(np.zeros(d), shape, rows)
        anomalies = random.choice(rows, rows // 10, replace=False)
        radius = 2 * np.sqrt(chi2.ppf(0.975, d))
        for cluster in np.array_split(anomalies, 2):
            direction = random.standard_normal(d)
            centre = radius * direction / np.linalg.norm(direction)
            x[cluster] = random.multivariate_normal(centre, 0.1 * shape, len(cluster))
        label = np.zeros(rows, dtype=int)
        label[anomalies] = 1
        write_labelled(path, x.astype(np.float32), label, "%.6g")
    return path


def classification(rows):
    import numpy as np
    import pandas as pd
    from sklearn.datasets import make_classification
    paths = [os.path.join(WORK, f"classification-{rows}x32-{part}.csv") for part in ("train", "test")]
    if not all(os.path.exists(path) for path in paths):
        x, y = make_classification(n_samples=2 * rows, n_features=32, n_informative=16, n_redundant=4, random_state=0)
        for path, part in zip(paths, (slice(0, rows), slice(rows, 2 * rows))):
            frame = pd.DataFrame(x[part].astype(np.float32), columns=[f"f{i}" for i in range(32)])
            frame["label"] = y[part]
            frame.to_csv(path, index=False, float_format="%.9g")
    return paths


def isolation_commands(binary, path, model, output, threads):
    return ([binary, "train", "--data", path, "--target", "label", "--algorithm", "isolation-forest",
             "--threads", str(threads), "--output", model],
            [binary, "predict", "--model", model, "--data", path, "--output", output, "--threads", str(threads)])


def isolation_row(name, path, rows, args):
    model = os.path.join(WORK, "model.h5")
    output = os.path.join(WORK, "predictions.csv")
    trains, predicts, pythons, before = [], [], [], {"train": [], "predict": []}
    for _ in range(args.repeat):
        train_command, predict_command = isolation_commands(WORKBENCH, path, model, output, args.threads)
        run = rusage_run(train_command, env={"WORKBENCH_TIMINGS": "1"})
        run["split"] = timings_split(run["stderr"], "train")
        trains.append(run)
        run = rusage_run(predict_command, env={"WORKBENCH_TIMINGS": "1"})
        run["split"] = timings_split(run["stderr"])
        predicts.append(run)
        python = rusage_run([sys.executable, "-c", PYTHON_IF, path, os.path.join(WORK, "sklearn.csv"), str(args.threads)])
        python.update(json.loads(python["stdout"]))
        pythons.append(python)
        if args.baseline:
            old_model, old_output = os.path.join(WORK, "model-before.h5"), os.path.join(WORK, "predictions-before.csv")
            train_command, predict_command = isolation_commands(args.baseline, path, old_model, old_output, args.threads)
            before["train"].append(rusage_run(train_command))
            before["predict"].append(rusage_run(predict_command))
    flagged = sum(1 for line in open(output) if line.rstrip("\n").split(",")[1:2] == ["1"])
    train, predict, python = median_run(trains), median_run(predicts), median_run(pythons)
    result = {"name": name, "rows": rows, "flagged": flagged, "train": train, "predict": predict, "python": python}
    if args.baseline:
        result["before"] = {key: median_run(runs) for key, runs in before.items()}
        result["identical"] = same_bytes(output, os.path.join(WORK, "predictions-before.csv"))
    return result


def same_bytes(first, second):
    return subprocess.run(["cmp", "-s", first, second]).returncode == 0


def main():
    global WORK
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rf-rows", type=int, default=50_000)
    parser.add_argument("--min-odds-rows", type=int, default=40_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--http-rows", type=int, default=567_498)
    parser.add_argument("--smtp-rows", type=int, default=95_156)
    parser.add_argument("--cover-rows", type=int, default=286_048)
    parser.add_argument("--mulcross-rows", type=int, default=262_144)
    parser.add_argument("--only", nargs="+", help="run only the Isolation Forest workloads whose name contains one of these words; skips the classifier")
    parser.add_argument("--skip-rf", action="store_true")
    parser.add_argument("--baseline", help="a workbench binary from before a change, run alternately for a before/after table")
    parser.add_argument("--work", default=WORK, help="directory for generated data, models and outputs")
    args = parser.parse_args()
    WORK = args.work
    if not os.path.exists(WORKBENCH):
        sys.exit(f"{WORKBENCH} is missing: run `swift build -c release --product workbench` first")
    os.makedirs(WORK, exist_ok=True)

    workloads = []
    odds = os.path.join(ROOT, "datasets", "odds")
    for file in sorted(os.listdir(odds)):
        if not file.endswith(".csv"):
            continue
        path = os.path.join(odds, file)
        rows = sum(1 for _ in open(path)) - 1
        if rows >= args.min_odds_rows:
            workloads.append((f"ODDS {file[:-4]}", lambda path=path: path, rows))
    workloads += [
        (f"generated `http`-shaped {args.http_rows:,} × 3", lambda: http_shaped(args.http_rows), args.http_rows),
        (f"generated `smtp`-shaped {args.smtp_rows:,} × 3", lambda: smtp_shaped(args.smtp_rows), args.smtp_rows),
        (f"generated `forestcover`-shaped {args.cover_rows:,} × 10", lambda: forestcover_shaped(args.cover_rows),
         args.cover_rows),
        (f"generated `mulcross` {args.mulcross_rows:,} × 4", lambda: mulcross_shaped(args.mulcross_rows),
         args.mulcross_rows),
        (f"generated {args.rows:,} × 16", lambda: generated(args.rows), args.rows),
    ]
    if args.only:
        workloads = [w for w in workloads if any(word in w[0] for word in args.only)]
    results = [isolation_row(name, make(), rows, args) for name, make, rows in workloads]

    print("### Isolation Forest: `workbench train` + `workbench predict` vs pandas + scikit-learn\n")
    print("| data | rows | flagged | Workbench train s (CPU) | Workbench predict s (CPU) | Workbench total s (CPU) "
          "| scikit-learn total s (CPU) | speed-up wall / CPU | predict rows/s (wall) | explain µs per flagged row |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in results:
        wb_wall = r["train"]["wall"] + r["predict"]["wall"]
        wb_cpu = r["train"]["cpu"] + r["predict"]["cpu"]
        py = r["python"]
        explain = r["predict"]["split"].get("explain", 0.0)
        per_flagged = 1e6 * explain / r["flagged"] if r["flagged"] else 0.0
        print(f"| {r['name']} | {r['rows']:,} | {r['flagged']:,} | {r['train']['wall']:.2f} ({r['train']['cpu']:.2f}) "
              f"| {r['predict']['wall']:.2f} ({r['predict']['cpu']:.2f}) | {wb_wall:.2f} ({wb_cpu:.2f}) "
              f"| {py['wall']:.2f} ({py['cpu']:.2f}) | {py['wall'] / wb_wall:.1f}× / {py['cpu'] / wb_cpu:.1f}× "
              f"| {r['rows'] / r['predict']['wall']:,.0f} | {per_flagged:.2f} |")
    print("\nWhere `workbench train` and `workbench predict` spend their time (wall s, the median runs' "
          "WORKBENCH_TIMINGS lines; train's fit includes scoring the training rows for its levels and metrics) "
          "and scikit-learn's script split the same way:\n")
    print("| data | train: read | fit | save | predict: load | read | score | explain | write "
          "| scikit-learn read | fit | score | write |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in results:
        t, s, py = r["train"]["split"], r["predict"]["split"], r["python"]
        print(f"| {r['name']} | {t.get('read', 0):.3f} | {t.get('fit', 0):.3f} | {t.get('save', 0):.3f} "
              f"| {s.get('load', 0):.3f} | {s.get('read', 0):.3f} | {s.get('score', 0):.3f} "
              f"| {s.get('explain', 0):.3f} | {s.get('write', 0):.3f} | {py['read']:.3f} | {py['fit']:.3f} "
              f"| {py['score']:.3f} | {py['write']:.3f} |")

    if args.baseline:
        print("\n### Before / after (median CPU s = user + sys; --baseline against this build, alternating runs)\n")
        print("| workload | before | after | outputs byte-identical |")
        print("|---|--:|--:|---|")
        for r in results:
            b = r["before"]
            print(f"| {r['name']}: train + predict | {b['train']['cpu']:.2f} + {b['predict']['cpu']:.2f} "
                  f"| {r['train']['cpu']:.2f} + {r['predict']['cpu']:.2f} | {'yes' if r['identical'] else 'NO'} |")

    if args.skip_rf or args.only:
        return
    train, test = classification(args.rf_rows)
    model = os.path.join(WORK, "classifier.h5")
    pickle = os.path.join(WORK, "classifier.joblib")
    subprocess.run([WORKBENCH, "train", "--data", train, "--target", "label", "--algorithm",
                    "random-forest-classifier", "--threads", str(args.threads), "--output", model],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", PYTHON_RF_TRAIN, train, pickle, str(args.threads)], check=True)
    predicts, pythons, befores = [], [], []
    for _ in range(args.repeat):
        run = rusage_run([WORKBENCH, "predict", "--model", model, "--data", test, "--output",
                          os.path.join(WORK, "rf.csv"), "--threads", str(args.threads)], env={"WORKBENCH_TIMINGS": "1"})
        run["split"] = timings_split(run["stderr"])
        predicts.append(run)
        python = rusage_run([sys.executable, "-c", PYTHON_RF_PREDICT, test, pickle, os.path.join(WORK, "rf-sklearn.csv"),
                             str(args.threads)])
        python.update(json.loads(python["stdout"]))
        pythons.append(python)
        if args.baseline:
            befores.append(rusage_run([args.baseline, "predict", "--model", model, "--data", test, "--output",
                                       os.path.join(WORK, "rf-before.csv"), "--threads", str(args.threads)]))
    wb, py = median_run(predicts), median_run(pythons)
    s = wb["split"]
    print(f"\n### Random Forest classifier `workbench predict` vs joblib.load + predict_proba + to_csv "
          f"({args.rf_rows:,} × 32, 100 trees trained on another {args.rf_rows:,} rows)\n")
    print("| side | total s (CPU) | peak RSS MB | load | read | score | write | rows/s (wall) |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    print(f"| Workbench | {wb['wall']:.2f} ({wb['cpu']:.2f}) | {wb['rss']:.0f} | {s.get('load', 0):.3f} | "
          f"{s.get('read', 0):.3f} | {s.get('score', 0):.3f} | {s.get('write', 0):.3f} | {args.rf_rows / wb['wall']:,.0f} |")
    print(f"| scikit-learn | {py['wall']:.2f} ({py['cpu']:.2f}) | {py['rss']:.0f} | {py['load']:.3f} | "
          f"{py['read']:.3f} | {py['score']:.3f} | {py['write']:.3f} | {args.rf_rows / py['predict']:,.0f} |")
    print(f"\nSpeed-up: {py['wall'] / wb['wall']:.1f}× wall, {py['cpu'] / wb['cpu']:.1f}× CPU "
          "(scikit-learn's timers start after its imports; Workbench's figures are the whole process).")
    if args.baseline:
        identical = same_bytes(os.path.join(WORK, "rf.csv"), os.path.join(WORK, "rf-before.csv"))
        print(f"\nBefore / after, classifier `predict` (median CPU s, --baseline alternating): "
              f"{median_run(befores)['cpu']:.2f} → {wb['cpu']:.2f}; outputs byte-identical: {'yes' if identical else 'NO'}")


if __name__ == "__main__":
    main()
