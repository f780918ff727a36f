"""Collector-side loader for models published by `workbench publish --to DIR`.

    import workbench_collector as wc
    live = wc.PublishedModel("/srv/models", "cpu")      # loads DIR/cpu/current.json, verified
    live.reload()                                       # cheap when current.json did not change
    result = live.score({"cpu.user": 0.93, "cpu.system": 0.2, "mem.used": 0.71})
    result["anomaly_score"], result["is_anomaly"], live.version, live.thresholds

A new bundle is swapped in only after every check passes: the manifest's SHA-256 equals the one
current.json pins; every listed file has its size and SHA-256; model.h5 loads with
workbench_model (its own dataset checksums and golden self-test vectors) and is the registry's file;
thresholds.json names the score and the level raising is_anomaly; every row of selftest.csv scores
to the expected outputs and flag. Otherwise the model already loaded keeps serving and the reason
is logged (logger "workbench_collector") and kept in `last_error`.

Inputs are matched to the model's features by name (dict or pandas DataFrame); missing features
are refused, never filled. A 2-D numpy array is taken in the model's feature order and must have
exactly that many columns. When the manifest carries a feature spec and workbench_features is
importable, named inputs are raw columns (time, group, metrics) that the spec turns into features.
"""
import csv
import hashlib
import io
import json
import logging
import os
import re
import shutil
import threading

import numpy as np

import workbench_model as wm

try:  # written by another part of Workbench; optional
    import workbench_features as wf
except ImportError:  # pragma: no cover - depends on the installation
    wf = None

log = logging.getLogger("workbench_collector")

REQUIRED_FILES = ("model.h5", "thresholds.json", "selftest.csv")
BUNDLE_FORMAT = "workbench-bundle"
FOLDER_PATTERN = re.compile(r"v[0-9]+")


class BundleError(Exception):
    """A published bundle fails a check; the message names the file and the check."""


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def _read(path):
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError as error:
        raise BundleError(f"{path}: cannot read: {error.strerror or error}") from error


