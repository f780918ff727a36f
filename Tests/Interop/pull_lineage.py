"""Checks a `workbench pull` output against its lineage, with pandas or h5py alone.

Usage: pull_lineage.py FILE.csv   (lineage in FILE.csv.lineage.json)
       pull_lineage.py FILE.h5    (lineage in the root attributes; docs/dataset-format.md)
Exit 0 when the columns, row count and content SHA-256 (every column as
little-endian float64, column after column, NaN for missing) match the
lineage, and the lineage names its query, parameters, tenant, window and server.
"""
import hashlib
import json
import sys

import numpy as np

path = sys.argv[1]
problems = []

if path.endswith(".csv"):
    import pandas as pd

    with open(path + ".lineage.json", encoding="utf-8") as handle:
        lineage = json.load(handle)
    frame = pd.read_csv(path, dtype=np.float64, keep_default_na=False, na_values=[""])
    names = list(frame.columns)
    columns = [frame[c].to_numpy("<f8") for c in names]
    rows = len(frame)
    row_count = lineage["row_count"]
else:
    import h5py

    with h5py.File(path, "r") as f:
        names = f["column_names"].asstr()[()].tolist()
        columns = [np.asarray(f[f"columns/{i}"][()], dtype="<f8") for i in range(len(names))]
        rows = int(f.attrs["row_count"])
        row_count = rows
        lineage = {}
        for key, value in f.attrs.items():
            if isinstance(value, bytes):
                value = value.decode("utf-8")
            if isinstance(value, str) and key in ("columns", "parameters", "aggregates", "collectors", "metrics",
                                                  "bucket_seconds", "copied_rows", "attempts", "server_version"):
                value = json.loads(value)
            lineage[key] = value
    if any(len(c) != rows for c in columns):
        problems.append("a column's length differs from row_count")

if names != lineage["columns"]:
    problems.append(f"columns {names[:5]}... != lineage columns {lineage['columns'][:5]}...")
if rows != row_count:
    problems.append(f"{rows} rows != lineage row_count {row_count}")
digest = hashlib.sha256(b"".join(c.tobytes() for c in columns)).hexdigest()
if digest != lineage["content_sha256"]:
    problems.append(f"content sha256 {digest} != lineage {lineage['content_sha256']}")
for key in ("query", "parameters", "tenant", "window_start", "window_end", "server"):
    if key not in lineage:
        problems.append(f"lineage lacks '{key}'")
if "password" in json.dumps(lineage, default=str).lower():
    problems.append("lineage mentions a password")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
