"""Reference loader for Workbench model files: h5py + numpy only.

Loads a model file (or a registry reference such as ``cpu@production``),
verifies its format version and every checksum, scores rows exactly as the
Swift code does, and replays the golden self-test vectors stored in the file.
The format is documented in docs/model-format.md: format 3 (level-order trees,
read as plain numpy arrays and walked with a per-tree split rank) and format 2.

    import workbench_model as wm
    model = wm.load("models/cpu/v3.h5")                 # or wm.load("cpu@production", registry="models")
    outputs = model.predict(X)                          # dict of output columns, as `workbench predict`
    outputs = model.predict_columns(columns)            # raw named columns; applies the stored feature spec
    model.selftest()                                    # raises ModelFileError on a mismatch

Command line (prints a CSV like `workbench predict`):

    python3 workbench_model.py MODEL_OR_REF [--registry DIR] [--data CSV] [--output CSV] [--selftest]

Scoring semantics (identical to Swift):
- a model trained with ``--feature-spec`` stores the spec in its metadata (``feature_spec``);
  ``predict_columns`` applies it with ``workbench_features.apply`` (same module as the
  collector) and then picks the model's features by name, as ``workbench predict`` does;
- inputs are cast to float32 first; axis-parallel nodes send x left iff
  ``x <= threshold`` (float32 vs float32); NaN follows ``missing_go_to_left``;
- hyperplane nodes (extended isolation forest) send x left iff
  ``sum_f float64(x_f) * float64(normal_f) <= intercept``, summed from 0.0 over
  the features with a non-zero component in ascending order; a NaN sum follows
  ``missing_go_to_left``;
- random forest probabilities and means: the sum over trees of the leaf values,
  in tree order from 0.0, divided by the number of trees;
- isolation scores: ``2 ** -(sum_t h_t(x) / (T * c(psi)))`` with
  ``h_t = depth(leaf) + c(n_node_samples[leaf])`` and
  ``c(n) = 2 (ln(n - 1) + euler_gamma) - 2 (n - 1) / n`` (0 for n <= 1, 1 for n = 2);
- threshold levels (metadata ``thresholds``): a row reaches a level iff
  ``score >= value``; ``is_anomaly`` is 1 iff the row reaches an ``alert`` level
  (``purpose`` absent or ``alert``) on ``anomaly_score``; ``level`` names the
  highest-valued alert level it reaches.
"""

import argparse
import concurrent.futures
import csv
import hashlib
import json
import math
import os
import re
import sys

import h5py
import numpy as np

try:
    import workbench_features as wf
except ImportError:  # only models trained with a feature spec need it
    wf = None

FORMAT = "workbench-model"
SUPPORTED_MAJORS = (2, 3)
EULER_GAMMA = 0.577215664901532860606512090082402431042


class ModelFileError(Exception):
    """The file is not a readable, intact Workbench model file."""


# ---------------------------------------------------------------- checksums

def array_sha256(values):
    """SHA-256 of a dataset as the format defines it: little-endian C-order bytes;
    text as each string's UTF-8 bytes followed by one NUL."""
    if values.dtype.kind in "OSU":
        strings = [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in values.reshape(-1)]
        return hashlib.sha256(b"".join(s.encode("utf-8") + b"\0" for s in strings)).hexdigest()
    little = np.ascontiguousarray(values, dtype=values.dtype.newbyteorder("<"))
    return hashlib.sha256(memoryview(little).cast("B")).hexdigest()


def attribute_sha256(value):
    """SHA-256 of a scalar attribute: UTF-8 text, integers as int64, floats as float64 (little-endian)."""
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, str):
        return hashlib.sha256(value.encode("utf-8")).hexdigest()
    kind = np.asarray(value).dtype.kind
    if kind in "iu":
        return hashlib.sha256(np.array(value, dtype="<i8").tobytes()).hexdigest()
    if kind == "f":
        return hashlib.sha256(np.array(value, dtype="<f8").tobytes()).hexdigest()
    raise ModelFileError(f"attribute value {value!r} has an unsupported type")