class Bundle:
    """One verified bundle: model, thresholds and the rule raising is_anomaly. Immutable once built."""

    def __init__(self, folder, pointer):
        self.folder = folder
        self.name = pointer["name"]
        self.version = int(pointer["version"])
        self.manifest_sha256 = pointer["manifest_sha256"]
        manifest_bytes = _read(os.path.join(folder, "manifest.json"))
        if _sha256(manifest_bytes) != self.manifest_sha256:
            raise BundleError(f"{folder}/manifest.json has SHA-256 {_sha256(manifest_bytes)}; "
                              f"current.json pins {self.manifest_sha256}")
        try:
            self.manifest = json.loads(manifest_bytes)
        except ValueError as error:
            raise BundleError(f"{folder}/manifest.json is not JSON: {error}") from error
        manifest = self.manifest
        if manifest.get("format") != BUNDLE_FORMAT or manifest.get("formats", {}).get("bundle") != 1:
            raise BundleError(f"{folder}/manifest.json is not a version-1 {BUNDLE_FORMAT} manifest")
        if manifest.get("name") != self.name or manifest.get("version") != self.version:
            raise BundleError(f"{folder}/manifest.json describes {manifest.get('name')}@v{manifest.get('version')}; "
                              f"current.json names {self.name}@v{self.version}")
        files = {entry["path"]: entry for entry in manifest.get("files", [])}
        for required in REQUIRED_FILES:
            if required not in files:
                raise BundleError(f"{folder}/manifest.json does not list {required}")
        contents = {}
        for path, entry in files.items():
            if "/" in path or path.startswith("."):
                raise BundleError(f"{folder}/manifest.json lists a path outside the bundle: {path!r}")
            data = _read(os.path.join(folder, path))
            if len(data) != entry["bytes"]:
                raise BundleError(f"{folder}/{path} has {len(data)} bytes; the manifest records {entry['bytes']}")
            if _sha256(data) != entry["sha256"]:
                raise BundleError(f"{folder}/{path} has SHA-256 {_sha256(data)}; the manifest records {entry['sha256']}")
            contents[path] = data
        if _sha256(contents["model.h5"]) != manifest["registry"]["file_sha256"]:
            raise BundleError(f"{folder}/model.h5 is not the registry's file {manifest['registry']['file_sha256']}")
        try:
            self.model = wm.load(os.path.join(folder, "model.h5"))
            self.model.selftest()
        except (wm.ModelFileError, OSError, ValueError) as error:
            raise BundleError(f"{folder}/model.h5: {error}") from error
        if self.model.feature_names != list(manifest["features"]):
            raise BundleError(f"{folder}/model.h5 features {self.model.feature_names} differ from the manifest's")
        try:
            self.thresholds = json.loads(contents["thresholds.json"])
            scope = self.thresholds["scopes"][0]
        except (ValueError, KeyError, IndexError) as error:
            raise BundleError(f"{folder}/thresholds.json lacks a scope: {error!r}") from error
        self.rule = scope.get("is_anomaly")
        self.levels = list(scope.get("levels", []))
        self.feature_spec = manifest.get("feature_spec")
        if self.feature_spec is not None and wf is None:
            log.warning("%s@v%s has a feature spec but workbench_features is not importable: named inputs must "
                        "already be the model's features %s", self.name, self.version, self.features)
        self._check_selftest(contents["selftest.csv"])

    @property
    def features(self):
        return list(self.model.feature_names)

    def outputs(self, X):
        """Model outputs for feature rows X (model order), plus is_anomaly and level from thresholds.json."""
        X = np.asarray(X, dtype=np.float32)
        if X.ndim != 2 or X.shape[1] != len(self.features):
            raise ValueError(f"{self.name}@v{self.version} expects {len(self.features)} features; got shape {X.shape}")
        raw = self.model.predict(X)
        names = [str(n) for n in self.model.arrays["/selftest/outputs"]]
        result = {name: np.asarray(raw[name], dtype=np.float64) for name in names if name in raw}
        if self.model.algorithm == "random-forest-classifier":
            result["prediction"] = raw["prediction"]
        if self.rule is not None and self.rule["score"] in result:
            score = result[self.rule["score"]]
            value = float(self.rule["value"])
            result["is_anomaly"] = score < value if self.rule["direction"] == "below" else score >= value
            level = np.full(score.shape[0], None, dtype=object)
            for entry in sorted(self.levels, key=lambda item: item["value"]):
                if entry["score"] == self.rule["score"] and entry.get("direction", "above") == "above":
                    level[score >= float(entry["value"])] = entry["name"]
            result["level"] = level
        return result

    def _check_selftest(self, data):
        text = data.decode("utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        if len(rows) < 2:
            raise BundleError(f"{self.folder}/selftest.csv has no rows")
        header, body = rows[0], rows[1:]
        features = self.features
        if header[:len(features)] != features:
            raise BundleError(f"{self.folder}/selftest.csv columns {header[:len(features)]} are not the features {features}")
        width = len(header)
        if any(len(row) != width for row in body):
            raise BundleError(f"{self.folder}/selftest.csv has a row without {width} cells")

        def number(cell):
            return float("nan") if cell.strip() == "" else float(cell)

        cells = np.array([[number(cell) for cell in row] for row in body], dtype=np.float64)
        outputs = self.outputs(cells[:, :len(features)].astype(np.float32))
        for column, name in enumerate(header[len(features):], start=len(features)):
            if name not in outputs:
                raise BundleError(f"{self.folder}/selftest.csv column {name} is not an output of the model")
            expected = cells[:, column]
            actual = np.asarray(outputs[name], dtype=np.float64)
            same = (expected == actual) | (np.isnan(expected) & np.isnan(actual)) \
                | (np.abs(expected - actual) <= 1e-9 * np.maximum(1.0, np.abs(expected)))
            if not same.all():
                row = int(np.argmin(same))
                raise BundleError(f"{self.folder}/selftest.csv row {row + 1}, {name}: expected {expected[row]}, "
                                  f"the model gives {actual[row]}")


class PublishedModel:
    """The live model of one name under a publication directory, hot-reloadable and thread-safe."""

    def __init__(self, root, name, require=True):
        self.root = root
        self.name = name
        self.folder = os.path.join(root, name)
        self.last_error = None
        self._lock = threading.Lock()
        self._bundle = None
        self._pointer_stat = None
        self._pointer_bytes = None
        self.reload()
        if require and self._bundle is None:
            raise BundleError(self.last_error or f"nothing published for {name} in {root}")

    # ---- what is loaded

    @property
    def bundle(self):
        return self._bundle

    @property
    def version(self):
        return None if self._bundle is None else self._bundle.version

    @property
    def thresholds(self):
        """thresholds.json of the loaded bundle (dict), or None."""
        return None if self._bundle is None else self._bundle.thresholds

    @property
    def anomaly_rule(self):
        """{"level", "value", "score", "direction", "alert_when"} raising is_anomaly, or None."""
        return None if self._bundle is None else self._bundle.rule

    @property
    def features(self):
        return None if self._bundle is None else self._bundle.features

    def thresholds_for(self, tenant=None, group=None, collector=None, metric=None):
        """The scope of thresholds.json that applies to a series: the first whose non-null tenant, group,
        collector and metric all equal the given ones (null in the file means any). None when none applies."""
        if self._bundle is None:
            return None
        wanted = {"tenant": tenant, "group": group, "collector": collector, "metric": metric}
        for scope in self._bundle.thresholds.get("scopes", []):
            if all(scope.get(key) is None or scope.get(key) == value for key, value in wanted.items()):
                return scope
        return None

    # ---- reloading

    def reload(self):
        """Loads the bundle current.json names if it changed. Returns True when a new bundle was swapped in.

        Cheap when nothing changed: one stat() of current.json (inode, size, mtime; publishing renames a new
        file into place), then a byte comparison. A bundle that fails a check is logged and remembered, so it is
        not re-verified until current.json changes again; the old model keeps serving meanwhile."""
        pointer_path = os.path.join(self.folder, "current.json")
        with self._lock:
            try:
                info = os.stat(pointer_path)
            except OSError as error:
                self._refuse(f"{pointer_path}: {error.strerror or error}")
                return False
            key = (info.st_ino, info.st_size, info.st_mtime_ns)
            if key == self._pointer_stat:
                return False
            try:
                data = _read(pointer_path)
            except BundleError as error:
                self._refuse(str(error))
                return False
            self._pointer_stat = key
            if data == self._pointer_bytes:
                return False
            self._pointer_bytes = data
            try:
                pointer = json.loads(data)
                folder = pointer.get("path") or f"v{pointer['version']}"
                if not FOLDER_PATTERN.fullmatch(folder):
                    raise BundleError(f"{pointer_path} names folder {folder!r}; expected vN")
                if pointer.get("name", self.name) != self.name:
                    raise BundleError(f"{pointer_path} names model {pointer.get('name')!r}, not {self.name!r}")
                pointer.setdefault("name", self.name)
                bundle = Bundle(os.path.join(self.folder, folder), pointer)
            except (BundleError, ValueError, KeyError, TypeError) as error:
                self._refuse(str(error) if isinstance(error, BundleError) else f"{pointer_path}: {error!r}")
                return False
            previous = self.version
            self._bundle = bundle
            self.last_error = None
            log.info("loaded %s@v%s (was %s)", self.name, bundle.version, previous)
            return True

    def _refuse(self, reason):
        self.last_error = reason
        if self._bundle is None:
            log.error("%s: no model loaded: %s", self.name, reason)
        else:
            log.warning("%s: keeping v%s: %s", self.name, self._bundle.version, reason)

    # ---- scoring

    def score(self, data):
        """Scores rows given as a dict of columns/scalars, a pandas DataFrame (by column name), or a 2-D numpy
        array in the model's feature order. Returns a dict of numpy arrays plus "version"."""
        bundle = self._bundle
        if bundle is None:
            raise BundleError(self.last_error or f"no model loaded for {self.name}")
        X = self._matrix(bundle, data)
        result = bundle.outputs(X)
        result["version"] = bundle.version
        return result

    def _matrix(self, bundle, data):
        features = bundle.features
        if isinstance(data, np.ndarray) and data.dtype.names is None:
            X = np.atleast_2d(np.asarray(data, dtype=np.float64))
            if X.ndim != 2 or X.shape[1] != len(features):
                raise ValueError(f"{self.name}@v{bundle.version} expects {len(features)} columns in the order "
                                 f"{features}; got shape {np.shape(data)}. Pass a dict or DataFrame to match by name.")
            return X.astype(np.float32)
        columns = self._columns(data)
        non_text = [name for name in columns if not isinstance(name, str)]
        if non_text:
            raise ValueError(f"columns must be named; got unnamed columns {non_text[:5]} "
                             f"(the model expects {features})")
        if bundle.feature_spec is not None and wf is not None:
            names, matrix = wf.apply(bundle.feature_spec, {k: np.asarray(v) for k, v in columns.items()})
            columns = dict(zip(names, matrix.T))
        missing = [name for name in features if name not in columns]
        if missing:
            raise ValueError(f"{self.name}@v{bundle.version} needs features {missing}, which the input lacks "
                             f"(it has {sorted(map(str, columns))[:20]})")
        arrays = [np.atleast_1d(np.asarray(columns[name], dtype=np.float64)) for name in features]
        lengths = {len(a) for a in arrays}
        if len(lengths) != 1:
            raise ValueError(f"feature columns have different lengths {sorted(lengths)}")
        return np.column_stack(arrays).astype(np.float32)

    @staticmethod
    def _columns(data):
        if hasattr(data, "columns") and hasattr(data, "to_numpy"):  # pandas DataFrame
            return {name: data[name].to_numpy() for name in data.columns}
        if isinstance(data, np.ndarray) and data.dtype.names is not None:  # structured array
            return {name: data[name] for name in data.dtype.names}
        if isinstance(data, dict):
            return dict(data)
        raise TypeError(f"cannot score a {type(data).__name__}; pass a dict, a pandas DataFrame or a numpy array")


# ---------------------------------------------------------------- database publications

PULL_QUERY = """
SELECT c.version, c.manifest_sha256, a.path, a.sha256, a.content
  FROM workbench_model_current c
  JOIN workbench_model_artifacts a ON a.model_name = c.model_name AND a.version = c.version
 WHERE c.model_name = $1
"""


def write_pulled_bundle(rows, root, name):
    """Writes the rows of PULL_QUERY (version, manifest_sha256, path, sha256, content) as ROOT/NAME/vN and
    ROOT/NAME/current.json, so PublishedModel(root, name) loads and verifies them as any published bundle.

    Each file's SHA-256 is checked on the way in; the bundle folder appears by rename, then current.json
    by os.replace. Returns the version. Raises BundleError for an empty or inconsistent result."""
    rows = [tuple(row) for row in rows]
    if not rows:
        raise BundleError(f"the database has no current publication of {name}")
    versions = {(int(row[0]), row[1]) for row in rows}
    if len(versions) != 1:
        raise BundleError(f"the pulled rows mix versions {sorted(versions)}")
    (version, manifest_sha256), = versions
    folder = os.path.join(root, name)
    os.makedirs(folder, mode=0o755, exist_ok=True)
    target = os.path.join(folder, f"v{version}")
    if not os.path.isdir(target):
        staging = os.path.join(folder, f".v{version}.tmp-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(staging, mode=0o755)
        for _, _, path, sha256, content in rows:
            content = bytes(content)
            if "/" in path or path.startswith(".") or _sha256(content) != sha256:
                shutil.rmtree(staging, ignore_errors=True)
                raise BundleError(f"pulled file {path!r} of {name}@v{version} is unsafe or fails its SHA-256")
            with open(os.path.join(staging, path), "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
        os.rename(staging, target)
    pointer = {"name": name, "version": version, "path": f"v{version}", "manifest_sha256": manifest_sha256,
               "published_utc": ""}
    temporary = os.path.join(folder, f".current.json.tmp-{os.getpid()}")
    with open(temporary, "w", encoding="utf-8") as stream:
        json.dump(pointer, stream)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, os.path.join(folder, "current.json"))
    return version
