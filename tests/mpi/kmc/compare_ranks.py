#!/usr/bin/python3
"""Rank-count independence of `ionhop run`: the same input under `mpiexec -n 1` and `mpiexec -n 2`
must give bitwise identical HDF5 results (every dataset, every attribute except n_ranks and the
wall-clock time). Usage: compare_ranks.py MPIEXEC IONHOP INPUT"""
import os
import subprocess
import sys
import tempfile

import h5py

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from h5_bitwise import compare  # noqa: E402

IGNORED_ATTRS = {"n_ranks", "wall_seconds"}


def run(mpiexec, ionhop, inp, n, out):
    cmd = [mpiexec, "-n", str(n)] + (["--oversubscribe"] if n > 1 else []) + [ionhop, "run", inp, "-q", "-o", out]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)}: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r.stdout


def main():
    mpiexec, ionhop, inp = sys.argv[1:4]
    if os.geteuid() == 0:
        os.environ.setdefault("OMPI_ALLOW_RUN_AS_ROOT", "1")
        os.environ.setdefault("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
    with tempfile.TemporaryDirectory() as d:
        o1, o2 = os.path.join(d, "n1"), os.path.join(d, "n2")
        s1 = run(mpiexec, ionhop, inp, 1, o1)
        s2 = run(mpiexec, ionhop, inp, 2, o2)
        with h5py.File(os.path.join(o1, "ranks.h5"), "r") as f1, h5py.File(os.path.join(o2, "ranks.h5"), "r") as f2:
            assert f1.attrs["n_ranks"] == 1 and f2.attrs["n_ranks"] == 2
            assert f2["temperatures/000/replica_events"].shape == (5,)
            assert f1["results/T_K"].shape == f2["results/T_K"].shape
            if "dopants" in open(inp).read():
                assert f2["temperatures/000/dopant_hops/replica_hops_near"].shape == (5,)
            diffs, n = compare(f1, f2, IGNORED_ATTRS, "the 2-rank run")
        if diffs:
            sys.exit("FAIL: differ between 1 and 2 ranks:\n  " + "\n  ".join(diffs))
        if s1 != s2:
            sys.exit(f"FAIL: printed tables differ:\n{s1}\n{s2}")
        print(f"ok: {n} datasets and attributes bitwise identical for 1 and 2 ranks")


if __name__ == "__main__":
    main()
