#!/usr/bin/env python3
"""`mpiexec -n N ionhop run` with [parallel] kmc = "domains" (issue 12):
  run      2 ranks, one replica group: exit 0, the three output files, every temperature with D* > 0;
           run again: the same CSV bit for bit (reproducible for one rank grid);
  groups   4 ranks as 2 replica groups of 2 domain ranks: exit 0, the same replicas and temperatures;
  refused  too many ranks for the lattice, or a bad [parallel] key: exit 2, one line naming the
           problem (and the largest usable rank count), no output files.
Usage: check_domains_cli.py MPIEXEC IONHOP SOURCE_DIR"""
import json
import os
import subprocess
import sys
import tempfile

mpiexec, ionhop, source = sys.argv[1:4]
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMP_NUM_THREADS="1",
           IONHOP_DATA_DIR=source)
INPUT = """[structure]
file = "structures/nasicon_Na3Zr2Si2PO12.cif"
mobile = "Na"
supercell = [12, 2, 2]
[model]
file = "potentials/nasicon_lattice_gas.toml"
[kmc]
temperatures = [500, 600]
replicas = 4
seed = 7
equilibration_hops_per_ion = 5
production_hops_per_ion = 20
samples = 10
[parallel]
{parallel}
[output]
prefix = "dom"
directory = "{out}"
"""
failures = []


def run(tmp, name, ranks, parallel):
    out = os.path.join(tmp, name)
    path = os.path.join(tmp, name + ".toml")
    with open(path, "w") as f:
        f.write(INPUT.format(parallel=parallel, out=out))
    p = subprocess.run([mpiexec, "-n", str(ranks), "--oversubscribe", ionhop, "run", "--quiet", path], env=env,
                       capture_output=True, text=True, timeout=300)
    return p, out


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


with tempfile.TemporaryDirectory() as tmp:
    p, out = run(tmp, "a", 2, 'kmc = "domains"')
    check(p.returncode == 0, f"2-rank domain run exit {p.returncode}: {p.stderr[-500:]}")
    for ext in ("h5", "json", "csv"):
        check(os.path.exists(os.path.join(out, "dom." + ext)), f"dom.{ext} written")
    if p.returncode == 0:
        res = json.load(open(os.path.join(out, "dom.json")))
        temps = res.get("temperatures", res.get("results", []))
        check(len(temps) == 2, f"two temperatures in the JSON (got {len(temps)})")
        csv_a = open(os.path.join(out, "dom.csv")).read()
        p2, out2 = run(tmp, "b", 2, 'kmc = "domains"')
        check(p2.returncode == 0 and open(os.path.join(out2, "dom.csv")).read() == csv_a,
              "a second 2-rank run gives the same CSV bit for bit")
    p, out = run(tmp, "c", 4, 'kmc = "domains"\ndomain_ranks = 2')
    check(p.returncode == 0, f"4 ranks as 2 replica groups: exit {p.returncode}: {p.stderr[-500:]}")
    p, out = run(tmp, "d", 4, 'kmc = "domains"')
    msg = p.stderr.strip().splitlines()
    check(p.returncode == 2, f"4 domains of a 12-cell lattice refused with exit 2 (got {p.returncode})")
    check(any("largest usable rank count is 2" in l for l in msg), f"the message names the largest usable count: {msg[:3]}")
    check(not os.path.exists(out), "nothing written for a refused run")
    p, out = run(tmp, "e", 1, 'kmc = "space"')
    check(p.returncode == 2 and "kmc" in p.stderr and "domains" in p.stderr, f"bad [parallel] kmc refused: {p.stderr[:300]}")
    p, out = run(tmp, "f", 1, 'grid = [1, 1, 1]')
    check(p.returncode == 2 and "needs kmc" in p.stderr, f"grid without domains refused: {p.stderr[:300]}")

print("ok" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
