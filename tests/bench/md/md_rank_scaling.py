#!/usr/bin/env python3
"""MD across ranks (issue 11): ionhop's domain decomposition beside LAMMPS on the same systems.

Strong scaling: NASICON 6x6x2 (8640 atoms; DSF and Ewald) and 12x12x6 (103680 atoms; DSF) at 1 and
2 ranks, ionhop and `mpiexec -n P lmp` interleaved over ROUNDS rounds (the host is shared and noisy):
best and median atom-steps/s, the ratio ionhop/LAMMPS of the medians, the parallel efficiency
A(2)/(2 A(1)) of the medians, and ionhop's communication share of a step (time in halo exchanges,
migration and reductions, waiting included). Weak scaling: 8640 atoms per rank at 1, 2, 4, 8 ranks.
On a 2-core machine 4 and 8 ranks are oversubscribed: those rows check that the run works and
show the cost of oversubscription, not scaling.

    tests/bench/md/md_rank_scaling.py BUILD_DIR [ROUNDS=3]

Environment: STRONG_STEPS_SMALL (100), STRONG_STEPS_LARGE (20), EWALD_STEPS (20), WEAK_STEPS (50),
SKIP_WEAK=1, SKIP_LARGE=1, SKIP_SMALL=1; EWALD_LARGE_STEPS=n adds Ewald on the 103680-atom cell
(k-space work grows as N^2/P at a fixed cutoff: about a minute per step per rank on one core, so
n = 1 or 2).
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

MPI_ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1", OMP_NUM_THREADS="1")


def ionhop(bench, ranks, steps, cells, coul):
    out = subprocess.run(["mpiexec", "-n", str(ranks), bench, str(steps), *map(str, cells), coul],
                         capture_output=True, text=True, env=MPI_ENV, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("ionhop ranks"))
    kv = line.split()[1:]
    d = dict(zip(kv[0::2], kv[1::2]))
    return {"rate": float(d["atom_steps_per_s"]), "comm": float(d["comm_share"]), "grid": d["grid"],
            "atoms": int(d["atoms"]), "ghosts": float(d["ghosts_per_rank"])}


def lammps(bench, ranks, steps, cells, coul, workdir):
    subprocess.run([bench, str(steps), *map(str, cells), coul, "--write-lammps", workdir], check=True,
                   capture_output=True, env=MPI_ENV)
    subprocess.run(["mpiexec", "-n", str(ranks), "lmp", "-in", "in.lmp", "-log", "log.lammps", "-screen", "none",
                    "-nocite"], cwd=workdir, check=True, capture_output=True, env=MPI_ENV)
    with open(os.path.join(workdir, "log.lammps")) as f:
        text = f.read()
    t = float(re.search(r"Loop time of ([0-9.eE+-]+) on", text).group(1))
    atoms = int(re.search(r"([0-9]+) atoms", text).group(1))
    return {"rate": atoms * steps / t}


def fmt(values):
    return f"{max(values):10.4g} {statistics.median(values):10.4g}"


def strong(bench, rounds, cases, peer):
    print("\nStrong scaling (atom-steps/s: best, median of the rounds)")
    print(f"{'system':<26} {'ranks':>5} {'grid':>6} {'ionhop best':>11} {'median':>10} {'LAMMPS best':>11} "
          f"{'median':>10} {'ratio':>6} {'eff.':>6} {'comm':>6} {'ghosts/rank':>11}")
    for name, cells, coul, steps in cases:
        runs = {(who, p): [] for who in ("ionhop", "lammps") for p in (1, 2)}
        info = {}
        with tempfile.TemporaryDirectory() as work:
            for _ in range(rounds):
                for p in (1, 2):
                    r = ionhop(bench, p, steps, cells, coul)
                    runs[("ionhop", p)].append(r["rate"])
                    info.setdefault(p, []).append(r)
                    if peer:
                        runs[("lammps", p)].append(lammps(bench, p, steps, cells, coul, work)["rate"])
        base = statistics.median(runs[("ionhop", 1)])
        for p in (1, 2):
            ion = runs[("ionhop", p)]
            lmp = runs[("lammps", p)]
            ratio = statistics.median(ion) / statistics.median(lmp) if lmp else float("nan")
            eff = statistics.median(ion) / (p * base)
            comm = statistics.median(r["comm"] for r in info[p])
            r0 = info[p][0]
            lmp_txt = fmt(lmp) if lmp else f"{'-':>10} {'-':>10}"
            print(f"{name + ' ' + coul:<26} {p:>5} {r0['grid']:>6} {fmt(ion)} {lmp_txt} {ratio:6.2f} {eff:6.2f} "
                  f"{comm:6.3f} {r0['ghosts']:11.0f}", flush=True)


def weak(bench, rounds, steps):
    print("\nWeak scaling, DSF, 8640 atoms per rank (4 and 8 ranks oversubscribe a 2-core machine: correctness only)")
    print(f"{'ranks':>5} {'cells':>9} {'atoms':>7} {'grid':>6} {'best':>10} {'median':>10} {'eff.':>6} {'comm':>6}")
    cells_for = {1: (6, 6, 2), 2: (6, 6, 4), 4: (12, 6, 4), 8: (12, 12, 4)}
    base = None
    for p, cells in cells_for.items():
        rs = [ionhop(bench, p, steps, cells, "dsf") for _ in range(rounds)]
        rates = [r["rate"] for r in rs]
        med = statistics.median(rates)
        base = base or med
        eff = med / (p * base)
        print(f"{p:>5} {'x'.join(map(str, cells)):>9} {rs[0]['atoms']:>7} {rs[0]['grid']:>6} {fmt(rates)} {eff:6.2f} "
              f"{statistics.median(r['comm'] for r in rs):6.3f}", flush=True)


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    build, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    bench = os.path.join(build, "tests/bench/md/bench_md_ranks")
    if not os.access(bench, os.X_OK):
        sys.exit(f"md_rank_scaling: no {bench} (configure with -DIONHOP_BUILD_BENCH=ON)")
    peer = shutil.which("lmp") is not None
    if not peer:
        print("md_rank_scaling: no `lmp` on PATH: ionhop only")
    env = os.environ.get
    cases = []
    if env("SKIP_SMALL") != "1":
        cases += [("NASICON 6x6x2", (6, 6, 2), "dsf", int(env("STRONG_STEPS_SMALL", "100"))),
                  ("NASICON 6x6x2", (6, 6, 2), "ewald", int(env("EWALD_STEPS", "20")))]
    if env("SKIP_LARGE") != "1":
        cases.append(("NASICON 12x12x6", (12, 12, 6), "dsf", int(env("STRONG_STEPS_LARGE", "20"))))
    if int(env("EWALD_LARGE_STEPS", "0")) > 0:
        cases.append(("NASICON 12x12x6", (12, 12, 6), "ewald", int(env("EWALD_LARGE_STEPS"))))
    strong(bench, rounds, cases, peer)
    if env("SKIP_WEAK") != "1":
        weak(bench, rounds, int(env("WEAK_STEPS", "50")))


if __name__ == "__main__":
    main()
