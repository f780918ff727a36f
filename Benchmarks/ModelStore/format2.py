"""Rewrites a format-3 model file of an axis-parallel forest in format 2, as Workbench wrote
model files before format 3 (per-node arrays in preorder with explicit children, chunked and
compressed with shuffle + deflate level 1), so one benchmark run can load the same model both ways.

    python3 Benchmarks/ModelStore/format2.py NEW.h5 OLD.h5

Random Forest files of format 3 do not store per-node sample counts; format 2 required them.
They are rebuilt as the number of leaves below each node, which is what Workbench stored for
full-depth regression trees (every leaf holds one distinct training row) and a valid count
otherwise. Needs h5py + numpy; the checksums are recomputed as interop/python/workbench_model.py does.
"""
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "interop", "python"))
import workbench_model as wm  # noqa: E402

CHUNK_BYTES = 1 << 16


def preorder(feature):
    """For one level-order tree: the preorder index of each level-order position, and the
    number of leaves below each position (level order: split k's children are 2k+1, 2k+2)."""
    n = len(feature)
    split = feature >= 0
    rank = np.cumsum(split) - 1
    levels, start, end = [], 0, 1
    while start < end:
        levels.append((start, end))
        splits = rank[start:end][split[start:end]]
        start, end = (2 * int(splits[0]) + 1, 2 * int(splits[-1]) + 3) if splits.size else (end, end)
    size = np.ones(n, dtype=np.int64)
    for start, end in reversed(levels):
        positions = np.arange(start, end)[split[start:end]]
        left = 2 * rank[positions] + 1
        size[positions] = 1 + size[left] + size[left + 1]
    order = np.zeros(n, dtype=np.int64)
    for start, end in levels:
        positions = np.arange(start, end)[split[start:end]]
        left = 2 * rank[positions] + 1
        order[left] = order[positions] + 1
        order[left + 1] = order[positions] + 1 + size[left]
    return order, (size + 1) // 2


def convert(source, target):
    with h5py.File(source, "r") as original, h5py.File(target, "w") as handle:
        for name, value in original.attrs.items():
            handle.attrs[name] = value
        for name in original:
            if name != "forest":
                original.copy(original[name], handle, name=name)
        forest = handle.create_group("forest")
        for name, value in original["forest"].attrs.items():
            forest.attrs[name] = value
        for name in original["forest"]:
            if name not in ("feature", "threshold", "missing_go_to_left", "leaf_values", "n_node_samples"):
                original.copy(original["forest"][name], forest, name=name)
        forest = original["forest"]
        offsets = forest["tree_offsets"][()]
        feature = forest["feature"][()].astype(np.int32)
        threshold, bits = forest["threshold"][()], forest["missing_go_to_left"][()]
        leaf_values = forest["leaf_values"][()] if "leaf_values" in forest else None
        stored_samples = forest["n_node_samples"][()] if "n_node_samples" in forest else None
        n = len(feature)
        out = {name: np.zeros(n, dtype=dtype) for name, dtype in [
            ("children_left", np.int32), ("children_right", np.int32), ("feature", np.int32),
            ("threshold", np.float32), ("missing_go_to_left", np.uint8), ("n_node_samples", np.int32)]}
        missing = np.unpackbits(bits, count=len(threshold), bitorder="little")
        leaves_out = np.zeros_like(leaf_values) if leaf_values is not None else None
        leaf_start = split_start = 0
        for t in range(len(offsets) - 1):
            start, end = int(offsets[t]), int(offsets[t + 1])
            f = feature[start:end]
            split = f >= 0
            order, below = preorder(f)
            rank = np.cumsum(split) - 1
            at = start + order
            positions = np.flatnonzero(split)
            out["children_left"][at] = -1
            out["children_right"][at] = -1
            out["children_left"][start + order[positions]] = order[2 * rank[positions] + 1]
            out["children_right"][start + order[positions]] = order[2 * rank[positions] + 2]
            out["feature"][at] = f
            count = positions.size
            out["threshold"][start + order[positions]] = threshold[split_start:split_start + count]
            out["missing_go_to_left"][start + order[positions]] = missing[split_start:split_start + count]
            samples = stored_samples[start:end] if stored_samples is not None else below
            out["n_node_samples"][at] = samples
            if leaves_out is not None:
                leaf_positions = np.flatnonzero(~split)
                leaf_rank = np.argsort(order[leaf_positions], kind="stable")
                leaves_out[leaf_start:leaf_start + leaf_positions.size] = \
                    leaf_values[leaf_start + leaf_rank]
            leaf_start += end - start - count
            split_start += count
        forest = handle["forest"]
        for name, values in list(out.items()) + ([("leaf_values", leaves_out)] if leaves_out is not None else []):
            if values.nbytes <= CHUNK_BYTES:  # format 2 compressed only arrays over 64 KiB
                forest.create_dataset(name, data=values)
                continue
            chunk = max(1, CHUNK_BYTES // values.dtype.itemsize // (values.shape[1] if values.ndim == 2 else 1))
            forest.create_dataset(name, data=values, chunks=(min(chunk, len(values)),) + values.shape[1:],
                                  shuffle=True, compression="gzip", compression_opts=1)
        handle.attrs["format_version_major"] = np.int64(2)
        handle.attrs["Conventions"] = "workbench-model-2.0"
        wm.seal(handle)


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
