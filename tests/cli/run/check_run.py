#!/usr/bin/python3
"""`ionhop run` from the user's side: bad input (exit 2, key named, no output left), a small complete
run read back with h5py/json/csv (+ the plotting script), and SIGINT (exit 130, partial output).
Usage: check_run.py {bad_input|full|sigint} IONHOP REPO_DIR"""
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

STRUCTURE = """[structure]
file = "structures/nasicon_Na3Zr2Si2PO12.cif"
mobile = "Na"
supercell = [2, 2, 1]
[model]
file = "potentials/nasicon_lattice_gas.toml"
"""


def small_input(kmc_extra="", temps="[700, 800]", replicas=4, prod=200):
    return STRUCTURE + f"""[kmc]
temperatures = {temps}
replicas = {replicas}
seed = 11
equilibration_hops_per_ion = 20
production_hops_per_ion = {prod}
samples = 20
{kmc_extra}
[output]
prefix = "small"
directory = "out"
"""


def run(ionhop, workdir, text, *args, **kw):
    path = os.path.join(workdir, "input.toml")
    with open(path, "w") as f:
        f.write(text)
    return subprocess.run([ionhop, "run", path, *args], cwd=workdir, capture_output=True, text=True, **kw)


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def bad_input(ionhop, _repo):
    cases = [  # (replace this, with that, key expected in the message)
        ("seed = 11", "seed = 11\nreplica = 3", "kmc.replica"),
        ("replicas = 4", "replicas = 4.5", "kmc.replicas"),
        ("temperatures = [700, 800]", "temperatures = [700, -5]", "kmc.temperatures"),
        ('mobile = "Na"', 'mobile = "Na"\ncutof = 4', "structure.cutof"),
        ("nasicon_Na3Zr2Si2PO12.cif", "missing_structure.cif", "structure.file"),
        ('prefix = "small"', 'prefix = "small"\nformat = ["csv"]', "output.format"),
    ]
    for old, new, key in cases:
        with tempfile.TemporaryDirectory() as d:
            text = small_input().replace(old, new, 1)
            r = run(ionhop, d, text)
            if r.returncode != 2:
                fail(f"{key}: exit {r.returncode}, expected 2\n{r.stderr}")
            if "error:" not in r.stderr or key not in r.stderr:
                fail(f"message does not name '{key}':\n{r.stderr}")
            left = [f for f in os.listdir(d) if f != "input.toml"]
            out = os.path.join(d, "out")
            if os.path.isdir(out) and os.listdir(out):
                fail(f"{key}: output left behind: {os.listdir(out)}")
            if left and left != ["out"]:
                fail(f"{key}: files left behind: {left}")
            print(f"ok: {key}: {r.stderr.strip().splitlines()[0]}")


