"""Bitwise comparison of two ionhop HDF5 result files (every dataset and attribute, except those
named in `ignored`), shared by the rank-count and thread-count independence tests."""
import h5py
import numpy as np


def same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "OSU":
        return a.shape == b.shape and np.array_equal(a, b)
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def compare(f1, f2, ignored, other="the second run"):
    """Returns (list of differing names, number of items compared)."""
    diffs, count = [], [0]

    def attrs(name, o1, o2):
        for k in set(o1.attrs) | set(o2.attrs):
            if k in ignored:
                continue
            count[0] += 1
            if k not in o1.attrs or k not in o2.attrs or not same(o1.attrs[k], o2.attrs[k]):
                diffs.append(f"{name} @{k}")

    def visit(name, o1):
        o2 = f2.get(name)
        if o2 is None:
            diffs.append(f"{name} missing in {other}")
            return
        if isinstance(o1, h5py.Dataset):
            count[0] += 1
            if not same(o1[()], o2[()]):
                diffs.append(name)
        attrs(name, o1, o2)

    attrs("/", f1, f2)
    f1.visititems(visit)
    return diffs, count[0]
