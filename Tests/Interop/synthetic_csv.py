"""Reads a synthetic metrics file set with Python's own csv module and checks it is self-consistent.

Usage: synthetic_csv.py LONG WIDE INCIDENTS
Checks: headers; every long row equals its wide cell (same float); every non-empty wide cell has
its long row; is_incident and label match the incident windows; wide has one row per tenant and
bucket. Prints what differs and exits 1, else prints a summary and exits 0.
"""
import csv
import sys


def main(long_path, wide_path, incidents_path):
    problems = []
    with open(incidents_path, newline="", encoding="utf-8") as f:
        incidents = list(csv.DictReader(f))
    windows = [(i["tenant_id"], i["collector_name"], i["metric_name"], int(i["start"]), int(i["end"]), i["kind"])
               for i in incidents]

    def active(tenant, timestamp, collector=None, metric=None):
        for (t, c, m, start, end, kind) in windows:
            if t != tenant or not (start <= timestamp < end):
                continue
            if collector is None or (c == collector and (m == "" or m == metric)):
                return kind
        return None

    with open(wide_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header[:2] != ["timestamp", "tenant_id"] or header[-2:] != ["label", "incident_kind"]:
            problems.append(f"wide header is {header}")
        series = header[2:-2]
        cells = {}
        buckets = {}
        for row in reader:
            tenant, timestamp = row[1], int(row[0])
            buckets.setdefault(tenant, []).append(timestamp)
            for name, text in zip(series, row[2:-2]):
                if text != "":
                    cells[(tenant, timestamp, name)] = float(text)
            kind = active(tenant, timestamp)
            if row[-2] != ("1" if kind else "0") or row[-1] != (kind or ""):
                problems.append(f"wide label at {tenant} {timestamp}: {row[-2:]} but incident {kind}")

    long_rows = 0
    with open(long_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        expected = ["timestamp", "collector_name", "metric_name", "metric_value", "tenant_id", "is_incident"]
        if header != expected:
            problems.append(f"long header is {header}")
        for timestamp, collector, metric, value, tenant, label in reader:
            long_rows += 1
            key = (tenant, int(timestamp), f"{collector}/{metric}")
            if cells.get(key) != float(value):
                problems.append(f"long {key} = {value}, wide has {cells.get(key)}")
            kind = active(tenant, int(timestamp), collector, metric)
            if label != ("1" if kind else "0"):
                problems.append(f"long label at {key} is {label} but incident {kind}")

    if long_rows != len(cells):
        problems.append(f"long has {long_rows} rows, wide {len(cells)} non-empty cells")
    counts = {len(stamps) for stamps in buckets.values()}
    if len(counts) != 1:
        problems.append(f"tenants have different bucket counts: {counts}")
    for tenant, stamps in buckets.items():
        steps = {b - a for a, b in zip(stamps, stamps[1:])}
        if len(steps) > 1:
            problems.append(f"{tenant} buckets are not evenly spaced: {sorted(steps)[:5]}")

    if problems:
        print("\n".join(problems[:20]))
        print(f"{len(problems)} problems")
        return 1
    print(f"ok: {long_rows} samples, {len(buckets)} tenants, {len(windows)} incidents")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
