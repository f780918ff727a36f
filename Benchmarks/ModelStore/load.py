"""Model loading: time and peak memory to load a 200 MB-class Random Forest regressor file,
in Swift and in the Python reference loader, format 2 (before) and format 3 (after), one run.

    python3 Benchmarks/ModelStore/load.py [--rows 150000] [--features 32] [--trees 100] [--repeat 2]
                                          [--workdir DIR] [--pickle] [--chrt] [--baseline BINARY]

Needs `swift build -c release --product workbench` first. Generates make_regression(rows,
features, random_state=0) as float32 (`%.9g` CSV), trains 100 full-depth trees with
`workbench train --algorithm random-forest-regressor` (format 3), rewrites the same model in
format 2 (Benchmarks/ModelStore/format2.py, as Workbench wrote files before format 3), then
loads each file `--repeat` times, page cache warm (each file is read once before timing):

- Swift: `workbench predict --model FILE` on one row under /usr/bin/time: the whole process's
  wall, CPU (user + sys, all threads) and peak RSS; `load s` is the load phase alone
  (WORKBENCH_TIMINGS). Loading verifies every checksum, every index and the self-test.
- Python: one process per load, imports (numpy, h5py, workbench_model) before the timer;
  `workbench_model.load(FILE)` then `.selftest()` (what Swift's load does); wall and CPU
  (time.process_time) of those two calls, peak RSS of the process (/usr/bin/time) and its
  RSS after the imports.

Every size is in MB of 10^6 bytes (RSS from /usr/bin/time's KiB × 1024), so "peak RSS / file" is
bytes over bytes. (Before 2026-12-06 08:30 RSS was printed in MiB beside file sizes in MB, which
made that ratio 4.9 % too low.)

With --workdir DIR the data and files are kept there and reused by later runs; --pickle also
trains scikit-learn's RandomForestRegressor (same rows, n_estimators=trees, n_jobs=2) and
reports the size of its joblib pickle. --chrt runs each timed process under `chrt -f 10`
(real-time priority; needs root): on a shared machine it gets the cores, so its wall time
shows what an idle machine would. --baseline BINARY also loads each file with another
`workbench` build (e.g. a copy of main's, to measure a change), alternating with this checkout's
binary run by run, so both see the same machine.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKBENCH = os.path.join(ROOT, ".build", "release", "workbench")
INTEROP = os.path.join(ROOT, "interop", "python")

PYTHON_LOAD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import h5py, numpy
import workbench_model as wm
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
w0, c0 = time.perf_counter(), time.process_time()
model = wm.load(sys.argv[2])
model.selftest()
w1, c1 = time.perf_counter(), time.process_time()
print(json.dumps({"wall": w1 - w0, "cpu": c1 - c0, "base_rss": base}))
"""


PRIORITY = []


def timed(command, env=None):
    """Runs `command` under /usr/bin/time: wall s, CPU s (user + sys), peak RSS MB (10^6 bytes, like
    the file sizes, so that their ratio is bytes over bytes), stdout, stderr."""
    with tempfile.NamedTemporaryFile("r") as usage:
        start = time.perf_counter()
        result = subprocess.run([*PRIORITY, "/usr/bin/time", "-f", "%U %S %M", "-o", usage.name, *command],
                                capture_output=True, text=True, env={**os.environ, **(env or {})})
        wall = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
        user, system, peak = usage.read().split()[-3:]
    return {"wall": wall, "cpu": float(user) + float(system), "rss": int(peak) * 1024 / 1e6,
            "stdout": result.stdout, "stderr": result.stderr}


def load_phase(stderr):
    for line in stderr.splitlines():
        if line.startswith("timings predict:"):
            for part in line.split(":", 1)[1].split(","):
                if part.split()[0] == "load":
                    return float(part.split()[1])
    return float("nan")


