#!/usr/bin/python3
"""Checkpoint/restart of `ionhop run` from the user's side (issue 17). Every case ends with the
results of an uninterrupted run, compared bitwise (every HDF5 dataset and attribute except wall
times and the rank count).

  signals  SIGTERM / SIGUSR1 / SIGINT at random moments (10 seeds), each followed by
           `--restart` until the run completes (exit 128 + signal, then 0)
  kill9    kill -9 at random moments with a checkpoint every 0.05 s: whatever checkpoint is left
           always loads and continues to the same results
  changed  a restart with a changed seed is refused (exit 2, the key named); an [output] change
           is accepted; a file that is not a checkpoint is refused
  walltime --walltime stops the run with exit 3 and a checkpoint; --restart completes it
  mpi      a checkpoint written by 2 ranks (SIGUSR1 through mpiexec) continued on 1 and on 3 ranks
The system has two Sc dopants, so the counts of hops near dopants are part of every comparison.

Usage: check_restart.py CASE IONHOP REPO_DIR [MPIEXEC]"""
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
file = "structures/nasicon_Na3Zr2Si2PO12.cif"
mobile = "Na"
supercell = [2, 2, 1]
[model]
file = "potentials/nasicon_lattice_gas.toml"
[kmc]
temperatures = [600, 700, 800]
replicas = 6
seed = 23
equilibration_hops_per_ion = 50
production_hops_per_ion = 3000
samples = 20
[composition]
dopants = [{{ host = "Zr", dopant = "Sc", count = 2, oxidation = 3 }}]
[output]
prefix = "ck"
directory = "out"
{extra}
"""
IGNORED = {"n_ranks", "wall_seconds"}
# Seeds of the random-moment cases (10); IONHOP_TEST_SEEDS lowers it where a build repeats what the
# Serial suite shows (the OpenMP and sanitizer runs of CI).
SEEDS = min(10, int(os.environ.get("IONHOP_TEST_SEEDS", "10")))
LIMIT_S = 2.0 * float(os.environ.get("IONHOP_TEST_TIME_SCALE", "1"))  # a refusal comes within 2 s (release)
EXIT = {signal.SIGTERM: 143, signal.SIGUSR1: 138, signal.SIGINT: 130}


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def write_input(d, extra=""):
    path = os.path.join(d, "input.toml")
    with open(path, "w") as f:
        f.write(INPUT.format(extra=extra))
    return path


def start(cmd, d):
    return subprocess.Popen(cmd, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def reference(ionhop, d, extra=""):
    """The uninterrupted run: its result file and its wall time."""
    t0 = time.time()
    write_input(d, extra)
    r = subprocess.run([ionhop, "run", "input.toml", "-q"], cwd=d, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        fail(f"reference run: exit {r.returncode}\n{r.stderr}")
    if os.path.exists(os.path.join(d, "out", "ck.checkpoint.h5")):
        fail("a completed run left its checkpoint behind")
    ref = os.path.join(d, "reference.h5")
    shutil.move(os.path.join(d, "out", "ck.h5"), ref)
    return ref, time.time() - t0


def same_as(ref, path, what):
    with h5py.File(ref, "r") as f1, h5py.File(path, "r") as f2:
        diffs, n = compare(f1, f2, IGNORED, what)
    if diffs:
        fail(f"{what} differs from the uninterrupted run:\n  " + "\n  ".join(diffs[:20]))
    return n


def run_to_completion(cmd_of, d, interrupt, rng, max_rounds=40):
    """Start, maybe interrupt, restart from the checkpoint, ... until exit 0. interrupt(p, rng)
    sends the signal and returns the exit codes it accepts. Returns the rounds and interruptions."""
    ck = os.path.join(d, "out", "ck.checkpoint.h5")
    stopped = 0
    run_to_completion.mid_write = 0  # kills that caught a checkpoint being written (its .tmp left)
    for rounds in range(1, max_rounds + 1):
        restart = ["--restart", ck] if os.path.exists(ck) else []
        p = start(cmd_of(restart), d)
        accepted = interrupt(p, rng) if rounds <= 10 else {0}
        out, err = p.communicate(timeout=600)
        if p.returncode == 0:
            return rounds, stopped
        if p.returncode < 0 and -p.returncode != signal.SIGKILL and not err.strip():
            # the signal came before ionhop installed its handlers (loading the program, ~0.1 s):
            # nothing was written, as with kill -9; the next round starts afresh
            stopped += 1
            continue
        if p.returncode not in accepted:
            fail(f"round {rounds}: exit {p.returncode}, expected one of {sorted(accepted)}\n{err}")
        stopped += 1
        if os.path.exists(ck + ".tmp"):
            run_to_completion.mid_write += 1
            os.remove(ck + ".tmp")
        if p.returncode > 0 and not os.path.exists(ck):
            fail(f"round {rounds}: stopped with exit {p.returncode} but no checkpoint\n{err}")
        if p.returncode > 0 and "PARTIAL" not in out:
            fail(f"round {rounds}: the summary does not say partial:\n{out}")
    fail(f"not complete after {max_rounds} rounds")


def signals(ionhop, _repo, _mpiexec):
    with tempfile.TemporaryDirectory() as d:
        ref, t_ref = reference(ionhop, d)
        sigs = [signal.SIGTERM, signal.SIGUSR1, signal.SIGINT]
        for seed in range(SEEDS):
            rng = random.Random(seed)
            shutil.rmtree(os.path.join(d, "out"), ignore_errors=True)
            sig = sigs[seed % 3]

            def interrupt(p, rng):
                time.sleep(rng.uniform(0.05, 0.9) * t_ref)
                p.send_signal(sig)
                return {0, EXIT[sig]}

            rounds, stopped = run_to_completion(lambda extra: [ionhop, "run", "input.toml", "-q", *extra], d,
                                                interrupt, rng)
            same_as(ref, os.path.join(d, "out", "ck.h5"), f"seed {seed}")
            print(f"ok: seed {seed}: {signal.Signals(sig).name} x {stopped}, {rounds} runs, results bitwise identical")


def kill9(ionhop, _repo, _mpiexec):
    with tempfile.TemporaryDirectory() as d:
        ref, t_ref = reference(ionhop, d, 'checkpoint_every = "0.05s"')
        for seed in range(SEEDS):
            rng = random.Random(100 + seed)
            shutil.rmtree(os.path.join(d, "out"), ignore_errors=True)

            def interrupt(p, rng):
                time.sleep(rng.uniform(0.2, 1.2) * t_ref)
                p.kill()
                return {0, -9}

            rounds, stopped = run_to_completion(lambda extra: [ionhop, "run", "input.toml", "-q", *extra], d,
                                                interrupt, rng)
            same_as(ref, os.path.join(d, "out", "ck.h5"), f"kill -9 seed {seed}")
            print(f"ok: seed {seed}: kill -9 x {stopped} ({run_to_completion.mid_write} while a checkpoint was being "
                  f"written), {rounds} runs, results bitwise identical")


def changed(ionhop, _repo, _mpiexec):
    with tempfile.TemporaryDirectory() as d:
        path = write_input(d)
        p = start([ionhop, "run", path, "-q"], d)
        time.sleep(1.0)
        p.send_signal(signal.SIGTERM)
        p.communicate(timeout=120)
        ck = os.path.join(d, "out", "ck.checkpoint.h5")
        if p.returncode != 143 or not os.path.exists(ck):
            fail(f"SIGTERM: exit {p.returncode}, checkpoint {os.path.exists(ck)}")
        shutil.copy(ck, os.path.join(d, "saved.h5"))
        with open(path) as f:
            text = f.read()
        for old, new, key in [("seed = 23", "seed = 24", "kmc.seed"),
                              ("samples = 20", "samples = 21", "kmc.samples"),
                              ("supercell = [2, 2, 1]", "supercell = [2, 2, 2]", "structure.supercell"),
                              ("production_hops_per_ion = 3000", "", "kmc.production_hops_per_ion")]:
            with open(path, "w") as f:
                f.write(text.replace(old, new))
            t0 = time.time()
            r = subprocess.run([ionhop, "run", path, "-q", "--restart", ck], cwd=d, capture_output=True, text=True)
            if r.returncode != 2 or key not in r.stderr or len(r.stderr.strip().splitlines()) != 1:
                fail(f"changed {key}: exit {r.returncode}, message:\n{r.stderr}")
            if time.time() - t0 > LIMIT_S:
                fail(f"changed {key}: refused only after {time.time() - t0:.1f} s")
            print(f"ok: changed {key} refused: {r.stderr.strip()}")
        # a structure file with other contents under the same name
        shutil.copy(os.path.join(_repo, "structures", "nasicon_Na3Zr2Si2PO12.cif"), os.path.join(d, "s.cif"))
        with open(path, "w") as f:
            f.write(text.replace("structures/nasicon_Na3Zr2Si2PO12.cif", "s.cif").replace('"ck"', '"s"'))
        p = start([ionhop, "run", path, "-q"], d)
        time.sleep(1.0)
        p.send_signal(signal.SIGTERM)
        p.communicate(timeout=120)
        with open(os.path.join(d, "s.cif"), "a") as f:
            f.write("\n# edited\n")
        r = subprocess.run([ionhop, "run", path, "-q", "--restart", os.path.join(d, "out", "s.checkpoint.h5")], cwd=d,
                           capture_output=True, text=True)
        if r.returncode != 2 or "structure.file (contents)" not in r.stderr:
            fail(f"changed structure file contents: exit {r.returncode}\n{r.stderr}")
        print(f"ok: changed structure file contents refused: {r.stderr.strip()}")
        for bad in [os.path.join(d, "input.toml"), "/dev/zero", d]:
            r = subprocess.run([ionhop, "run", path, "-q", "--restart", bad], cwd=d, capture_output=True, text=True,
                               timeout=10)
            if r.returncode != 2 or "error:" not in r.stderr:
                fail(f"--restart {bad}: exit {r.returncode}\n{r.stderr}")
            print(f"ok: --restart {bad} refused: {r.stderr.strip()}")
        # [output] may change: another prefix continues from the saved checkpoint and completes
        with open(path, "w") as f:
            f.write(text.replace('prefix = "ck"', 'prefix = "other"'))
        r = subprocess.run([ionhop, "run", path, "-q", "--restart", os.path.join(d, "saved.h5")], cwd=d,
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0 or not os.path.exists(os.path.join(d, "out", "other.h5")):
            fail(f"restart with another [output] prefix: exit {r.returncode}\n{r.stderr}")
        print("ok: a changed [output] table is accepted")


def walltime(ionhop, _repo, _mpiexec):
    with tempfile.TemporaryDirectory() as d:
        ref, t_ref = reference(ionhop, d)
        limit = max(1, int(0.5 * t_ref))
        r = subprocess.run([ionhop, "run", "input.toml", "-q", "--walltime", f"0:00:{limit:02d}", "--walltime-margin", "0s"],
                           cwd=d, capture_output=True, text=True, timeout=600)
        ck = os.path.join(d, "out", "ck.checkpoint.h5")
        if r.returncode != 3 or not os.path.exists(ck) or "walltime" not in r.stderr:
            fail(f"--walltime {limit} s: exit {r.returncode}, checkpoint {os.path.exists(ck)}\n{r.stderr}")
        r = subprocess.run([ionhop, "run", "input.toml", "-q", "--restart", ck], cwd=d, capture_output=True, text=True,
                           timeout=600)
        if r.returncode != 0:
            fail(f"restart after the walltime: exit {r.returncode}\n{r.stderr}")
        same_as(ref, os.path.join(d, "out", "ck.h5"), "walltime restart")
        print(f"ok: --walltime {limit} s -> exit 3 with a checkpoint; the restart is bitwise the uninterrupted run")


def mpi(ionhop, _repo, mpiexec):
    if os.geteuid() == 0:
        os.environ.setdefault("OMPI_ALLOW_RUN_AS_ROOT", "1")
        os.environ.setdefault("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
    with tempfile.TemporaryDirectory() as d:
        ref, t_ref = reference(ionhop, d)

        def mpirun(n, extra):
            return [mpiexec, "-n", str(n), "--oversubscribe", ionhop, "run", "input.toml", "-q", *extra]

        for n_after in (1, 3):
            ck = os.path.join(d, "out", "ck.checkpoint.h5")
            for attempt in range(10):  # until the signal lands while a temperature is under way
                shutil.rmtree(os.path.join(d, "out"), ignore_errors=True)
                p = start(mpirun(2, []), d)
                time.sleep(0.7 + 0.15 * attempt)  # mpiexec start-up and the setup take ~0.5 s
                p.send_signal(signal.SIGUSR1)
                out, err = p.communicate(timeout=300)
                if p.returncode not in (0, 138):
                    fail(f"2 ranks, SIGUSR1: exit {p.returncode}\n{err}")
                if p.returncode == 138:
                    with h5py.File(ck, "r") as f:
                        groups = sorted(f.keys())
                    if any(g.startswith("running_") for g in groups):
                        break
            else:
                fail("the signal never caught the 2-rank run with a temperature under way")
            r = subprocess.run(mpirun(n_after, ["--restart", ck]), cwd=d, capture_output=True, text=True, timeout=600)
            if r.returncode != 0:
                fail(f"restart on {n_after} rank(s): exit {r.returncode}\n{r.stderr}")
            same_as(ref, os.path.join(d, "out", "ck.h5"), f"2 ranks -> {n_after}")
            print(f"ok: checkpoint of 2 ranks ({', '.join(groups)}) continued on {n_after} rank(s): bitwise identical")


if __name__ == "__main__":
    case, ionhop, repo = sys.argv[1:4]
    mpiexec = sys.argv[4] if len(sys.argv) > 4 else "mpiexec"
    {"signals": signals, "kill9": kill9, "changed": changed, "walltime": walltime, "mpi": mpi}[case](ionhop, repo, mpiexec)