def _read_dataset(dataset):
    if h5py.check_string_dtype(dataset.dtype) is not None:
        return np.array(dataset.asstr()[()], dtype=object).reshape(dataset.shape)
    return dataset[()]


def verify_and_read(handle, path):
    """Checks every dataset against its sha256 attribute and the root content_sha256;
    returns (arrays by path, attributes by 'path@name').

    Each dataset is hashed on a second thread while the next one is read (hashlib releases the
    GIL), straight from the array's memory."""
    arrays, attributes, entries = {}, {}, []
    hashing = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    pending = []

    def collect_attributes(obj, is_dataset):
        for name, value in obj.attrs.items():
            if is_dataset and name == "sha256":
                continue
            key = f"{obj.name}@{name}"
            attributes[key] = value.decode("utf-8") if isinstance(value, bytes) else value
            if key != "/@content_sha256":
                entries.append((key, attribute_sha256(value)))

    def visit(name, obj):
        if isinstance(obj, h5py.Group):
            collect_attributes(obj, False)
        elif isinstance(obj, h5py.Dataset):
            values = _read_dataset(obj)
            pending.append((obj.name, obj.attrs.get("sha256"), hashing.submit(array_sha256, values)))
            arrays[obj.name] = values
            collect_attributes(obj, True)
        else:
            raise ModelFileError(f"{path}: {obj.name} is neither a group nor a dataset")

    collect_attributes(handle, False)
    try:
        handle.visititems(visit)
        for name, recorded, digest in pending:
            computed = digest.result()
            if recorded != computed:
                raise ModelFileError(f"{path}: dataset {name} fails its checksum "
                                     f"(recorded {recorded}, computed {computed})")
            entries.append((name, computed))
    finally:
        hashing.shutdown(cancel_futures=True)
    content = content_sha256(entries)
    if attributes.get("/@content_sha256") != content:
        raise ModelFileError(f"{path}: content_sha256 does not match (recorded "
                             f"{attributes.get('/@content_sha256')}, computed {content})")
    return arrays, attributes


def content_sha256(entries):
    """The root checksum over (path, sha256) of every dataset and attribute: one `path<TAB>hash` line
    each, sorted by the path's UTF-8 bytes."""
    lines = "".join(f"{p}\t{h}\n" for p, h in sorted(entries, key=lambda e: e[0].encode("utf-8")))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def seal(handle):
    """Recomputes every dataset's `sha256` and the root `content_sha256` of a file open for writing:
    for tools that rewrite model files (format converters, tests that damage a value on purpose)."""
    entries = []

    def attributes(obj, is_dataset):
        for name, value in obj.attrs.items():
            if (is_dataset and name == "sha256") or (obj.name == "/" and name == "content_sha256"):
                continue
            entries.append((f"{obj.name}@{name}", attribute_sha256(value)))

    def visit(_, obj):
        if isinstance(obj, h5py.Dataset):
            digest = array_sha256(_read_dataset(obj))
            obj.attrs["sha256"] = digest
            entries.append((obj.name, digest))
            attributes(obj, True)
        else:
            attributes(obj, False)

    attributes(handle, False)
    handle.visititems(visit)
    handle.attrs["content_sha256"] = content_sha256(entries)


# ---------------------------------------------------------------- tree walking

