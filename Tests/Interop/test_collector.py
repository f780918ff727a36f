"""End-to-end hot reload of interop/python/workbench_collector.py against `workbench publish`.

Run by Tests/WorkbenchCLITests/CollectorLoaderTests.swift with
WORKBENCH_EXECUTABLE (the built CLI) and WORKBENCH_TEST_REGISTRY (a registry holding bw@v1..v3,
isolation forests trained on breastw):

    python3 -m pytest -q Tests/Interop/test_collector.py
"""
import json
import logging
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "interop", "python"))
import workbench_collector as wc  # noqa: E402

EXECUTABLE = os.environ.get("WORKBENCH_EXECUTABLE")
REGISTRY = os.environ.get("WORKBENCH_TEST_REGISTRY")
pytestmark = pytest.mark.skipif(not EXECUTABLE or not REGISTRY,
                                reason="run from CollectorLoaderTests.swift (needs WORKBENCH_EXECUTABLE)")


def publish(root, reference, *extra):
    run = subprocess.run([EXECUTABLE, "publish", reference, "--to", root, "--registry", REGISTRY, *extra],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


def rows(model):
    """Three rows of breastw-like values, as a dict of columns by feature name."""
    values = np.array([[5, 1, 1, 1, 2, 1, 3, 1, 1], [10, 10, 10, 8, 6, 10, 8, 10, 1], [3, 1, 1, 1, 2, 2, 3, 1, 1]],
                      dtype=np.float64)
    return {name: values[:, k] for k, name in enumerate(model.features)}


def repoint(root):
    """Rewrites current.json with the same content but a new inode/mtime (as a republish would)."""
    path = os.path.join(root, "bw", "current.json")
    pointer = json.load(open(path))
    pointer["published_utc"] = pointer["published_utc"] + " "
    with open(path + ".tmp", "w") as stream:
        json.dump(pointer, stream)
    os.replace(path + ".tmp", path)
    return pointer


@pytest.fixture
def root(tmp_path):
    return str(tmp_path / "published")


def test_load_score_by_name_and_refuse_bad_inputs(root):
    publish(root, "bw@v1")
    model = wc.PublishedModel(root, "bw")
    assert model.version == 1
    assert model.anomaly_rule["level"] == "warn" and model.anomaly_rule["alert_when"] == "score >= value"
    assert model.thresholds["score"] == "anomaly_score"
    scope = model.thresholds_for(tenant=None, collector="system_performance", metric="cpu.user")
    assert scope is not None and scope["is_anomaly"]["level"] == "warn"
    assert {level["name"] for level in scope["levels"]} >= {"warn", "critical", "f1_optimal", "recall_0.9"}
    data = rows(model)
    by_dict = model.score(data)
    assert by_dict["version"] == 1 and by_dict["anomaly_score"].shape == (3,)
    assert by_dict["is_anomaly"][1] and not by_dict["is_anomaly"][0]
    assert list(by_dict["is_anomaly"]) == list(by_dict["anomaly_score"] >= model.anomaly_rule["value"])
    # Reordered named columns are matched by name; a numpy array is taken in model order.
    frame = pd.DataFrame(data)[list(reversed(model.features))]
    np.testing.assert_array_equal(model.score(frame)["anomaly_score"], by_dict["anomaly_score"])
    matrix = np.column_stack([data[name] for name in model.features])
    np.testing.assert_array_equal(model.score(matrix)["anomaly_score"], by_dict["anomaly_score"])
    single = model.score({name: float(values[0]) for name, values in data.items()})
    assert single["anomaly_score"][0] == by_dict["anomaly_score"][0]
    missing = dict(data)
    del missing[model.features[2]]
    with pytest.raises(ValueError, match=f"needs features \\['{model.features[2]}'\\]"):
        model.score(missing)
    with pytest.raises(ValueError, match="unnamed columns"):
        model.score(pd.DataFrame(matrix))
    with pytest.raises(ValueError, match="expects 9 columns"):
        model.score(matrix[:, :8])


def test_hot_reload_refuses_corrupted_bundles_and_keeps_serving(root, caplog):
    publish(root, "bw@v1")
    model = wc.PublishedModel(root, "bw")
    built = []
    original = wc.Bundle

    class Counting(original):
        def __init__(self, *args):
            built.append(args[0])
            super().__init__(*args)

    wc.Bundle = Counting
    try:
        for _ in range(50):
            assert model.reload() is False
        assert built == [], "reload() re-verified an unchanged bundle"
        publish(root, "bw@v2", "--threshold", "critical")
        assert model.reload() is True and model.version == 2
        assert model.anomaly_rule["level"] == "critical"
        assert model.reload() is False
        serving = model.score(rows(model))["anomaly_score"]

        publish(root, "bw@v3")
        v3 = os.path.join(root, "bw", "v3")
        pristine = str(v3) + ".pristine"
        shutil.copytree(v3, pristine)

        def refused(expected):
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="workbench_collector"):
                assert model.reload() is False
            assert model.version == 2
            assert expected in model.last_error, model.last_error
            assert "keeping v2" in caplog.text
            np.testing.assert_array_equal(model.score(rows(model))["anomaly_score"], serving)
            shutil.rmtree(v3)
            shutil.copytree(pristine, v3)

        # 1. A flipped bit in model.h5.
        with open(os.path.join(v3, "model.h5"), "r+b") as stream:
            stream.seek(4000)
            byte = stream.read(1)
            stream.seek(4000)
            stream.write(bytes([byte[0] ^ 0x01]))
        refused("model.h5 has SHA-256")
        # 2. A missing file.
        repoint(root)
        os.remove(os.path.join(v3, "selftest.csv"))
        refused("selftest.csv: cannot read")
        # 3. A wrong self-test row with hashes made consistent: only the self-test can catch it.
        selftest = os.path.join(v3, "selftest.csv")
        lines = open(selftest).read().splitlines()
        cells = lines[-1].split(",")
        cells[9] = repr(float(cells[9]) + 0.01)
        lines[-1] = ",".join(cells)
        content = ("\n".join(lines) + "\n").encode()
        open(selftest, "wb").write(content)
        manifest_path = os.path.join(v3, "manifest.json")
        manifest = json.load(open(manifest_path))
        for entry in manifest["files"]:
            if entry["path"] == "selftest.csv":
                entry["sha256"], entry["bytes"] = wc._sha256(content), len(content)
        manifest_bytes = json.dumps(manifest).encode()
        open(manifest_path, "wb").write(manifest_bytes)
        pointer = repoint(root)
        pointer["manifest_sha256"] = wc._sha256(manifest_bytes)
        json.dump(pointer, open(os.path.join(root, "bw", "current.json.tmp"), "w"))
        os.replace(os.path.join(root, "bw", "current.json.tmp"), os.path.join(root, "bw", "current.json"))
        refused("selftest.csv row")

        # The intact bundle is taken once current.json changes.
        publish(root, "bw@v2", "--threshold", "critical")
        publish(root, "bw@v3")
        assert model.reload() is True and model.version == 3 and model.last_error is None
    finally:
        wc.Bundle = original


