#!/usr/bin/env python3
"""Domain-KMC scaling (issue 12): runs bench_kmc_domains at 1 and 2 ranks (real cores) in
interleaved rounds and at 4 and 8 ranks once (oversubscribed: a correctness run, not a timing),
then prints min/median events/s, the parallel efficiency 1 -> 2 ranks and the ratio of the
per-rank rate to the replica ensemble's single-lattice rate measured in the same rounds.

Usage: tests/bench/kmc/kmc_rank_scaling.py BUILD_DIR [ROUNDS] [HOPS] [a b c]
       (default 3 rounds, 2 hops per ion, supercell 40 40 26 = 998,400 Na sites)
Env: SKIP_OVERSUBSCRIBED=1 skips the 4- and 8-rank runs.
"""
import os
import statistics
import subprocess
import sys

build = sys.argv[1] if len(sys.argv) > 1 else "build"
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
hops = sys.argv[3] if len(sys.argv) > 3 else "2"
cell = sys.argv[4:7] if len(sys.argv) >= 7 else ["40", "40", "26"]
exe = os.path.join(build, "tests/bench/kmc/bench_kmc_domains")
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMP_NUM_THREADS="1")


def run(ranks, h=hops):
    cmd = ["mpiexec", "-n", str(ranks), "--oversubscribe", exe, h] + cell
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    rows = [l.split() for l in out.splitlines() if l and not l.startswith("#") and not l.lstrip().startswith("supercell")]
    notes = [l for l in out.splitlines() if l.startswith("#   build")]
    r = rows[-1]
    return {"sites": int(r[1]), "grid": r[2], "evs": float(r[5]), "exch": float(r[7].rstrip("%")), "window": float(r[8]),
            "bytes": float(r[10]), "replica": float(r[11]), "note": notes[-1] if notes else ""}


res = {1: [], 2: []}
for k in range(rounds):
    for p in (1, 2):
        res[p].append(run(p))
        x = res[p][-1]
        print(f"# round {k + 1}, {p} rank(s): {x['evs']:.4g} events/s, exchange {x['exch']:.1f}%, window {x['window']:.2e} s; {x['note'][4:]}", flush=True)

print(f"\nNASICON lattice gas (J on), 600 K, {res[1][0]['sites']} sites, one replica, {hops} hops per ion; "
      f"{rounds} interleaved rounds (min / median)")
print(f"{'ranks':>5} {'grid':>7} {'events/s':>21} {'per rank':>21} {'exchange':>9} {'B/site':>7}")
for p in (1, 2):
    e = [x["evs"] for x in res[p]]
    print(f"{p:>5} {res[p][0]['grid']:>7} {min(e):>10.4g} / {statistics.median(e):<9.4g} {min(e) / p:>10.4g} / "
          f"{statistics.median(e) / p:<9.4g} {statistics.median([x['exch'] for x in res[p]]):>8.1f}% "
          f"{statistics.median([x['bytes'] for x in res[p]]):>7.0f}")
rep = [x["replica"] for x in res[1]]
eff = [b["evs"] / (2 * a["evs"]) for a, b in zip(res[1], res[2])]
ratio = [b["evs"] / 2 / r for b, r in zip(res[2], rep)]
print(f"replica ensemble, same lattice, one core: {min(rep):.4g} / {statistics.median(rep):.4g} events/s")
print(f"parallel efficiency 1 -> 2 ranks (same round): min {min(eff):.2f}, median {statistics.median(eff):.2f} (target >= 0.85)")
print(f"per-rank rate at 2 ranks / replica single-lattice rate (same round): min {min(ratio):.2f}, median "
      f"{statistics.median(ratio):.2f} (target >= 0.8)")
if os.environ.get("SKIP_OVERSUBSCRIBED") != "1":
    for p in (4, 8):
        try:
            x = run(p, "0.3")
            print(f"{p} ranks (oversubscribed, correctness only): grid {x['grid']}, ran {x['evs']:.3g} events/s")
        except subprocess.CalledProcessError as err:
            print(f"{p} ranks: failed ({err.stderr.strip().splitlines()[-1] if err.stderr else err})")