def average_path_length(n):
    """c(n) of Liu, Ting & Zhou (2008), as Swift's IsolationPathLength.average (same libm log)."""
    if n <= 1:
        return 0.0
    if n == 2:
        return 1.0
    n = float(n)
    return 2.0 * (math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n


def _depths(left, right):
    """Edges from the root of each node of one tree (tree-local children, which follow their
    parent, so the levels below the root end), one level at a time."""
    depths = np.zeros(len(left), dtype=np.int64)
    level, depth = np.zeros(1, dtype=np.int64), 0
    while level.size:
        split = level[left[level] >= 0]
        level = np.concatenate([left[split], right[split]])
        depth += 1
        depths[level] = depth
    return depths


class _ChildTree:
    """One tree stored with tree-local children per node (format 2, hyperplane trees)."""

    def __init__(self, forest, start, end, leaf_row):
        self.start = start
        self.left, self.right = forest["children_left"][start:end], forest["children_right"][start:end]
        self._forest, self._leaf_row = forest, leaf_row[start:end]
        self.samples = forest["n_node_samples"][start:end] if "n_node_samples" in forest else None

    def split(self, nodes):
        return self.left[nodes] >= 0

    def child(self, nodes, goes_left):
        return np.where(goes_left, self.left[nodes], self.right[nodes])

    def feature(self, nodes):
        return self._forest["feature"][self.start + nodes]

    def threshold(self, nodes):
        return self._forest["threshold"][self.start + nodes]

    def missing(self, nodes):
        return self._forest["missing_go_to_left"][self.start + nodes] != 0

    def leaf_row(self, nodes):
        return self._leaf_row[nodes]


class _LevelOrderTree:
    """One tree stored in level order (format 3): the k-th split has children 2k+1 and 2k+2;
    split k is row first_split + k of threshold (and bit of missing_go_to_left), and the j-th
    leaf row first_leaf + j of leaf_values. Only the per-node split rank is computed."""

    def __init__(self, forest, t, start, end):
        self.start = start
        self._forest, self._feature = forest, forest["feature"][start:end]
        self._rank = np.cumsum(self._feature >= 0, dtype=np.int64) - 1
        self._first_split, self._first_leaf = (start - t) // 2, (start + t) // 2
        self.samples = forest["n_node_samples"][start:end] if "n_node_samples" in forest else None

    def split(self, nodes):
        return self._feature[nodes] >= 0

    def child(self, nodes, goes_left):
        return 2 * self._rank[nodes] + np.where(goes_left, 1, 2)

    def feature(self, nodes):
        return self._feature[nodes]

    def threshold(self, nodes):
        return self._forest["threshold"][self._first_split + self._rank[nodes]]

    def missing(self, nodes):
        bit = self._first_split + self._rank[nodes]
        return (self._forest["missing_go_to_left"][bit >> 3] >> (bit & 7)) & 1 != 0

    def leaf_row(self, nodes):
        return self._first_leaf + nodes - (self._rank[nodes] + 1)


def _walk(tree, X, go_left):
    """Tree-local leaf node reached by every row of X in `tree` (`WorkbenchModel.tree`).

    `go_left(tree, nodes, rows)` decides, for split `nodes` reached by `rows`, which go left;
    only rows not yet at a leaf are carried to the next level.
    """
    local = np.zeros(X.shape[0], dtype=np.int64)
    rows = np.arange(X.shape[0])
    while rows.size:
        nodes = local[rows]
        internal = tree.split(nodes)
        rows, nodes = rows[internal], nodes[internal]
        if not rows.size:
            break
        local[rows] = tree.child(nodes, go_left(tree, nodes, rows))
    return local


def _axis_go_left(X):
    def decide(tree, nodes, rows):
        x = X[rows, tree.feature(nodes)]
        with np.errstate(invalid="ignore"):
            return np.where(np.isnan(x), tree.missing(nodes), x <= tree.threshold(nodes))
    return decide


def _hyperplane_go_left(forest, X):
    X64 = X.astype(np.float64)
    normals = forest["normal"]
    # Per node, its non-zero components in ascending feature order, padded with zeros:
    # adding a padded 0.0 leaves the running sum unchanged, so the sum is Swift's.
    width = max(1, int((normals != 0).sum(axis=1).max()))
    order = np.argsort(normals == 0, axis=1, kind="stable")[:, :width]
    components = np.take_along_axis(normals, order, axis=1).astype(np.float64)

    def decide(tree, nodes, rows):
        glob = tree.start + nodes
        index, weight = order[glob], components[glob]
        total = np.zeros(rows.size)
        with np.errstate(invalid="ignore"):
            for j in range(width):
                term = X64[rows, index[:, j]] * weight[:, j]
                total = total + np.where(weight[:, j] != 0, term, 0.0)
            return np.where(np.isnan(total), forest["missing_go_to_left"][glob] != 0,
                            total <= forest["intercept"][glob])
    return decide


# ---------------------------------------------------------------- model

class WorkbenchModel:
    """A verified model file: metadata, arrays, and scoring identical to Swift."""

    def __init__(self, path, arrays, attributes):
        self.path = path
        self.arrays = arrays
        self.attributes = attributes
        self.algorithm = attributes["/@algorithm"]
        self.metadata = json.loads(attributes["/@metadata_json"])
        self.feature_names = [str(n) for n in arrays["/features/names"]]
        self.content_sha256 = attributes["/@content_sha256"]
        self.forest = {k.split("/")[-1]: v for k, v in arrays.items() if k.startswith("/forest/")}
        self.n_trees = int(attributes["/forest@n_trees"])
        self.feature_spec = self.metadata.get("feature_spec")
        # Format 3 stores axis-parallel trees in level order (no child arrays); format 2, and
        # hyperplane trees in both, store tree-local children per node.
        self.level_order = "children_left" not in self.forest
        self._offsets = self.forest["tree_offsets"].astype(np.int64)
        if self.level_order:
            self._check_level_order()
        else:
            self._check_structure()
            self._leaf_row = np.cumsum(self.forest["children_left"] == -1) - 1

    def _check_offsets(self, n):
        offsets = self._offsets
        if len(offsets) != self.n_trees + 1 or offsets[0] != 0 or offsets[-1] != n or np.any(np.diff(offsets) <= 0):
            raise ModelFileError(f"{self.path}: tree_offsets are inconsistent")

    def _check_counts(self, counts):
        for name, actual in counts.items():
            key = f"/forest@{name}"
            if key in self.attributes and int(self.attributes[key]) != actual:
                raise ModelFileError(f"{self.path}: {key} is {self.attributes[key]}; the arrays hold {actual}")

    def _check_level_order(self):
        """Format 3: every tree has 2 s + 1 nodes, its k-th split at a position <= 2k (before its
        children 2k+1, 2k+2), features in -1 .. F-1, no NaN threshold, arrays of matching lengths."""
        forest, n_features = self.forest, len(self.feature_names)
        feature, threshold = forest["feature"], forest["threshold"]
        n, splits = len(feature), len(threshold)
        self._check_offsets(n)
        sizes = np.diff(self._offsets)
        if np.any(sizes % 2 == 0) or splits != (n - self.n_trees) // 2:
            raise ModelFileError(f"{self.path}: a tree's node count is not 2 * splits + 1")
        if len(forest["missing_go_to_left"]) != (splits + 7) // 8:
            raise ModelFileError(f"{self.path}: missing_go_to_left does not hold one bit per split")
        leaves = n - splits
        self._check_counts({"n_nodes": n, "n_leaves": leaves})
        if "leaf_values" in forest and forest["leaf_values"].shape[0] != leaves:
            raise ModelFileError(f"{self.path}: leaf_values has {forest['leaf_values'].shape[0]} rows for {leaves} leaves")
        if feature.size and (int(feature.min()) < -1 or int(feature.max()) >= n_features):
            raise ModelFileError(f"{self.path}: a split feature is outside 0..{n_features - 1}")
        if np.isnan(threshold).any():
            raise ModelFileError(f"{self.path}: a split threshold is NaN")
        samples = forest.get("n_node_samples")
        if samples is not None and (len(samples) != n or np.any(samples < 0)):
            raise ModelFileError(f"{self.path}: n_node_samples are negative or not one per node")
        for t in range(self.n_trees):
            start, end = int(self._offsets[t]), int(self._offsets[t + 1])
            positions = np.flatnonzero(feature[start:end] >= 0)
            count = positions.size
            if count != (end - start - 1) // 2 or np.any(positions > 2 * np.arange(count)):
                raise ModelFileError(f"{self.path}: tree {t} is not a level-order tree (a split after its children)")
            if samples is not None and count:
                local = samples[start:end].astype(np.int64)
                children = local[2 * np.arange(count) + 1] + local[2 * np.arange(count) + 2]
                if np.any(children != local[positions]):
                    raise ModelFileError(f"{self.path}: n_node_samples do not add up over children in tree {t}")

    def _check_structure(self):
        forest, n_features = self.forest, len(self.feature_names)
        offsets = self._offsets
        n = len(forest["children_left"])
        self._check_offsets(n)
        sizes = np.repeat(np.diff(offsets), np.diff(offsets))
        local = np.arange(n) - np.repeat(offsets[:-1], np.diff(offsets))
        for name in ("children_left", "children_right"):
            child = forest[name]
            leaf_or_ok = (child == -1) | ((child > local) & (child < sizes))
            if not leaf_or_ok.all():
                raise ModelFileError(f"{self.path}: {name} points outside its tree")
        if np.any((forest["children_left"] == -1) != (forest["children_right"] == -1)):
            raise ModelFileError(f"{self.path}: a node has exactly one child")
        self._check_counts({"n_nodes": n, "n_leaves": int((forest["children_left"] == -1).sum())})
        samples = forest["n_node_samples"].astype(np.int64)
        internal = np.nonzero(forest["children_left"] >= 0)[0]
        base = np.repeat(offsets[:-1], np.diff(offsets))[internal]
        children = samples[base + forest["children_left"][internal]] + samples[base + forest["children_right"][internal]]
        if np.any(samples < 0) or np.any(children != samples[internal]):
            raise ModelFileError(f"{self.path}: n_node_samples are negative or do not add up over children")
        if "feature" in forest:
            internal = forest["children_left"] >= 0
            feature = forest["feature"][internal]
            if np.any((feature < 0) | (feature >= n_features)):
                raise ModelFileError(f"{self.path}: a split feature is outside 0..{n_features - 1}")

    def tree(self, t):
        """Tree t, walked with tree-local node ids (see _walk)."""
        start, end = int(self._offsets[t]), int(self._offsets[t + 1])
        if self.level_order:
            return _LevelOrderTree(self.forest, t, start, end)
        return _ChildTree(self.forest, start, end, self._leaf_row)

    # ---- outputs

    def output_names(self, interval=None):
        if self.algorithm == "random-forest-classifier":
            return ["prediction"] + [f"probability_{c}" for c in self.classes()]
        if self.algorithm == "random-forest-regressor":
            return ["prediction", "prediction_std"] + (["prediction_low", "prediction_high"] if interval else [])
        return ["anomaly_score", "is_anomaly", "level"]

    def alert_levels(self):
        """The metadata's alert levels on anomaly_score, lowest value first (rule: score >= value)."""
        levels = [t for t in self.metadata.get("thresholds", [])
                  if t.get("purpose", "alert") == "alert" and t.get("direction", "above") == "above"
                  and t.get("score") == "anomaly_score"]
        return sorted(levels, key=lambda t: float(t["value"]))

    def classes(self):
        return [str(c) for c in self.arrays["/classifier/classes"]]

    def _decider(self, X):
        return _hyperplane_go_left(self.forest, X) if "normal" in self.forest else _axis_go_left(X)

    def _leaf_sums(self, X, values_of_leaf):
        """Sum over trees, in tree order from 0.0, of values_of_leaf(tree view, its local leaf nodes)."""
        decide = self._decider(X)
        total = None
        for t in range(self.n_trees):
            tree = self.tree(t)
            value = values_of_leaf(tree, _walk(tree, X, decide))
            total = value.astype(np.float64) if total is None else total + value
        return total

    def anomaly_scores(self, X):
        """s(x, psi) per row. Isolation Forest leaves store h; hyperplane trees derive it from depth and size."""
        forest = self.forest
        if "leaf_values" in forest:
            values = forest["leaf_values"][:, 0]
            sums = self._leaf_sums(X, lambda tree, leaves: values[tree.leaf_row(leaves)])
        else:
            cache = {}

            def path_lengths(tree, leaves):
                depths = _depths(tree.left, tree.right)[leaves].astype(np.float64)
                counts, index = np.unique(tree.samples[leaves], return_inverse=True)
                for n in counts.tolist():
                    if n not in cache:
                        cache[n] = average_path_length(n)
                return depths + np.array([cache[n] for n in counts.tolist()], dtype=np.float64)[index.reshape(-1)]
            sums = self._leaf_sums(X, path_lengths)
        denominator = float(self.n_trees) * average_path_length(int(self.attributes["/forest@sample_size"]))
        if denominator == 0:
            return np.full(X.shape[0], 0.5)
        return np.array([math.pow(2.0, -(s / denominator)) for s in sums])

    def probabilities(self, X):
        """Class probabilities: the sum of leaf class fractions over the trees, times 1/n_trees."""
        values = self.forest["leaf_values"]
        return self._leaf_sums(X, lambda tree, leaves: values[tree.leaf_row(leaves)]) * (1.0 / float(self.n_trees))

    def features_from(self, columns):
        """The model's feature matrix (float32, model column order) from raw named columns
        ({name: numpy array or list of str/None}): the stored feature spec's outputs when the
        model has one, else the columns themselves."""
        if self.feature_spec is not None:
            if wf is None:
                raise ModelFileError(f"{self.path} stores a feature spec; workbench_features.py must be importable")
            names, matrix = wf.apply(self.feature_spec, columns)
            columns = dict(zip(names, matrix.T))
        missing = [name for name in self.feature_names if name not in columns]
        if missing:
            raise ValueError(f"the data lacks the model's features {missing[:5]}")
        return np.column_stack([np.asarray(columns[name], dtype=np.float64) for name in self.feature_names]
                               ).astype(np.float32)

    def predict_columns(self, columns, interval=None):
        """`predict` on raw named columns (applies the stored feature spec first)."""
        return self.predict(self.features_from(columns), interval=interval)

    def predict(self, X, interval=None):
        """The output columns `workbench predict` writes, as a dict of numpy arrays.

        interval (regressors, in (0, 1)): also prediction_low and prediction_high, the (1 - interval) / 2 and
        (1 + interval) / 2 quantiles of the trees' predictions (numpy's default linear quantile), as
        `workbench predict --interval`."""
        X = np.asarray(X, dtype=np.float32)
        if X.ndim != 2 or X.shape[1] != len(self.feature_names):
            raise ValueError(f"model expects {len(self.feature_names)} features; got shape {X.shape}")
        if self.algorithm in ("isolation-forest", "extended-isolation-forest"):
            scores = self.anomaly_scores(X)
            level = np.full(scores.shape[0], "", dtype=object)
            for threshold in self.alert_levels():
                level[scores >= threshold["value"]] = str(threshold["name"])
            return {"anomaly_score": scores, "is_anomaly": (level != "").astype(np.int64), "level": level}
        if self.algorithm == "random-forest-classifier":
            proba = self.probabilities(X)
            classes = self.classes()
            out = {"prediction": np.array([classes[i] for i in np.argmax(proba, axis=1)], dtype=object)}
            for k, name in enumerate(classes):
                out[f"probability_{name}"] = proba[:, k]
            return out
        if self.algorithm == "random-forest-regressor":
            out = self._regression(X)
            if interval is not None:
                if not 0.0 < interval < 1.0:
                    raise ValueError(f"interval must be in (0, 1); got {interval}")
                low, high = self.tree_quantiles(X, [(1.0 - interval) / 2.0, (1.0 + interval) / 2.0])
                out["prediction_low"], out["prediction_high"] = low, high
            return out
        if interval is not None:
            raise ValueError(f"interval applies only to regressors; the model is {self.algorithm}")
        raise ModelFileError(f"{self.path}: unknown algorithm {self.algorithm!r}")

    def _tree_values(self, X):
        """Per tree, in tree order, the regressor leaf value every row of X reaches."""
        values, decide = self.forest["leaf_values"][:, 0], _axis_go_left(X)
        for t in range(self.n_trees):
            tree = self.tree(t)
            yield values[tree.leaf_row(_walk(tree, X, decide))]

    def _regression(self, X):
        """Mean over trees (sum / n_trees) and population standard deviation, the latter from
        sums shifted by the first tree's value, as Swift computes them."""
        first = None
        total = shifted = squares = 0.0
        for value in self._tree_values(X):
            if first is None:
                first = value
            total = total + value
            delta = value - first
            shifted = shifted + delta
            squares = squares + delta * delta
        trees = float(self.n_trees)
        variance = (squares - shifted * shifted / trees) / trees
        return {"prediction": total / trees, "prediction_std": np.sqrt(np.maximum(variance, 0.0))}

    def tree_quantiles(self, X, levels):
        """Per row, the `levels` quantiles of the trees' predictions (one array per level)."""
        per_tree = np.stack(list(self._tree_values(X)))
        return np.quantile(per_tree.astype(np.float64), levels, axis=0)

    def selftest_outputs(self, X):
        """The self-test columns (see /selftest/outputs) for rows X."""
        X = np.asarray(X, dtype=np.float32)
        if self.algorithm == "random-forest-classifier":
            return self.probabilities(X)
        out = self.predict(X)
        names = [str(n) for n in self.arrays["/selftest/outputs"]]
        return np.column_stack([np.asarray(out[n], dtype=np.float64) for n in names])

    def selftest(self):
        """Replays the golden vectors; returns the largest relative deviation, raises on a mismatch."""
        X = self.arrays["/selftest/inputs"]
        expected = self.arrays["/selftest/expected"]
        tolerance = float(self.attributes["/selftest@tolerance"])
        actual = self.selftest_outputs(X)
        if actual.shape != expected.shape:
            raise ModelFileError(f"{self.path}: self-test produced shape {actual.shape}; expected {expected.shape}")
        both_nan = np.isnan(actual) & np.isnan(expected)
        deviation = np.where(both_nan, 0.0, np.abs(actual - expected) / np.maximum(1.0, np.abs(expected)))
        worst = float(np.max(deviation)) if deviation.size else 0.0
        if not worst <= tolerance:
            row = int(np.argmax(deviation)) // expected.shape[1]
            raise ModelFileError(f"{self.path}: self-test fails at row {row}: deviation {worst} > {tolerance}")
        return worst


# ---------------------------------------------------------------- loading

def load(path_or_reference, registry=None):
    """Loads and verifies a model file, or a registry reference NAME[@vN|@ALIAS|@latest]."""
    path = path_or_reference
    expected_sha = None
    if not os.path.isfile(path):
        path, expected_sha = resolve(path_or_reference, registry or os.environ.get("WORKBENCH_REGISTRY", "models"))
    if expected_sha is not None:
        digest = hashlib.sha256()
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected_sha:
            raise ModelFileError(f"{path}: file SHA-256 {digest.hexdigest()} differs from the registry's {expected_sha}")
    try:
        with h5py.File(path, "r", locking=False) as handle:
            if handle.attrs.get("format") != FORMAT:
                raise ModelFileError(f"{path} is not a Workbench model file")
            major = int(handle.attrs.get("format_version_major", -1))
            if major not in SUPPORTED_MAJORS:
                raise ModelFileError(f"{path} has format version {major}; this loader reads "
                                     f"{' and '.join(map(str, SUPPORTED_MAJORS))}")
            arrays, attributes = verify_and_read(handle, path)
        return WorkbenchModel(path, arrays, attributes)
    except ModelFileError:
        raise
    except (OSError, RuntimeError, KeyError, ValueError, TypeError, IndexError) as error:
        raise ModelFileError(f"{path} is damaged or incomplete: {error}") from error


NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")


def resolve(reference, registry):
    """The file and recorded SHA-256 a registry reference selects (index.json, no lock needed).

    Names and aliases must match [a-z0-9][a-z0-9._-]* (at most 100 characters), and the
    file must resolve inside the registry root, as in Swift.
    """
    name, _, selector = reference.partition("@")
    if not NAME_PATTERN.fullmatch(name) or (selector and not NAME_PATTERN.fullmatch(selector)):
        raise ModelFileError(f"{reference!r} is not NAME, NAME@vN or NAME@ALIAS with [a-z0-9][a-z0-9._-]* words")
    try:
        with open(os.path.join(registry, name, "index.json"), encoding="utf-8") as stream:
            index = json.load(stream)
        versions = {v["version"]: v for v in index["versions"]}
        if selector in ("", "latest"):
            number = max(versions)
        elif selector.lstrip("v").isdigit():
            number = int(selector.lstrip("v"))
        else:
            number = index["aliases"][selector]
        entry = versions[number]
    except (OSError, KeyError, ValueError) as error:
        raise ModelFileError(f"{reference} is not in the registry {registry}: {error!r}") from error
    path = os.path.join(registry, name, entry["file"])
    root = os.path.realpath(registry)
    if not os.path.realpath(path).startswith(root + os.sep):
        raise ModelFileError(f"{path} resolves outside the registry {registry}; refusing it")
    return path, entry["file_sha256"]


def read_csv_features(path, names):
    """The named columns of a CSV file as float32 (empty cells and 'nan' are NaN)."""
    with open(path, newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        missing = [n for n in names if n not in header]
        if missing:
            raise ValueError(f"{path} lacks feature columns {missing}")
        cells = np.array([row for row in reader], dtype=str).reshape(-1, len(header))
    chosen = cells[:, [header.index(n) for n in names]]
    chosen[np.char.strip(chosen) == ""] = "nan"
    return chosen.astype(np.float64).astype(np.float32)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", help="model file or registry reference NAME[@vN|@ALIAS]")
    parser.add_argument("--registry", help="registry root (default $WORKBENCH_REGISTRY or ./models)")
    parser.add_argument("--data", help="CSV with the model's feature columns (raw columns for a model with a feature spec)")
    parser.add_argument("--output", help="CSV to write (default stdout)")
    parser.add_argument("--selftest", action="store_true", help="replay the golden vectors and report")
    parser.add_argument("--interval", type=float,
                        help="regressors: add prediction_low/prediction_high bounding this central share of the trees")
    args = parser.parse_args(argv)
    try:
        model = load(args.model, args.registry)
        if args.selftest:
            print(f"self-test ok: {model.algorithm}, max relative deviation {model.selftest():.3g}")
        if args.data:
            if model.feature_spec is not None:
                outputs = model.predict_columns(wf.read_csv(args.data), interval=args.interval)
            else:
                outputs = model.predict(read_csv_features(args.data, model.feature_names), interval=args.interval)
            names = model.output_names(args.interval)
            stream = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(names)
            for i in range(len(outputs[names[0]])):
                writer.writerow([repr(float(outputs[n][i])) if isinstance(outputs[n][i], float)
                                 or np.issubdtype(type(outputs[n][i]), np.floating) else outputs[n][i]
                                 for n in names])
            if args.output:
                stream.close()
    except (ModelFileError, OSError, KeyError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 65
    return 0


if __name__ == "__main__":
    sys.exit(main())
