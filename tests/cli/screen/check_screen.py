#!/usr/bin/python3
"""`ionhop screen` from the user's side (issue 14). The table (screen.csv) of every case is compared
byte for byte with that of one uninterrupted single-rank screen of the same file.

  grid     --list: series expanded as products and zips, the undoped point shared by two series,
           explicit compositions; ids as documented
  resume   SIGTERM / SIGINT at random moments (IONHOP_TEST_SEEDS seeds), then the same command
           until exit 0: the table equals the uninterrupted one; with the full 4 seeds also: a
           finished screen rerun does nothing; a changed input reruns exactly the rows it changes;
           a damaged row is redone
  merge    three Slurm-array-style slices (--slice I/3, and --slice array from SLURM_ARRAY_*)
           then --merge: the table equals the single job's
  mpi      the screen on 2 and 3 ranks (compositions over rank groups; more ranks than
           compositions splits replicas): the same table
  bvse     [screen.bvse]: the model of each dopant set is the file `ionhop bvse --model-out --dopant`
           writes, made once and reused by a rerun; rows carry its percolation energies; a dopant
           without BVSE parameters (Mg) is refused before any work
  bad      a fraction > 1, an absent host, a composition that cannot be charge balanced, too many
           ions: exit 2 within 2 s with one line naming the composition, and nothing written

Usage: check_screen.py CASE IONHOP REPO_DIR [MPIEXEC]"""
import filecmp
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SCREEN = """[structure]
file = "structures/nasicon_Na3Zr2Si2PO12.cif"
mobile = "Na"
supercell = [2, 2, 1]
[model]
file = "potentials/nasicon_lattice_gas.toml"
[kmc]
temperatures = [500, 700]
replicas = 4
seed = 3
equilibration_hops_per_ion = 20
production_hops_per_ion = {hops}
samples = 10
[screen]
directory = "out"
[[screen.series]]
name = "Sc"
dopants = [{{host = "Zr", dopant = "Sc", oxidation = 3, fractions = [0, 0.125, 0.25]}}]
[[screen.series]]
name = "Y"
dopants = [{{host = "Zr", dopant = "Y", oxidation = 3, fractions = {y}}}]
"""
SEEDS = min(4, int(os.environ.get("IONHOP_TEST_SEEDS", "4")))
LIMIT_S = 2.0 * float(os.environ.get("IONHOP_TEST_TIME_SCALE", "1"))
EXIT = {signal.SIGTERM: 143, signal.SIGINT: 130}


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def write(d, hops=200, y="[0, 0.125]", extra=""):
    with open(os.path.join(d, "screen.toml"), "w") as f:
        f.write(SCREEN.format(hops=hops, y=y) + extra)
    return "screen.toml"


def screen(ionhop, d, *args, check=True, env=None, launcher=()):
    r = subprocess.run([*launcher, ionhop, "screen", "screen.toml", *args], cwd=d, capture_output=True, text=True,
                       timeout=600, env=env)
    if check and r.returncode != 0:
        fail(f"ionhop screen {' '.join(args)}: exit {r.returncode}\n{r.stderr}")
    return r


def reference(ionhop, d):
    write(d)
    t0 = time.time()
    screen(ionhop, d, "-q")
    shutil.copy(os.path.join(d, "out", "screen.csv"), os.path.join(d, "reference.csv"))
    with open(os.path.join(d, "out", "screen.json")) as f:
        rows = json.load(f)["rows"]
    if len(rows) != 4:
        fail(f"reference: {len(rows)} rows, expected 4 (undoped shared by both series)")
    return os.path.join(d, "reference.csv"), time.time() - t0


def same_table(ref, d, what):
    if not filecmp.cmp(ref, os.path.join(d, "out", "screen.csv"), shallow=False):
        fail(f"{what}: screen.csv differs from the uninterrupted single-rank screen")