def prepare(args, folder):
    import numpy as np
    from sklearn.datasets import make_regression
    data, one = os.path.join(folder, "train.csv"), os.path.join(folder, "one.csv")
    new, old = os.path.join(folder, "format3.h5"), os.path.join(folder, "format2.h5")
    X, y = make_regression(args.rows, args.features, random_state=0)
    X = X.astype(np.float32)
    header = ",".join([f"f{i}" for i in range(args.features)] + ["target"])
    if not os.path.exists(data):
        np.savetxt(data, np.column_stack([X, y]), delimiter=",", header=header, comments="", fmt="%.9g")
        np.savetxt(one, np.column_stack([X[:1], y[:1]]), delimiter=",", header=header, comments="", fmt="%.9g")
    if not os.path.exists(new):
        subprocess.run([WORKBENCH, "train", "--data", data, "--target", "target", "--algorithm",
                        "random-forest-regressor", "--trees", str(args.trees), "--output", new], check=True,
                       capture_output=True)
    if not os.path.exists(old):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "ModelStore", "format2.py"), new, old],
                       check=True)
    pickle = None
    if args.pickle:
        import joblib
        from sklearn.ensemble import RandomForestRegressor
        pickle = os.path.join(folder, "sklearn.joblib")
        if not os.path.exists(pickle):
            joblib.dump(RandomForestRegressor(n_estimators=args.trees, n_jobs=2, random_state=0).fit(X, y), pickle)
    return one, old, new, pickle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=150000)
    parser.add_argument("--features", type=int, default=32)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workdir")
    parser.add_argument("--pickle", action="store_true")
    parser.add_argument("--chrt", action="store_true")
    parser.add_argument("--baseline", help="another workbench binary to load each file with, alternating")
    args = parser.parse_args()
    binaries = [("Swift `workbench predict`", WORKBENCH)]
    if args.baseline:
        if not os.path.exists(args.baseline):
            sys.exit(f"--baseline {args.baseline} is missing")
        binaries.insert(0, (f"Swift `workbench predict` ({args.baseline})", args.baseline))
    if args.chrt:
        PRIORITY[:] = ["chrt", "-f", "10"]
    if not os.path.exists(WORKBENCH):
        sys.exit(f"{WORKBENCH} is missing: run `swift build -c release --product workbench` first")
    folder = args.workdir or tempfile.mkdtemp(prefix="load-bench-")
    os.makedirs(folder, exist_ok=True)
    one, old, new, pickle = prepare(args, folder)
    rows = []
    for label, path in (("2 (before)", old), ("3 (after)", new)):
        with open(path, "rb") as stream:  # warm the page cache
            while stream.read(1 << 24):
                pass
        size = os.path.getsize(path) / 1e6
        for _ in range(args.repeat):
            for name, binary in binaries:
                swift = timed([binary, "predict", "--model", path, "--data", one, "--output", os.path.join(folder, "p.csv")],
                              env={"WORKBENCH_TIMINGS": "1"})
                rows.append((name, label, size, swift["wall"], swift["cpu"], load_phase(swift["stderr"]), swift["rss"], None))
            python = timed([sys.executable, "-c", PYTHON_LOAD, INTEROP, path])
            inner = json.loads(python["stdout"])
            rows.append(("Python `load` + `selftest`", label, size, inner["wall"], inner["cpu"], None, python["rss"],
                         inner["base_rss"]))
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"{args.rows:,} x {args.features} rows, {args.trees} trees{', chrt -f 10' if args.chrt else ''}; "
          f"uptime: {uptime}\n")
    print(f"file sizes: format 2 {os.path.getsize(old):,} bytes, format 3 {os.path.getsize(new):,} bytes"
          + (f", scikit-learn joblib pickle {os.path.getsize(pickle):,} bytes" if pickle else "") + "\n")
    help_rss = timed([WORKBENCH, "--help"])["rss"]
    print(f"Swift process before any model (`workbench --help`): peak RSS {help_rss:.1f} MB (mapped library code)\n")
    print("| loader | format | file MB | wall s | CPU s | load phase s | peak RSS MB | peak RSS / file | RSS after imports MB |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|")
    for loader, label, size, wall, cpu, phase, rss, base in rows:
        print(f"| {loader} | {label} | {size:.1f} | {wall:.2f} | {cpu:.2f} | "
              f"{'' if phase is None else f'{phase:.3f}'} | {rss:.0f} | {rss / size:.2f} | "
              f"{'' if base is None else f'{base:.0f}'} |")


if __name__ == "__main__":
    main()
