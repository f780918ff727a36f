"""Test helper: damages one value of a model file and re-seals every checksum, so only
the structural checks of a loader stand between the damage and a crash.

    python3 reseal_model.py FILE PATH INDEX VALUE      # dataset element: PATH = /forest/feature
    python3 reseal_model.py FILE PATH@ATTRIBUTE - VALUE  # scalar attribute: PATH@ATTRIBUTE = /forest@n_trees
"""
import hashlib
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "interop", "python"))
import workbench_model as wm  # noqa: E402


def reseal(handle):
    entries = []

    def attributes(obj, is_dataset):
        for name, value in obj.attrs.items():
            if (is_dataset and name == "sha256") or (obj.name == "/" and name == "content_sha256"):
                continue
            entries.append((f"{obj.name}@{name}", wm.attribute_sha256(value)))

    def visit(_, obj):
        if isinstance(obj, h5py.Dataset):
            digest = wm.array_sha256(wm._read_dataset(obj))
            obj.attrs["sha256"] = digest
            entries.append((obj.name, digest))
            attributes(obj, True)
        else:
            attributes(obj, False)

    attributes(handle, False)
    handle.visititems(visit)
    lines = "".join(f"{p}\t{h}\n" for p, h in sorted(entries, key=lambda e: e[0].encode("utf-8")))
    handle.attrs["content_sha256"] = hashlib.sha256(lines.encode("utf-8")).hexdigest()


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
        reseal(handle)


if __name__ == "__main__":
    main(*sys.argv[1:5])