def grid(ionhop, _repo, _mpiexec):
    with tempfile.TemporaryDirectory() as d:
        write(d, extra="""[[screen.series]]
name = "mixed"
combine = "zip"
dopants = [{host = "Zr", dopant = "Sc", oxidation = 3, fractions = [0.125, 0.25]},
           {host = "Zr", dopant = "Nb", oxidation = 5, counts = [1, 2]}]
[[screen.series]]
name = "product"
dopants = [{host = "Zr", dopant = "Sc", oxidation = 3, fractions = [0, 0.125]}]
vacancies = [0, 4]
[[screen.series]]
name = "x"
occupancy = [{Si1 = {Si = 0.8, P = 0.2}}, {Si1 = {Si = 0.6, P = 0.4}}]
[[screen.compositions]]
name = "Mg-low"
dopants = [{host = "Zr", dopant = "Mg", oxidation = 2, fraction = 0.0625}]
""")
        r = screen(ionhop, d, "--list")
        got = [line.split()[1:] for line in r.stdout.splitlines()]
        # vacancies = 0 is a setting (a full lattice), not the undoped point from neutrality
        want = [["undoped", "Sc+Y"], ["Zr-Sc0.125", "Sc"], ["Zr-Sc0.25", "Sc"], ["Zr-Y0.125", "Y"],
                ["Zr-Sc0.125_Zr-Nbx1", "mixed"], ["Zr-Sc0.25_Zr-Nbx2", "mixed"], ["vac0", "product"],
                ["vac4", "product"], ["Zr-Sc0.125_vac0", "product"], ["Zr-Sc0.125_vac4", "product"],
                ["Si1-P0.2Si0.8", "x"], ["Si1-P0.4Si0.6", "x"], ["Mg-low", "compositions"]]
        if got != want:
            fail(f"--list:\n{r.stdout}\nexpected {want}")
        if os.path.exists(os.path.join(d, "out")):
            fail("--list wrote the output folder")
        r = screen(ionhop, d, "--list", "--slice", "1/3")
        if [line.split()[0] for line in r.stdout.splitlines()] != ["1", "4", "7", "10"]:
            fail(f"--list --slice 1/3:\n{r.stdout}")
        print(f"ok: {len(want)} compositions from 5 series (dopant, zip, product with vacancies, occupancy) and 1 "
              "explicit composition, slices by index")