def test_bundle_verification_matches_workbench_status(root):
    publish(root, "bw@v1")
    bundle = wc.PublishedModel(root, "bw").bundle
    status = subprocess.run([EXECUTABLE, "publish", "status", "bw", "--to", root, "--json"], capture_output=True,
                            text=True)
    assert status.returncode == 0, status.stderr
    current = json.loads(status.stdout)[0]["current"]
    assert current["manifest_sha256"] == bundle.manifest_sha256 and current["version"] == bundle.version


def test_bundle_pulled_from_rows_loads_and_a_tampered_row_is_refused(root, tmp_path):
    publish(root, "bw@v2", "--threshold", "critical")
    pointer = json.load(open(os.path.join(root, "bw", "current.json")))
    folder = os.path.join(root, "bw", "v2")
    rows = [(2, pointer["manifest_sha256"], path, wc._sha256(open(os.path.join(folder, path), "rb").read()),
             memoryview(open(os.path.join(folder, path), "rb").read())) for path in sorted(os.listdir(folder))]
    local = str(tmp_path / "local")
    assert wc.write_pulled_bundle(rows, local, "bw") == 2
    model = wc.PublishedModel(local, "bw")
    assert model.version == 2 and model.anomaly_rule["level"] == "critical"
    def flipped(content):
        data = bytearray(content)
        data[len(data) // 2] ^= 0x01
        return bytes(data)

    tampered = [row if row[2] != "model.h5" else row[:4] + (flipped(row[4]),) for row in rows]
    with pytest.raises(wc.BundleError, match="model.h5"):
        wc.write_pulled_bundle(tampered, str(tmp_path / "other"), "bw")


def test_feature_spec_is_applied_to_named_raw_inputs(root, tmp_path, monkeypatch):
    registry = str(tmp_path / "registry")
    shutil.copytree(REGISTRY, registry)
    index_path = os.path.join(registry, "bw", "index.json")
    index = json.load(open(index_path))
    spec = {"time": "t", "transforms": [{"kind": "raw"}]}
    index["versions"][0]["metadata"]["feature_spec"] = spec
    json.dump(index, open(index_path, "w"))
    run = subprocess.run([EXECUTABLE, "publish", "bw@v1", "--to", root, "--registry", registry],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    seen = []

    class FakeFeatures:
        """Stands in for workbench_features: doubles every raw column, so the effect is visible."""

        @staticmethod
        def apply(given_spec, columns):
            seen.append(given_spec)
            names = [name for name in columns if name != "t"]
            return names, np.column_stack([np.asarray(columns[name], dtype=np.float64) * 2 for name in names])

    model = wc.PublishedModel(root, "bw")
    assert model.bundle.feature_spec == spec
    raw = rows(model)
    doubled = {name: values * 2 for name, values in raw.items()}
    monkeypatch.setattr(wc, "wf", FakeFeatures)
    with_spec = model.score(dict(raw, t=np.array([0.0, 60.0, 120.0])))
    assert seen == [spec]
    monkeypatch.setattr(wc, "wf", None)
    np.testing.assert_array_equal(with_spec["anomaly_score"], model.score(doubled)["anomaly_score"])
