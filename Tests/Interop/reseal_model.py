"""Test helper: damages one value of a model file and re-seals every checksum, so only
the structural checks of a loader stand between the damage and a crash.

    python3 reseal_model.py FILE PATH INDEX VALUE      # dataset element: PATH = /forest/feature
    python3 reseal_model.py FILE PATH@ATTRIBUTE - VALUE  # scalar attribute: PATH@ATTRIBUTE = /forest@n_trees
"""
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "interop", "python"))
import workbench_model as wm  # noqa: E402


def main(path, target, index, value):
    with h5py.File(path, "r+") as handle:
        if "@" in target:
            group, name = target.split("@")
            old = handle[group or "/"].attrs[name]
            handle[group or "/"].attrs[name] = np.asarray(value).astype(np.asarray(old).dtype)
        else:
            dataset = handle[target]
            data = dataset[()]
            data.reshape(-1)[int(index)] = np.asarray(value).astype(data.dtype)
            dataset[...] = data
        wm.seal(handle)


if __name__ == "__main__":
    main(*sys.argv[1:5])
