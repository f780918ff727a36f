"""Checks a `workbench pull` CSV against its lineage sidecar.

Usage: pull_lineage.py FILE.csv FILE.csv.lineage.json
Exit 0 when the header, row count and content SHA-256 (every column as
little-endian float64, column after column, NaN for empty cells) match.
"""
import hashlib
import json
import sys

import numpy as np
import pandas as pd

csv_path, lineage_path = sys.argv[1], sys.argv[2]
with open(lineage_path, encoding="utf-8") as handle:
    lineage = json.load(handle)
frame = pd.read_csv(csv_path, dtype=np.float64, keep_default_na=False, na_values=[""])

problems = []
if list(frame.columns) != lineage["columns"]:
    problems.append(f"header {list(frame.columns)} != lineage columns {lineage['columns']}")
if len(frame) != lineage["row_count"]:
    problems.append(f"{len(frame)} rows != lineage row_count {lineage['row_count']}")
digest = hashlib.sha256(b"".join(frame[c].to_numpy("<f8").tobytes() for c in frame.columns)).hexdigest()
if digest != lineage["content_sha256"]:
    problems.append(f"content sha256 {digest} != lineage {lineage['content_sha256']}")
for key in ("query", "parameters", "tenant", "window_start", "window_end", "server"):
    if key not in lineage:
        problems.append(f"lineage lacks '{key}'")
if "password" in json.dumps(lineage).lower():
    problems.append("lineage mentions a password")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
