"""Reads a Workbench HDF5 data set with h5py + numpy alone and compares it with what Swift wrote.

Usage: read_dataset.py FILE.h5 EXPECTED.json
EXPECTED.json: {"columns": [{"name": ..., "kind": "numeric"|"text", "values": [...]}], "attributes": {...}}
where a missing value is null and a number is given as the hex string of its IEEE-754 bits
("0x3ff8000000000000" for 1.5), so -0.0, infinities and subnormals are compared bit for bit.
Follows docs/dataset-format.md only: column order from /column_names, kinds from /column_kinds,
values from /columns/<i>, text missing flags from /missing/<i>, lineage from the root attributes.
Prints what differs and exits 1, else prints a summary and exits 0.
"""
import json
import sys

import h5py
import numpy as np

RESERVED = {"workbench_format", "workbench_format_version", "row_count"}


def main(path, expected_path):
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    problems = []
    with h5py.File(path, "r") as f:
        if f.attrs.get("workbench_format") != "dataset":
            problems.append(f"workbench_format is {f.attrs.get('workbench_format')!r}")
        if int(f.attrs.get("workbench_format_version", -1)) != 1:
            problems.append("workbench_format_version is not 1")
        rows = int(f.attrs["row_count"])
        names = f["column_names"].asstr()[()].tolist()
        kinds = f["column_kinds"].asstr()[()].tolist()
        want = expected["columns"]
        if names != [c["name"] for c in want]:
            problems.append(f"names {names} != {[c['name'] for c in want]}")
        if kinds != [c["kind"] for c in want]:
            problems.append(f"kinds {kinds} != {[c['kind'] for c in want]}")
        for index, column in enumerate(want[: len(names)]):
            stored = f[f"columns/{index}"]
            if stored.shape != (rows,):
                problems.append(f"{column['name']}: shape {stored.shape}, row_count {rows}")
                continue
            if column["kind"] == "numeric":
                if stored.dtype != np.dtype("<f8"):
                    problems.append(f"{column['name']}: dtype {stored.dtype}")
                got = stored[()]
                bits = [0x7FF8000000000000 if v is None else int(v, 16) for v in column["values"]]
                want_values = np.array(bits, dtype="<u8").view("<f8")
                same = (np.isnan(got) & np.isnan(want_values)) | (got.view("<u8") == want_values.view("<u8"))
                if got.shape != want_values.shape or not same.all():
                    bad = np.flatnonzero(~same)[:5] if got.shape == want_values.shape else "shape"
                    problems.append(f"{column['name']}: values differ at {bad}")
            else:
                texts = stored.asstr()[()].tolist()
                missing = f[f"missing/{index}"][()]
                if missing.dtype != np.dtype("u1"):
                    problems.append(f"{column['name']}: missing mask dtype {missing.dtype}")
                got = [None if m else t for t, m in zip(texts, missing.tolist())]
                if got != column["values"]:
                    diff = [i for i, (a, b) in enumerate(zip(got, column["values"])) if a != b][:5]
                    problems.append(f"{column['name']}: text differs at {diff}")
        attributes = {k: v for k, v in f.attrs.items() if k not in RESERVED}
        if attributes != expected.get("attributes", {}):
            problems.append(f"attributes {attributes} != {expected.get('attributes', {})}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {len(names)} columns, {rows} rows, {len(attributes)} attributes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