def full(ionhop, repo):
    import h5py
    import numpy as np
    with tempfile.TemporaryDirectory() as d:
        r = run(ionhop, d, small_input(), "--quiet", timeout=300)
        if r.returncode != 0:
            fail(f"exit {r.returncode}\n{r.stdout}\n{r.stderr}")
        if "Ea =" not in r.stdout or "sigma" not in r.stdout:
            fail(f"no sigma table / Ea in stdout:\n{r.stdout}")
        if "events/s" in r.stderr:
            fail("--quiet still printed progress")
        out = os.path.join(d, "out")
        files = sorted(os.listdir(out))
        if files != ["small.csv", "small.h5", "small.json"]:
            fail(f"output files {files}")
        with h5py.File(os.path.join(out, "small.h5"), "r") as f:
            assert f.attrs["partial"] == 0
            T = f["results/T_K"][:]
            assert list(T) == [700.0, 800.0], T
            sigma = f["results/sigma_S_cm"][:]
            assert np.all(np.isfinite(sigma)), sigma
            g = f["temperatures/001"]
            assert g.attrs["temperature_K"] == 800.0
            nt = g["time_s"].shape[0]
            assert nt == 21, nt
            assert g["msd_tracer_A2"].shape == (nt, 4)
            assert g["replica_tracer_sq_A2"].shape == (4, nt, 3)
            msd = g["msd_tracer_A2"][:, 3]
            assert msd[0] == 0 and msd[-1] > 0, msd
            # The stored D* is the mean over replicas of the fitted slopes / 6 (Å²/s -> cm²/s).
            per_rep = g["replica_tracer_sq_A2"][:].sum(axis=2) / g.attrs["n_ions"]
            t = g["time_s"][:]
            w = t >= f.attrs["fit_start_fraction"] * t[-1]
            slopes = [np.polyfit(t[w], y[w], 1)[0] for y in per_rep]
            d_ref = np.mean(slopes) / 6 * 1e-16
            assert abs(d_ref - g.attrs["D_tracer_cm2_s"]) <= 1e-9 * abs(d_ref), (d_ref, g.attrs["D_tracer_cm2_s"])
            assert f["network/hop_from"].shape[0] > 0
            assert f["arrhenius"].attrs["sigma_valid"] in (0, 1)
            assert "input_toml" in f
        with open(os.path.join(out, "small.json")) as fh:
            j = json.load(fh)
        assert j["partial"] is False and len(j["temperatures"]) == 2
        # Two temperatures make a fit, not a reliable one: said in the JSON and the printed table.
        assert j["arrhenius"]["sigma"]["valid"] is True and j["arrhenius"]["sigma"]["reliable"] is False, j["arrhenius"]
        if "UNRELIABLE: 2 temperatures" not in r.stdout:
            fail(f"two-point fit not marked unreliable:\n{r.stdout}")
        assert j["temperatures"][1]["sigma_S_cm"]["value"] == float(sigma[1])
        with open(os.path.join(out, "small.csv")) as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == 2 and float(rows[0]["T_K"]) == 700.0
        if any(name.endswith(".tmp") for name in os.listdir(out)):
            fail("temporary files left")
        # The plotting script draws both figures from this file.
        p = subprocess.run([sys.executable, os.path.join(repo, "scripts", "plot_results.py"),
                            os.path.join(out, "small.h5"), "-o", os.path.join(d, "plots")],
                           capture_output=True, text=True)
        if p.returncode != 0:
            fail(f"plot_results.py: exit {p.returncode}\n{p.stderr}")
        pngs = sorted(os.listdir(os.path.join(d, "plots")))
        if pngs != ["small_arrhenius.png", "small_msd.png"]:
            fail(f"plots: {pngs}")
        print("ok: full run, HDF5/JSON/CSV read back, plots drawn")
    with tempfile.TemporaryDirectory() as d:  # ions by hand that break charge neutrality: a warning
        text = small_input(temps="[700]", replicas=2, prod=20).replace("[kmc]", "[composition]\nions = 70\n[kmc]", 1)
        r = run(ionhop, d, text, timeout=300)
        if r.returncode != 0 or "net charge of -2 e (neutral: 72 ions)" not in r.stderr:
            fail(f"no charge-neutrality warning for ions = 70 (exit {r.returncode}):\n{r.stderr}")
        print("ok: ions = 70 warned about its net charge")
    with tempfile.TemporaryDirectory() as d:  # dopants: executed hops near / far from them
        dop = '[composition]\ndopants = [{ host = "Zr", dopant = "Sc", count = 4, oxidation = 3 }]\n[kmc]'
        r = run(ionhop, d, small_input(temps="[800]", replicas=3, prod=50).replace("[kmc]", dop, 1), "-q", timeout=300)
        if r.returncode != 0 or "hops near dopants:" not in r.stdout:
            fail(f"doped run: exit {r.returncode}, no dopant line in the summary:\n{r.stdout}\n{r.stderr}")
        with open(os.path.join(d, "out", "small.json")) as fh:
            t = json.load(fh)["temperatures"][0]
        dh = t["dopant_hops"]
        assert dh["executed_near"] + dh["executed_far"] == sum(t["hops_per_class"]), (dh, t["hops_per_class"])
        assert dh["executed_near"] > 0 and 0 < dh["available_near_fraction"] < 1, dh
        with h5py.File(os.path.join(d, "out", "small.h5"), "r") as f:
            g = f["temperatures/000/dopant_hops"]
            assert g["replica_hops_near"].shape == (3,) and g.attrs["executed_near"] == dh["executed_near"]
            assert g.attrs["enrichment"] == dh["enrichment"]["value"]
        print(f"ok: doped run: {dh['executed_near']} hops near dopants, enrichment {dh['enrichment']['value']:.3f}")


def sigint(ionhop, _repo):
    import h5py
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "input.toml")
        with open(path, "w") as f:
            f.write(small_input(temps="[700, 750, 800]", replicas=4, prod=100000000))
        p = subprocess.Popen([ionhop, "run", path], cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 120
        seen = ""
        while time.time() < deadline:  # wait until production of the first temperature runs
            line = p.stderr.readline()
            if not line:
                break
            seen += line
            if "production" in line:
                break
        if "production" not in seen:
            p.kill()
            fail(f"never reached production:\n{seen}")
        time.sleep(0.5)
        p.send_signal(signal.SIGINT)
        try:
            out, err = p.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            p.kill()
            fail("did not stop within 120 s of SIGINT")
        if p.returncode != 130:
            fail(f"exit {p.returncode}, expected 130\n{err}")
        if "PARTIAL" not in out:
            fail(f"summary does not say partial:\n{out}")
        with h5py.File(os.path.join(d, "out", "small.h5"), "r") as f:
            assert f.attrs["partial"] == 1
            assert f["results/T_K"].shape[0] == 1
            assert f["temperatures/000"].attrs["partial"] == 1
        with open(os.path.join(d, "out", "small.json")) as fh:
            assert json.load(fh)["partial"] is True
        print("ok: SIGINT -> exit 130, partial results written")


if __name__ == "__main__":
    {"bad_input": bad_input, "full": full, "sigint": sigint}[sys.argv[1]](sys.argv[2], sys.argv[3])
