"""Parity check: interop/python/workbench_features.py against the Swift Features library.

Usage: python3 features_parity.py SPEC.json DATA.csv EXPECTED.csv [--exclude COLUMN ...]

Applies the spec to DATA with the Python twin and compares every column of EXPECTED (written by
Swift): same names in the same order, NaN in the same cells, and elsewhere
|python - swift| <= 1e-9 * max(1, |python|, |swift|). Prints one line per column with its
largest relative difference; exits 1 on any mismatch.
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "interop", "python"))
import workbench_features as wf  # noqa: E402

TOLERANCE = 1e-9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("spec")
    parser.add_argument("data")
    parser.add_argument("expected")
    parser.add_argument("--exclude", action="append", default=[])
    args = parser.parse_args()
    with open(args.spec) as handle:
        spec = wf.load_spec(handle.read())
    names, matrix = wf.apply(spec, wf.read_csv(args.data), args.exclude)
    expected = wf.read_csv(args.expected)
    failures = []
    if names != list(expected):
        failures.append(f"names differ:\n python {names}\n swift  {list(expected)}")
    for k, name in enumerate(names):
        if name not in expected:
            continue
        mine, theirs = matrix[:, k], expected[name]
        if mine.shape != theirs.shape:
            failures.append(f"{name}: {mine.shape[0]} rows against {theirs.shape[0]}")
            continue
        nan_mismatch = np.isnan(mine) != np.isnan(theirs)
        both = ~np.isnan(mine) & ~np.isnan(theirs)
        scale = np.maximum(1.0, np.maximum(np.abs(mine[both]), np.abs(theirs[both])))
        relative = np.abs(mine[both] - theirs[both]) / scale
        worst = float(relative.max()) if relative.size else 0.0
        print(f"{name}: {int(both.sum())} values, {int(np.isnan(mine).sum())} NaN, max relative difference {worst:.3g}")
        if nan_mismatch.any():
            row = int(np.flatnonzero(nan_mismatch)[0])
            failures.append(f"{name}: NaN differs at row {row + 1} (python {mine[row]}, swift {theirs[row]})")
        if worst > TOLERANCE:
            row = int(np.flatnonzero(both)[int(relative.argmax())])
            failures.append(f"{name}: row {row + 1} python {mine[row]!r} swift {theirs[row]!r}")
    for failure in failures:
        print("MISMATCH " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