def resume(ionhop, _repo, _mpiexec):
    with tempfile.TemporaryDirectory() as d:
        ref, t_ref = reference(ionhop, d)
        for seed in range(SEEDS):
            rng = random.Random(seed)
            shutil.rmtree(os.path.join(d, "out"))
            sig = [signal.SIGTERM, signal.SIGINT][seed % 2]
            stops = 0
            for rounds in range(1, 30):
                p = subprocess.Popen([ionhop, "screen", "screen.toml", "-q"], cwd=d, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
                if rounds <= 4:
                    time.sleep(rng.uniform(0.1, 0.9) * t_ref)
                    p.send_signal(sig)
                out, err = p.communicate(timeout=600)
                if p.returncode == 0:
                    break
                if p.returncode < 0 and not err.strip():  # before the handlers were installed
                    continue
                if p.returncode != EXIT[sig]:
                    fail(f"seed {seed} round {rounds}: exit {p.returncode}\n{err}")
                stops += 1
            same_table(ref, d, f"seed {seed}")
            print(f"ok: seed {seed}: {signal.Signals(sig).name} x {stops}, {rounds} runs, table bitwise identical")
        if SEEDS < 4:  # the reduced runs of CI (OpenMP, sanitizer): the Serial suite checks the rest
            return
        # finished: a rerun runs nothing
        r = screen(ionhop, d)
        if "4 finished before, 0 to run" not in r.stderr:
            fail(f"rerun of a finished screen:\n{r.stderr}")
        same_table(ref, d, "rerun")
        # a new point on the Y axis: only it runs
        write(d, y="[0, 0.125, 0.25]")
        r = screen(ionhop, d)
        if "4 finished before, 1 to run" not in r.stderr:
            fail(f"one point added:\n{r.stderr}")
        # a changed setting that changes every result: every row is redone
        write(d, hops=150, y="[0, 0.125, 0.25]")
        r = screen(ionhop, d)
        if "0 finished before, 5 to run" not in r.stderr:
            fail(f"production length changed:\n{r.stderr}")
        # a damaged row is redone, and gives the same row again
        write(d)
        screen(ionhop, d, "-q")
        same_table(ref, d, "back to the first input")
        row = os.path.join(d, "out", "rows", "Zr-Sc0.25.json")
        with open(row) as f:
            before = f.read()
        with open(row, "w") as f:
            f.write(before[: len(before) // 2])
        r = screen(ionhop, d)
        if "3 finished before, 1 to run" not in r.stderr:
            fail(f"damaged row:\n{r.stderr}")
        with open(row) as f:
            if f.read() != before:
                fail("the redone row differs from the first")
        print("ok: finished rows reused, an added point alone runs, a changed setting reruns all, a damaged row is redone")


def merge(ionhop, _repo, _mpiexec):
    with tempfile.TemporaryDirectory() as d:
        ref, _ = reference(ionhop, d)
        shutil.rmtree(os.path.join(d, "out"))
        screen(ionhop, d, "-q", "--slice", "0/3")
        env = dict(os.environ, SLURM_ARRAY_TASK_ID="12", SLURM_ARRAY_TASK_MIN="11", SLURM_ARRAY_TASK_COUNT="3")
        screen(ionhop, d, "-q", "--slice", "array", env=env)
        if os.path.exists(os.path.join(d, "out", "screen.csv")):
            fail("a slice wrote the table")
        r = screen(ionhop, d, "--merge")
        if "1 composition(s) not done yet" not in r.stdout:
            fail(f"--merge with a slice missing does not say so:\n{r.stdout}")
        screen(ionhop, d, "-q", "--slice", "2/3")
        screen(ionhop, d, "-q", "--merge")
        same_table(ref, d, "merged slices")
        print("ok: slices 0/3, array task 12 of 11..13, 2/3 merged: the table equals the single job's")


def mpi(ionhop, _repo, mpiexec):
    with tempfile.TemporaryDirectory() as d:
        ref, _ = reference(ionhop, d)
        for n in (2, 3, 6):
            shutil.rmtree(os.path.join(d, "out"))
            screen(ionhop, d, "-q", launcher=(mpiexec, "--oversubscribe", "-np", str(n)))
            same_table(ref, d, f"{n} ranks")
            print(f"ok: {n} ranks: the table is bitwise the single-rank one")


BVSE_SCREEN = """[structure]
file = "structures/nasicon_Na3Zr2Si2PO12.cif"
mobile = "Na"
supercell = [2, 2, 1]
[kmc]
temperatures = [500, 700]
replicas = 2
seed = 3
equilibration_hops_per_ion = 5
production_hops_per_ion = 20
samples = 10
[screen]
directory = "out"
[screen.bvse]
spacing = 0.4
[[screen.series]]
name = "Sc"
dopants = [{host = "Zr", dopant = "Sc", oxidation = 3, fractions = [0, 0.125]}]
"""


def model_lines(path):
    with open(path) as f:
        return [line for line in f if not line.startswith("#")]


def bvse(ionhop, repo, _mpiexec):
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "screen.toml"), "w") as f:
            f.write(BVSE_SCREEN)
        r = screen(ionhop, d)
        if r.stderr.count("BVSE model for") != 2:
            fail(f"expected two BVSE models (undoped, Sc):\n{r.stderr}")
        with open(os.path.join(d, "out", "screen.json")) as f:
            rows = {x["id"]: x for x in json.load(f)["rows"]}
        cif = os.path.join(repo, "structures", "nasicon_Na3Zr2Si2PO12.cif")
        for rid, extra in (("undoped", []), ("Zr-Sc0.125", ["--dopant", "Zr:Sc:3"])):
            ref = os.path.join(d, f"{rid}.toml")
            b = subprocess.run([ionhop, "bvse", cif, "--mobile", "Na", "--spacing", "0.4", "--json", "--model-out", ref,
                                *extra], capture_output=True, text=True, check=True)
            rep = json.loads(b.stdout)
            model = rows[rid]["bvse"]["model"]
            if model_lines(model) != model_lines(ref):
                fail(f"{rid}: the screen's model {model} differs from ionhop bvse --model-out")
            e3 = rep["grid"]["percolation_energy"]["3D"]
            if rows[rid]["bvse"]["percolation_energy_eV"]["3D"] != e3:
                fail(f"{rid}: E_3D {rows[rid]['bvse']['percolation_energy_eV']['3D']} vs ionhop bvse {e3}")
        r = screen(ionhop, d)
        if "BVSE model for" in r.stderr or "2 finished before, 0 to run" not in r.stderr:
            fail(f"rerun: models or compositions redone:\n{r.stderr}")
        with open(os.path.join(d, "screen.toml"), "w") as f:
            f.write(BVSE_SCREEN.replace('dopant = "Sc", oxidation = 3', 'dopant = "Mg", oxidation = 2'))
        shutil.rmtree(os.path.join(d, "out"))
        t0 = time.time()
        r = screen(ionhop, d, check=False)
        if r.returncode != 2 or "composition Zr-Mg0.125" not in r.stderr or "[ion.Mg]" not in r.stderr:
            fail(f"Mg without BVSE parameters: exit {r.returncode}\n{r.stderr}")
        if time.time() - t0 > LIMIT_S or os.path.exists(os.path.join(d, "out")):
            fail("Mg without BVSE parameters: refused late, or after writing")
        print(f"ok: BVSE models equal ionhop bvse --model-out (E_3D {e3:.3f} eV), reused on rerun; Mg refused: "
              f"{r.stderr.strip()}")


def bad(ionhop, _repo, _mpiexec):
    with tempfile.TemporaryDirectory() as d:
        base = SCREEN.format(hops=200, y="[0, 0.125]")
        cases = [("fraction > 1", "fractions = [0, 0.125, 0.25]", "fractions = [0, 1.5]", "fractions"),
                 ("absent host", 'host = "Zr", dopant = "Y"', 'host = "Hf", dopant = "Y"', "composition Hf-Y0.125"),
                 ("no neutral composition", 'dopant = "Y", oxidation = 3, fractions = [0, 0.125]',
                  'dopant = "W", oxidation = 6, fractions = [0, 1]', "composition Zr-W1"),
                 ("too many ions", "[[screen.series]]\nname = \"Y\"",
                  "[[screen.compositions]]\nions = 200\n[[screen.series]]\nname = \"Y\"", "composition ions200")]
        for what, old, new, named in cases:
            with open(os.path.join(d, "screen.toml"), "w") as f:
                f.write(base.replace(old, new))
            t0 = time.time()
            r = screen(ionhop, d, check=False)
            took = time.time() - t0
            lines = r.stderr.strip().splitlines()
            if r.returncode != 2 or len(lines) != 1 or named not in lines[0]:
                fail(f"{what}: exit {r.returncode}, message:\n{r.stderr}")
            if took > LIMIT_S:
                fail(f"{what}: refused only after {took:.1f} s")
            if os.path.exists(os.path.join(d, "out")):
                fail(f"{what}: the output folder was created")
            print(f"ok: {what}: {lines[0]}")


if __name__ == "__main__":
    case, ionhop, repo = sys.argv[1], sys.argv[2], sys.argv[3]
    {"grid": grid, "resume": resume, "merge": merge, "mpi": mpi, "bvse": bvse, "bad": bad}[case](
        ionhop, repo, sys.argv[4] if len(sys.argv) > 4 else "mpiexec")
