#!/usr/bin/python3
"""Thread-count independence (issue: Kokkos OpenMP backend). Each mode runs the same job with
OMP_NUM_THREADS = 1, 2 and 4 and compares the results with the 1-thread run, which follows the
Serial backend's order (one thread walks the index range in order):

  compare_threads.py kmc IONHOP INPUT.toml      `ionhop run`: every HDF5 dataset and attribute
                                                bitwise (except threads and wall-clock times)
  compare_threads.py bvse IONHOP STRUCTURE ARGS  `ionhop bvse ... --json --model-out`: the report
                                                (but its timings), the model file, both grids bitwise
  compare_threads.py md MD_THREAD_DUMP          MD energy, virial and forces (DSF and Ewald) to
                                                1e-12 relative, positions after 20 steps to 1e-9 Å

The runs must report the thread count asked for, so that a build without threads cannot pass
unnoticed."""
import json
import os
import subprocess
import sys
import tempfile

import h5py

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from h5_bitwise import compare  # noqa: E402

THREADS = (1, 2, 4)


def env_for(n):
    e = dict(os.environ)
    # More threads than the 2 cores of a CI machine: spinning threads would starve each other.
    e.update(OMP_NUM_THREADS=str(n), KOKKOS_NUM_THREADS=str(n), OMP_WAIT_POLICY="passive",
             OMP_PROC_BIND="false")
    return e


def run(cmd, n):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env_for(n))
    if r.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} with {n} threads: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r.stdout


def kmc(ionhop, inp):
    with tempfile.TemporaryDirectory() as d:
        files = {}
        for n in THREADS:
            out = os.path.join(d, f"t{n}")
            run([ionhop, "run", inp, "-q", "-o", out], n)
            h5 = [f for f in os.listdir(out) if f.endswith(".h5")]
            files[n] = os.path.join(out, h5[0])
        with h5py.File(files[1], "r") as f1:
            for n in THREADS[1:]:
                with h5py.File(files[n], "r") as fn:
                    if fn.attrs["threads"] != n:
                        sys.exit(f"FAIL: asked for {n} threads, the run reports {fn.attrs['threads']} "
                                 f"({fn.attrs['kokkos_backend']})")
                    diffs, count = compare(f1, fn, {"threads", "wall_seconds"}, f"the {n}-thread run")
                    if diffs:
                        sys.exit(f"FAIL: 1 and {n} threads differ:\n  " + "\n  ".join(diffs))
        print(f"ok: {count} datasets and attributes bitwise identical at {', '.join(map(str, THREADS))} threads")


def drop_timings(o):
    """The report's wall-clock fields (`seconds`, `*_seconds`) are the only ones allowed to differ."""
    if isinstance(o, dict):
        return {k: drop_timings(v) for k, v in o.items() if not k.endswith("seconds")}
    if isinstance(o, list):
        return [drop_timings(v) for v in o]
    return o


def bvse(ionhop, structure, args):
    with tempfile.TemporaryDirectory() as d:
        outputs = {}
        for n in THREADS:
            prefix = os.path.join(d, f"t{n}", "bvse")
            os.makedirs(os.path.dirname(prefix))
            model = os.path.join(d, f"t{n}", "model.toml")
            report = run([ionhop, "bvse", structure, *args, "--json", "--output", prefix, "--model-out", model], n)
            files = [json.dumps(drop_timings(json.loads(report.replace(f"t{n}", "t"))), sort_keys=True)]
            for path in (model, prefix + "_energy.cube", prefix + "_radius.cube"):
                with open(path) as f:
                    files.append(f.read().replace(f"t{n}", "t"))
            outputs[n] = files
        names = ("JSON report", "model file", "energy cube", "radius cube")
        for n in THREADS[1:]:
            for name, a, b in zip(names, outputs[1], outputs[n]):
                if a != b:
                    sys.exit(f"FAIL: BVSE {name} differs between 1 and {n} threads")
        print(f"ok: BVSE report, model file and grids identical at {', '.join(map(str, THREADS))} threads")


def read_dump(path):
    vals, header = {}, None
    with open(path) as f:
        for line in f:
            w = line.split()
            if w[0] == "backend":
                header = (w[1], int(w[3]))
            elif len(w) == 5:
                vals[(w[0], int(w[1]))] = tuple(float(x) for x in w[2:])
            else:
                vals[(w[0], w[1])] = (float(w[2]),)
    return header, vals


def md(dump):
    with tempfile.TemporaryDirectory() as d:
        dumps = {}
        for n in THREADS:
            path = os.path.join(d, f"md{n}.txt")
            run([dump, path], n)
            header, vals = read_dump(path)
            if header[1] != n:
                sys.exit(f"FAIL: asked for {n} threads, the MD run reports {header}")
            dumps[n] = vals
    worst = {}
    ref = dumps[1]
    for n in THREADS[1:]:
        if set(dumps[n]) != set(ref):
            sys.exit(f"FAIL: the {n}-thread dump has other entries")
        for case in ("dsf", "ewald"):
            # Forces: relative to the largest force component of the system.
            fmax = max(abs(c) for k, v in ref.items() if k[0] == f"{case}_force" for c in v)
            checks = {"force": (f"{case}_force", fmax, 1e-12), "x20": (f"{case}_x20", 1.0, 1e-9)}
            for what, (tag, scale, tol) in checks.items():
                err = max(abs(a - b) for k, v in ref.items() if k[0] == tag for a, b in zip(v, dumps[n][k]))
                worst[(case, what, n)] = err / scale
                if err > tol * scale:
                    sys.exit(f"FAIL: {case} {what}: 1 vs {n} threads differ by {err:.3g} (> {tol} x {scale:.3g})")
            # Virial components relative to the largest one (off-diagonal ones are near zero).
            vmax = max(abs(v[0]) for k, v in ref.items() if k[0] == case and k[1].startswith("virial"))
            for k, v in ref.items():
                if k[0] == case:
                    scale = vmax if k[1].startswith("virial") else abs(v[0])
                    rel = abs(v[0] - dumps[n][k][0]) / max(scale, 1e-300)
                    worst[(case, k[1], n)] = rel
                    tol = 1e-9 if k[1] == "conserved_after_20" else 1e-12
                    if rel > tol:
                        sys.exit(f"FAIL: {case} {k[1]}: 1 vs {n} threads differ by {rel:.3g} relative (> {tol})")
    for k, v in sorted(worst.items()):
        print(f"  {k[0]:6s} {k[1]:20s} 1 vs {k[2]} threads: {v:.2e}")
    print("ok: MD energies, virials and forces within 1e-12 relative at 1, 2 and 4 threads")


def main():
    mode = sys.argv[1]
    if mode == "kmc":
        kmc(*sys.argv[2:4])
    elif mode == "bvse":
        bvse(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif mode == "md":
        md(sys.argv[2])
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
