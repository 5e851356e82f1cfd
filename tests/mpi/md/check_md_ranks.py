#!/usr/bin/env python3
"""`mpiexec -n N ionhop md` (issue 11) against the serial run of the same input.

  equal    1 process, then 2 and 4 ranks: the same files; thermo values, transport estimates,
           hop counts and trajectory positions agree to round-off (the runs differ only in the
           order of sums, which a chaotic trajectory amplifies: 1e-8 relative after 360 steps)
  restart  a 2-rank run stopped by SIGUSR1 continues on 1 rank, and a 1-rank checkpoint on 2
           ranks: both end as the uninterrupted run (to the same round-off)

  refused  a [parallel] grid that does not match the rank count, or more ranks than the box can
           take, stop before the first step with a message naming the file and the reason

usage: check_md_ranks.py equal|restart|refused MPIEXEC IONHOP REPO
"""
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

INPUT = """[structure]
file = "{repo}/structures/nasicon_Na3Zr2Si2PO12.cif"
supercell = [3, 3, 1]
[md]
potential = "{repo}/potentials/teter_du_buckingham.toml"
mobile = "Na"
cutoff = 7.0
temperature = 1200
steps = {steps}
equilibration_steps = 60
thermo_every = 20
sample_every = 5
blocks = 2
seed = 5
[output]
prefix = "m"
directory = "out"
xyz_every = 100
h5_every = 50
"""
REL = 1e-8


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def run(cmd, d, what):
    r = subprocess.run(cmd, cwd=d, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        fail(f"{what}: exit {r.returncode}\n{r.stderr[-3000:]}")
    return r


def close(a, b, what):
    if isinstance(a, dict):
        if sorted(a) != sorted(b):
            fail(f"{what}: keys {sorted(b)} instead of {sorted(a)}")
        for k in a:
            close(a[k], b[k], f"{what}.{k}")
    elif isinstance(a, list):
        if len(a) != len(b):
            fail(f"{what}: {len(b)} entries instead of {len(a)}")
        for i, (x, y) in enumerate(zip(a, b)):
            close(x, y, f"{what}[{i}]")
    elif isinstance(a, float):
        if not math.isclose(a, b, rel_tol=REL, abs_tol=1e-12):
            fail(f"{what}: {b} instead of {a}")
    elif a != b and not what.endswith(".input"):
        fail(f"{what}: {b!r} instead of {a!r}")


def same_results(ref, out, what):
    names = sorted(os.listdir(ref))
    if sorted(os.listdir(out)) != names:
        fail(f"{what}: files {sorted(os.listdir(out))}, expected {names}")
    close(json.load(open(os.path.join(ref, "m_md.json"))), json.load(open(os.path.join(out, "m_md.json"))), what + " m_md.json")
    a = np.loadtxt(os.path.join(ref, "m_thermo.csv"), delimiter=",", skiprows=1)
    b = np.loadtxt(os.path.join(out, "m_thermo.csv"), delimiter=",", skiprows=1)
    if a.shape != b.shape or not np.allclose(a, b, rtol=1e-7, atol=1e-6):
        fail(f"{what}: thermo table differs by up to {np.max(np.abs(a - b)) if a.shape == b.shape else a.shape}")
    with h5py.File(os.path.join(ref, "m_traj.h5"), "r") as f, h5py.File(os.path.join(out, "m_traj.h5"), "r") as g:
        pa, pb = f["positions"][()], g["positions"][()]
        if pa.shape != pb.shape or np.max(np.abs(pa - pb)) > 1e-6:
            fail(f"{what}: HDF5 trajectory positions differ (shape {pa.shape} / {pb.shape})")
        gap = float(np.max(np.abs(pa - pb)))
    xa = [l.split() for l in open(os.path.join(ref, "m.xyz"))]
    xb = [l.split() for l in open(os.path.join(out, "m.xyz"))]
    if len(xa) != len(xb) or any(len(u) == 4 and (u[0] != v[0] or max(abs(float(p) - float(q)) for p, q in zip(u[1:], v[1:])) > 2e-6)
                                 for u, v in zip(xa, xb)):
        fail(f"{what}: XYZ trajectory differs")
    return gap


def reference(ionhop, d, repo, steps=300):
    with open(os.path.join(d, "input.toml"), "w") as f:
        f.write(INPUT.format(repo=repo, steps=steps))
    run([ionhop, "md", "input.toml"], d, "serial reference")
    ref = os.path.join(d, "reference")
    shutil.move(os.path.join(d, "out"), ref)
    return ref


def equal(mpiexec, ionhop, repo):
    with tempfile.TemporaryDirectory() as d:
        ref = reference(ionhop, d, repo)
        for n in (2, 4):
            shutil.rmtree(os.path.join(d, "out"), ignore_errors=True)
            r = run([mpiexec, "-n", str(n), "--oversubscribe", ionhop, "md", "input.toml"], d, f"{n} ranks")
            grid = next((l for l in r.stderr.splitlines() if "grid over a, b, c" in l), None)
            if grid is None:
                fail(f"{n} ranks: no rank grid printed\n{r.stderr[-2000:]}")
            gap = same_results(ref, os.path.join(d, "out"), f"{n} ranks")
            print(f"ok: {n} ranks ({grid.split('md: ')[1]}): results equal the serial run; positions within {gap:.1e} Å")


def restart(mpiexec, ionhop, repo):
    with tempfile.TemporaryDirectory() as d:
        ref = reference(ionhop, d, repo, steps=2000)
        ck = os.path.join(d, "out", "m.checkpoint.h5")
        for before, after in ((2, 1), (1, 2)):
            for attempt in range(10):  # until the signal lands after the setup and before the end
                shutil.rmtree(os.path.join(d, "out"), ignore_errors=True)
                cmd = [ionhop, "md", "input.toml"]
                if before > 1:
                    cmd = [mpiexec, "-n", str(before), "--oversubscribe"] + cmd
                p = subprocess.Popen(cmd, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                time.sleep(1.5 + 0.3 * attempt)
                p.send_signal(signal.SIGUSR1)
                _, err = p.communicate(timeout=600)
                if p.returncode == 138 and os.path.exists(ck):
                    break
                if p.returncode not in (0, 138) and not (p.returncode < 0 and "md:" not in err):
                    fail(f"{before} rank(s), SIGUSR1: exit {p.returncode}\n{err[-2000:]}")
            else:
                fail(f"the signal never stopped the {before}-rank run with a checkpoint")
            cmd = [ionhop, "md", "input.toml", "--restart", ck]
            if after > 1:
                cmd = [mpiexec, "-n", str(after), "--oversubscribe"] + cmd
            run(cmd, d, f"restart on {after} rank(s)")
            gap = same_results(ref, os.path.join(d, "out"), f"{before} -> {after} ranks")
            print(f"ok: stopped on {before} rank(s), continued on {after}: results equal the uninterrupted run "
                  f"(positions within {gap:.1e} Å)")


def refused(mpiexec, ionhop, repo):
    """Rank counts and grids that cannot split the box stop before the first step, naming why."""
    cases = [(2, "[parallel]\ngrid = [3, 1, 1]\n", "makes 3 domains, but the job has 2 ranks"),
             (2, "[parallel]\ngrid = [1, 1, 2]\nextra = 1\n", "extra"),
             (3, "", "the largest rank count up to 3 that can is 2")]  # 3x3x1 cell: 2 per direction
    with tempfile.TemporaryDirectory() as d:
        for n, extra, expect in cases:
            with open(os.path.join(d, "input.toml"), "w") as f:
                f.write(INPUT.format(repo=repo, steps=300000) + extra)
            t0 = time.time()
            r = subprocess.run([mpiexec, "-n", str(n), "--oversubscribe", ionhop, "md", "input.toml"], cwd=d,
                               capture_output=True, text=True, timeout=120)
            if r.returncode == 0 or expect not in r.stderr or "input.toml" not in r.stderr or time.time() - t0 > 30:
                fail(f"{n} ranks, {extra!r}: exit {r.returncode} after {time.time() - t0:.1f} s\n{r.stderr[-2000:]}")
            if os.path.exists(os.path.join(d, "out", "m_thermo.csv")):
                fail(f"{n} ranks, {extra!r}: a thermo table was left behind")
            line = next(l for l in r.stderr.splitlines() if expect in l)
            print(f"ok: {n} ranks refused in {time.time() - t0:.1f} s: {line.strip()}")


if __name__ == "__main__":
    if os.geteuid() == 0:
        os.environ.setdefault("OMPI_ALLOW_RUN_AS_ROOT", "1")
        os.environ.setdefault("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
    case, mpiexec, ionhop, repo = sys.argv[1:5]
    {"equal": equal, "restart": restart, "refused": refused}[case](mpiexec, ionhop, repo)
