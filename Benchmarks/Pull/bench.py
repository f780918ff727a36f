"""Driver of Benchmarks/Pull/run.sh (runs inside scripts/with-postgres).

Seeds one tenant with the synthetic generator (12 series every 30 s), then
times, alternating, `workbench pull` (to HDF5), `psql \\copy (same query) to
/dev/null with (format binary)` and ConnectorX reading the same SELECT into
Arrow. Wall time per process (start-up included for all three) and peak RSS
from wait4(). Prints one Markdown table.
"""
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

WORKBENCH = os.environ["WORKBENCH"]
DSN = os.environ["WORKBENCH_TEST_DSN"]
PSQL = os.path.join(os.environ["WORKBENCH_TEST_PGBIN"], "psql")
DAYS = int(os.environ.get("BENCH_DAYS", "295"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
ENV = dict(os.environ, WORKBENCH_DSN=DSN)


def measure_rss(command):
    """Runs command; returns (wall seconds, peak RSS MB, stdout), via fork/exec and wait4."""
    started = time.perf_counter()
    out_fd, out_path = tempfile.mkstemp()
    pid = os.fork()
    if pid == 0:
        os.dup2(out_fd, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.execvpe(command[0], command, ENV)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    os.close(out_fd)
    with open(out_path) as handle:
        out = handle.read()
    os.unlink(out_path)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)[:200]} failed with {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_maxrss / 1024, out


def psql(sql):
    return subprocess.run([PSQL, "-X", "-q", "-tA", DSN, "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def main():
    start = datetime.date(2026, 1, 5)
    end = start + datetime.timedelta(days=DAYS)
    subprocess.run([WORKBENCH, "db", "init"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    seed_wall, _, _ = measure_rss([WORKBENCH, "db", "seed", "--tenants", "1", "--days", str(DAYS), "--interval", "30s"])
    psql("VACUUM ANALYZE collectors_metrics")
    raw_rows = int(psql("SELECT count(*) FROM collectors_metrics WHERE tenant_id = 'tenant-a'"))
    print(f"seeded {raw_rows} raw rows in {seed_wall:.1f} s ({raw_rows / seed_wall:,.0f} rows/s, binary COPY in)", file=sys.stderr)

    workdir = tempfile.mkdtemp(prefix="pullbench-")
    output = os.path.join(workdir, "pull.h5")
    pull = [WORKBENCH, "pull", "--tenant", "tenant-a", "--from", start.isoformat(), "--to", end.isoformat(),
            "--bucket", "5m", "--aggregate", "avg", "--aggregate", "min", "--aggregate", "max", "--output", output]
    measure_rss(pull)  # warm the cache and learn the exact query from the lineage
    import h5py
    with h5py.File(output, "r") as f:
        template = f.attrs["query"]
        parameters = json.loads(f.attrs["parameters"])
        copied_rows = int(f.attrs["copied_rows"])
        rows = int(f.attrs["row_count"])
        columns = len(json.loads(f.attrs["columns"]))
    query = template
    for index in range(len(parameters), 0, -1):
        value = parameters[index - 1]["value"]
        assert "'" not in value and "\\" not in value
        query = query.replace(f"${index}", f"'{value}'")
    select = re.match(r"^COPY \((.*)\) TO STDOUT \(FORMAT binary\)$", query, re.S).group(1)

    sides = {
        "workbench pull (HDF5 out)": pull,
        "psql \\copy binary to /dev/null": [PSQL, "-X", "-q", DSN, "-c", f"\\copy ({select}) to '/dev/null' with (format binary)"],
    }
    try:
        import connectorx  # noqa: F401
        import pyarrow  # noqa: F401
        sides["ConnectorX 0.4 → Arrow"] = [sys.executable, "-c",
            "import sys, connectorx as cx; t = cx.read_sql(sys.argv[1], sys.argv[2], return_type='arrow'); print(t.num_rows)",
            DSN, select]
    except ImportError:
        print("ConnectorX not installed: row skipped", file=sys.stderr)

    results = {name: [] for name in sides}
    for _ in range(ROUNDS):
        for name, command in sides.items():
            results[name].append(measure_rss(command)[:2])
    reference = statistics.median(w for w, _ in results["psql \\copy binary to /dev/null"])
    matrix_mb = rows * columns * 8 / 1e6
    print(f"\n{raw_rows:,} raw rows of one tenant, 5-minute buckets, avg/min/max of 12 series: "
          f"{copied_rows:,} rows copied, output {rows:,} × {columns} float64 = {matrix_mb:.1f} MB. "
          f"Median of {ROUNDS} alternating runs; loopback PostgreSQL 15 on the same 2 cores.\n")
    print("| reader | wall s (median) | raw rows/s | vs psql | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        rss = max(r for _, r in runs)
        print(f"| {name} | {wall:.2f} | {raw_rows / wall:,.0f} | {wall / reference:.2f}× | {rss:.0f} |")


if __name__ == "__main__":
    main()
