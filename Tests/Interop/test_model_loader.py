"""Parity check of the Python reference loader against `workbench predict`.

    python3 test_model_loader.py [--interval P] MODEL.h5 DATA.csv PREDICTIONS.csv [MODEL.h5 DATA.csv PREDICTIONS.csv ...]

For each triple (one Python start for many models): loads MODEL with
interop/python/workbench_model.py (verifying format and checksums), replays its
self-test vectors, scores DATA.csv and compares every column of PREDICTIONS.csv
(written by `workbench predict`) with its own: labels exactly, numbers to a
relative 1e-12 (with --interval P, PREDICTIONS.csv came from `workbench predict --interval P` and its
prediction_low/prediction_high columns are compared too). A model trained with a feature spec is given the raw
CSV: the loader applies the stored spec (workbench_features.py) as `predict` does. Then checks that a copy with one flipped byte in its tree data
is refused. Exit 0 = pass; otherwise prints what differs.
"""
import csv
import os
import shutil
import sys
import tempfile

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "interop", "python"))
import workbench_features as wf  # noqa: E402
import workbench_model as wm  # noqa: E402

TOLERANCE = 1e-12
# Explanations are computed by Workbench from the tree paths; they are not part of scoring,
# and the reference loader does not reproduce them.
NOT_REPRODUCED = {"top_features"}


def number(text):
    return float("nan") if text.strip() == "" else float(text)


def data_offset(path):
    """A byte inside the stored tree data: /forest/children_right (format 2 and hyperplane trees)
    or /forest/threshold (format 3 level-order trees), contiguous or in its first chunk."""
    with h5py.File(path, "r") as handle:
        dataset = handle["forest/children_right" if "children_right" in handle["forest"] else "forest/threshold"]
        start = dataset.id.get_offset()
        if start is None:
            chunk = dataset.id.get_chunk_info(0)
            return chunk.byte_offset + chunk.size // 2
        return start + dataset.id.get_storage_size() // 2


def check(model_path, data_path, expected_path, interval=None):
    failures = []
    model = wm.load(model_path)
    model.selftest()
    if model.feature_spec is not None:
        outputs = model.predict_columns(wf.read_csv(data_path), interval=interval)
    else:
        outputs = model.predict(wm.read_csv_features(data_path, model.feature_names), interval=interval)
    with open(expected_path, newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    if len(rows) != len(next(iter(outputs.values()))):
        failures.append(f"row count: python {len(next(iter(outputs.values())))}, swift {len(rows)}")
    for name in [n for n in (rows[0].keys() if rows else []) if n not in NOT_REPRODUCED]:
        swift = [row[name] for row in rows]
        ours = outputs.get(name)
        if ours is None:
            failures.append(f"python loader has no output column {name}")
            continue
        try:
            want = np.array([number(v) for v in swift])
            got = np.asarray(ours, dtype=np.float64)
            deviation = np.abs(got - want) / np.maximum(1.0, np.abs(want))
            deviation[np.isnan(got) & np.isnan(want)] = 0.0
            worst = float(np.max(deviation)) if deviation.size else 0.0
            if not worst <= TOLERANCE:
                i = int(np.argmax(deviation))
                failures.append(f"{name}: row {i} python {got[i]!r} swift {want[i]!r} (max deviation {worst:.3g})")
        except ValueError:
            mismatched = [i for i, (a, b) in enumerate(zip(ours, swift)) if str(a) != b.strip()]
            if mismatched:
                i = mismatched[0]
                failures.append(f"{name}: {len(mismatched)} rows differ, first {i}: python {ours[i]!r} swift {swift[i]!r}")
    with tempfile.TemporaryDirectory() as folder:
        damaged = os.path.join(folder, "damaged.h5")
        shutil.copyfile(model_path, damaged)
        offset = data_offset(model_path)
        with open(damaged, "r+b") as stream:
            stream.seek(offset)
            byte = stream.read(1)
            stream.seek(offset)
            stream.write(bytes([byte[0] ^ 0x5A]))
        try:
            wm.load(damaged)
            failures.append(f"a copy with byte {offset} (inside the tree data) flipped loaded without error")
        except wm.ModelFileError:
            pass
    return [f"{model_path}: {failure}" for failure in failures]


def main(arguments):
    interval = None
    if arguments[:1] == ["--interval"]:
        interval = float(arguments[1])
        arguments = arguments[2:]
    if len(arguments) == 0 or len(arguments) % 3 != 0:
        print("usage: test_model_loader.py MODEL.h5 DATA.csv EXPECTED.csv [...]")
        return 2
    failures = []
    for start in range(0, len(arguments), 3):
        failures += check(*arguments[start:start + 3], interval=interval)
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
