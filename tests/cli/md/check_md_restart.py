#!/usr/bin/python3
"""Checkpoint/restart of `ionhop md` from the user's side (issue 17): a two-temperature NASICON run
(equilibration, production with hop detection, thermo table, XYZ and HDF5 trajectories) stopped at
random moments and continued with --restart until complete must leave the same files as an
uninterrupted run, byte for byte (HDF5: every dataset bitwise).

  signals  SIGTERM / SIGUSR1 / SIGINT at random moments (6 seeds): exit 128 + signal, then 0
  kill9    kill -9 at random moments with a checkpoint every 0.2 s (4 seeds)
  changed  a restart with another md.seed is refused (exit 2, the key named)
  npt      the same under the anisotropic C-rescale barostat (the cell changes every step):
           SIGTERM at random moments (3 seeds), files identical to the uninterrupted NPT run

Usage: check_md_restart.py CASE IONHOP REPO_DIR"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import h5py

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from h5_bitwise import compare  # noqa: E402

INPUT = """[structure]
file = "{repo}/structures/nasicon_Na3Zr2Si2PO12.cif"
supercell = [3, 3, 1]
[md]
potential = "{repo}/potentials/teter_du_buckingham.toml"
mobile = "Na"
cutoff = 7.0
temperature = [1200, 1500]
steps = 300
equilibration_steps = 60
thermo_every = 20
sample_every = 5
blocks = 2
seed = 5
{md_extra}
[output]
prefix = "m"
directory = "out"
xyz_every = 100
h5_every = 50
{extra}
"""
EXIT = {signal.SIGTERM: 143, signal.SIGUSR1: 138, signal.SIGINT: 130}
SEEDS = int(os.environ.get("IONHOP_TEST_SEEDS", "10"))  # lowered by CI's OpenMP and sanitizer runs
LIMIT_S = 2.0 * float(os.environ.get("IONHOP_TEST_TIME_SCALE", "1"))  # a refusal comes within 2 s (release)


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def write_input(d, repo, extra="", md_extra=""):
    with open(os.path.join(d, "input.toml"), "w") as f:
        f.write(INPUT.format(repo=repo, extra=extra, md_extra=md_extra))


def reference(ionhop, d, repo, extra="", md_extra=""):
    write_input(d, repo, extra, md_extra)
    t0 = time.time()
    r = subprocess.run([ionhop, "md", "input.toml"], cwd=d, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        fail(f"reference run: exit {r.returncode}\n{r.stderr}")
    ref = os.path.join(d, "reference")
    shutil.move(os.path.join(d, "out"), ref)
    if any(n.endswith("checkpoint.h5") for n in os.listdir(ref)):
        fail("a completed run left its checkpoint behind")
    return ref, time.time() - t0


def same_files(ref, out, what):
    names = sorted(os.listdir(ref))
    got = sorted(n for n in os.listdir(out) if not n.endswith(".tmp"))
    if names != got:
        fail(f"{what}: files {got}, expected {names}")
    for n in names:
        a, b = os.path.join(ref, n), os.path.join(out, n)
        if n.endswith(".h5"):
            with h5py.File(a, "r") as f1, h5py.File(b, "r") as f2:
                diffs, _ = compare(f1, f2, set(), what)
            if diffs:
                fail(f"{what}: {n} differs: {diffs[:10]}")
        elif open(a, "rb").read() != open(b, "rb").read():
            fail(f"{what}: {n} differs from the uninterrupted run")
    return names


def until_complete(ionhop, d, interrupt, rng, max_rounds=30):
    ck = os.path.join(d, "out", "m.checkpoint.h5")
    stops = 0
    for rounds in range(1, max_rounds + 1):
        cmd = [ionhop, "md", "input.toml"] + (["--restart", ck] if os.path.exists(ck) else [])
        p = subprocess.Popen(cmd, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        accepted = interrupt(p, rng) if rounds <= 8 else {0}
        _, err = p.communicate(timeout=600)
        if p.returncode == 0:
            return rounds, stops
        stops += 1
        if p.returncode < 0 and -p.returncode != signal.SIGKILL and "md:" not in err:
            continue  # the signal came before ionhop installed its handlers: nothing was written
        if p.returncode not in accepted:
            fail(f"round {rounds}: exit {p.returncode}, expected one of {sorted(accepted)}\n{err[-2000:]}")
        if p.returncode > 0 and not os.path.exists(ck):
            fail(f"round {rounds}: exit {p.returncode} without a checkpoint\n{err[-2000:]}")
    fail(f"not complete after {max_rounds} rounds")


def signals(ionhop, repo):
    with tempfile.TemporaryDirectory() as d:
        ref, t_ref = reference(ionhop, d, repo)
        sigs = [signal.SIGTERM, signal.SIGUSR1, signal.SIGINT]
        for seed in range(min(6, SEEDS)):
            shutil.rmtree(os.path.join(d, "out"), ignore_errors=True)
            sig = sigs[seed % 3]

            def interrupt(p, rng):
                time.sleep(rng.uniform(0.1, 0.9) * t_ref)
                p.send_signal(sig)
                return {0, EXIT[sig]}

            rounds, stops = until_complete(ionhop, d, interrupt, random.Random(seed))
            names = same_files(ref, os.path.join(d, "out"), f"seed {seed}")
            print(f"ok: seed {seed}: {signal.Signals(sig).name} x {stops}, {rounds} runs; {len(names)} files identical")


def kill9(ionhop, repo):
    with tempfile.TemporaryDirectory() as d:
        ref, t_ref = reference(ionhop, d, repo, 'checkpoint_every = "0.2s"')
        for seed in range(min(4, SEEDS)):
            shutil.rmtree(os.path.join(d, "out"), ignore_errors=True)

            def interrupt(p, rng):
                time.sleep(rng.uniform(0.3, 1.0) * t_ref)
                p.kill()
                return {0, -9}

            rounds, stops = until_complete(ionhop, d, interrupt, random.Random(50 + seed))
            names = same_files(ref, os.path.join(d, "out"), f"kill -9 seed {seed}")
            print(f"ok: seed {seed}: kill -9 x {stops}, {rounds} runs; {len(names)} files identical")


NPT = """ensemble = "npt-crescale"
barostat = "anisotropic"
pressure = 0.0001
tau_p = 0.2"""


def npt(ionhop, repo):
    with tempfile.TemporaryDirectory() as d:
        ref, t_ref = reference(ionhop, d, repo, md_extra=NPT)
        for seed in range(min(3, SEEDS)):
            shutil.rmtree(os.path.join(d, "out"), ignore_errors=True)

            def interrupt(p, rng):
                time.sleep(rng.uniform(0.1, 0.9) * t_ref)
                p.send_signal(signal.SIGTERM)
                return {0, 143}

            rounds, stops = until_complete(ionhop, d, interrupt, random.Random(200 + seed))
            names = same_files(ref, os.path.join(d, "out"), f"NPT seed {seed}")
            print(f"ok: NPT seed {seed}: SIGTERM x {stops}, {rounds} runs; {len(names)} files identical")


def changed(ionhop, repo):
    with tempfile.TemporaryDirectory() as d:
        write_input(d, repo)
        p = subprocess.Popen([ionhop, "md", "input.toml"], cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        p.send_signal(signal.SIGTERM)
        _, err = p.communicate(timeout=120)
        ck = os.path.join(d, "out", "m.checkpoint.h5")
        if p.returncode != 143 or not os.path.exists(ck):
            fail(f"SIGTERM: exit {p.returncode}, checkpoint {os.path.exists(ck)}\n{err}")
        with open(os.path.join(d, "input.toml")) as f:
            text = f.read()
        with open(os.path.join(d, "input.toml"), "w") as f:
            f.write(text.replace("seed = 5", "seed = 6"))
        t0 = time.time()
        r = subprocess.run([ionhop, "md", "input.toml", "--restart", ck], cwd=d, capture_output=True, text=True)
        if r.returncode != 2 or "md.seed" not in r.stderr or time.time() - t0 > LIMIT_S:
            fail(f"changed md.seed: exit {r.returncode} after {time.time() - t0:.1f} s\n{r.stderr}")
        print(f"ok: changed md.seed refused: {r.stderr.strip()}")


if __name__ == "__main__":
    case, ionhop, repo = sys.argv[1:4]
    {"signals": signals, "kill9": kill9, "changed": changed, "npt": npt}[case](ionhop, repo)
