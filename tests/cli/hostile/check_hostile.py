#!/usr/bin/python3
"""Hostile inputs (issue 17): each case must end with exit code 2 and one line "error: ..." on
stderr naming the file, key or option and the reason -- within 2 s, without a crash, a hang, a
stack trace or any output file. The cases are the crashes, hangs and silent acceptances found by
trying ionhop as a new user would; each is a regression test.

Usage: check_hostile.py IONHOP REPO_DIR   (prints one line per case and a summary by class)"""
import collections
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = sys.argv[2] if len(sys.argv) > 2 else "."
# 2 s in a release build; sanitizer builds run several times slower (scripts/test.sh --sanitize
# sets IONHOP_TEST_TIME_SCALE)
LIMIT_S = 2.0 * float(os.environ.get("IONHOP_TEST_TIME_SCALE", "1"))
CIF = f"{REPO}/structures/nasicon_Na3Zr2Si2PO12.cif"
MODEL = f"{REPO}/potentials/nasicon_lattice_gas.toml"
FF = f"{REPO}/potentials/teter_du_buckingham.toml"

RUN = f"""[structure]
file = "{CIF}"
mobile = "Na"
supercell = [2, 2, 1]
[model]
file = "{{model}}"
[kmc]
temperatures = [700]
replicas = 2
equilibration_hops_per_ion = 5
production_hops_per_ion = 20
samples = 10
[output]
directory = "out"
"""
MD = f"""[structure]
file = "{CIF}"
supercell = [3, 3, 1]
[md]
potential = "{{ff}}"
mobile = "Na"
cutoff = 7.0
temperature = 600
timestep = 0.001
steps = 20
equilibration_steps = 0
thermo_every = 10
sample_every = 1
blocks = 2
[output]
directory = "out"
"""


def edit(text, old, new):
    assert old in text, old
    return text.replace(old, new, 1)


def cases(d):
    """(class, name, argv, expected substring of the message); files are made in d."""
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    run_ok = RUN.replace("{model}", MODEL)
    md_ok = MD.replace("{ff}", FF)

    def write(name, text):
        p = os.path.join(d, name)
        with open(p, "w") as f:
            f.write(text)
        return p

    model = open(MODEL).read()
    ff = open(FF).read()
    deep_array = "x = " + "[" * 100000 + "]" * 100000 + "\n"
    deep_table = "x = " + "{a = " * 100000 + "1" + "}" * 100000 + "\n"
    c = [
        # inputs that are not regular files: a read would hang or never end
        ("not a file", "run input is a FIFO", ["run", fifo], "not a regular file"),
        ("not a file", "run input is /dev/zero", ["run", "/dev/zero"], "not a regular file"),
        ("not a file", "run input is /dev/urandom", ["run", "/dev/urandom"], "not a regular file"),
        ("not a file", "run input is a folder", ["run", d], "is a directory"),
        ("not a file", "structure is /dev/zero",
         ["run", write("s0.toml", run_ok.replace(CIF, "/dev/zero"))], "/dev/zero"),
        ("not a file", "structure is a FIFO", ["run", write("s1.toml", run_ok.replace(CIF, fifo))], "not a regular file"),
        ("not a file", "md potential is a FIFO", ["md", write("m0.toml", MD.replace("{ff}", fifo))], "not a regular file"),
        ("not a file", "bvse structure is /dev/urandom", ["bvse", "/dev/urandom", "--mobile", "Na"], "not a regular file"),
        ("not a file", "info structure is a FIFO", ["info", fifo, "--mobile", "Na"], "not a regular file"),
        # parser recursion
        ("crash", "TOML nested arrays 1e5 deep", ["run", write("deep1.toml", run_ok + deep_array)], "nested more than 32"),
        ("crash", "TOML nested inline tables 1e5 deep", ["run", write("deep2.toml", run_ok + deep_table)], "nested more than 32"),
        ("crash", "model file nested 1e5 deep", ["run", write("deep3.toml", RUN.replace("{model}", write("deep_model.toml", model + deep_array)))], "nested more than 32"),
        # MD states that cannot stay finite
        ("crash", "md timestep 1e308", ["md", write("m1.toml", edit(md_ok, "timestep = 0.001", "timestep = 1e308"))], "md.timestep"),
        ("silent", "md timestep 1e6", ["md", write("m2.toml", edit(md_ok, "timestep = 0.001", "timestep = 1e6"))], "md.timestep"),
        ("silent", "md temperature 1e308", ["md", write("m3.toml", edit(md_ok, "temperature = 600", "temperature = 1e308"))], "md.temperature"),
        ("late", "md samples too few for the blocks", ["md", write("m5.toml", edit(md_ok, "blocks = 2", "blocks = 8"))], "md.steps"),
        ("silent", "md cutoff nan", ["md", write("m4.toml", edit(md_ok, "cutoff = 7.0", "cutoff = nan"))], "md.cutoff"),
        # silently accepted inputs
        ("silent", "unknown element in oxidation",
         ["run", write("o1.toml", edit(run_ok, 'mobile = "Na"', 'mobile = "Na"\noxidation = { Xx = 2 }'))], "structure.oxidation.Xx"),
        ("silent", "unknown dopant element",
         ["run", write("c1.toml", run_ok + '[composition]\ndopants = [{ host = "Zr", dopant = "Qq", fraction = 0.1, oxidation = 3 }]\n')],
         "Qq"),
        ("silent", "dopant equal to its host",
         ["run", write("c2.toml", run_ok + '[composition]\ndopants = [{ host = "Zr", dopant = "Zr", fraction = 0.1, oxidation = 4 }]\n')],
         "its own host"),
        ("late", "equilibration too short to measure the event rate",
         ["run", write("eq1.toml", edit(run_ok, "equilibration_hops_per_ion = 5", "equilibration_hops_per_ion = 0.01"))],
         "equilibration_hops_per_ion >= 0.278"),
        ("silent", "occupancy of a site not in the structure",
         ["run", write("c3.toml", run_ok + '[composition]\noccupancy = { Si9 = { Si = 0.8, P = 0.2 } }\n')],
         "composition.occupancy.Si9: no site"),
        ("silent", "occupancy of the mobile-ion site",
         ["run", write("c4.toml", run_ok + '[composition]\noccupancy = { Na2 = { K = 1 } }\n')],
         "composition.occupancy.Na2: site Na2 holds the mobile species"),
        ("silent", "occupancy fractions not summing to 1",
         ["md", write("c5.toml", md_ok + '[composition]\noccupancy = { P1 = { Si = 0.8, P = 0.3 } }\n')],
         "composition.occupancy.P1: fractions sum to 1.1"),
        ("silent", "site energy for a class that does not exist",
         ["run", write("e1.toml", RUN.replace("{model}", write("model_e.toml", edit(model, "[site_energy]", "[site_energy]\nNa9 = 0.1"))))],
         "Na9"),
        ("silent", "dopant_shift species absent",
         ["run", write("e2.toml", RUN.replace("{model}", write("model_d.toml", model + '\n[[dopant_shift]]\nspecies = "Sc"\nradius = 4.0\nshift = -0.1\n')))],
         "dopant_shift for 'Sc'"),
        ("silent", "empty formats list", ["run", write("f1.toml", run_ok + "formats = []\n")], "output.formats"),
        ("silent", "negative min_bottleneck",
         ["run", write("b1.toml", edit(run_ok, 'mobile = "Na"', 'mobile = "Na"\nmin_bottleneck = -0.5'))], "structure.min_bottleneck"),
        ("silent", "checkpoint_every not a duration", ["run", write("k1.toml", run_ok + 'checkpoint_every = "soon"\n')], "output.checkpoint_every"),
        ("silent", "non-neutral MD force field",
         ["md", write("n1.toml", MD.replace("{ff}", write("ff_q.toml", edit(ff, "Na = 0.6", "Na = 0.7"))))], "not 0"),
        ("silent", "duplicated pair in a force field",
         ["md", write("n2.toml", MD.replace("{ff}", write("ff_dup.toml", ff + '\n[[pair]]\nspecies = ["Na", "O"]\nA = 1.0\nrho = 0.3\nC = 0.0\n')))],
         "given twice"),
        ("silent", "NaN on the command line (bvse --scale)", ["bvse", CIF, "--mobile", "Na", "--model-out", "m.toml", "--scale", "nan"], "--scale"),
        ("silent", "NaN on the command line (export-lammps --cutoff)", ["export-lammps", CIF, "--cutoff", "nan", "-o", "x"], "--cutoff"),
        ("silent", "duplicated CIF labels", ["info", write("dup.cif", dup_label_cif()), "--mobile", "Li"], "labels must be unique"),
        ("silent", "POSCAR with more lines than atoms", ["info", write("POSCAR_extra", poscar_extra()), "--mobile", "Li"], "counts do not match"),
        ("silent", "info --min-bottleneck -1", ["info", CIF, "--mobile", "Na", "--min-bottleneck", "-1"], "--min-bottleneck"),
        ("silent", "info --cutoff nan", ["info", CIF, "--mobile", "Na", "--cutoff", "nan"], "--cutoff"),
        ("silent", "info --oxidation Xx=2", ["info", CIF, "--mobile", "Na", "--oxidation", "Xx=2"], "not an element symbol"),
        # work that ran first and failed at the end
        ("late", "bvse --scale 0", ["bvse", CIF, "--mobile", "Na", "--model-out", "m.toml", "--scale", "0"], "--scale"),
        ("late", "bvse --scale -1", ["bvse", CIF, "--mobile", "Na", "--model-out", "m.toml", "--scale", "-1"], "--scale"),
        ("late", "bvse --attempt-frequency 0", ["bvse", CIF, "--mobile", "Na", "--model-out", "m.toml", "--attempt-frequency", "0"], "--attempt-frequency"),
        ("late", "bvse unknown dopant host", ["bvse", CIF, "--mobile", "Na", "--model-out", "m.toml", "--dopant", "Ti:Sc:3"], "no Ti"),
        ("late", "bvse unwritable output", ["bvse", CIF, "--mobile", "Na", "--output", "/nonexistent/dir/x"], "does not exist"),
        ("late", "bvse unwritable model", ["bvse", CIF, "--mobile", "Na", "--model-out", "/nonexistent/m.toml"], "does not exist"),
        # a per-hop-class attempt frequency that is no frequency (doc/model-files.md)
        ("bad value", "per-kra attempt_frequency 0",
         ["run", write("nu1.toml", RUN.replace("{model}", write("model_nu0.toml", edit(model, "e_kra = 0.35375", "e_kra = 0.35375\nattempt_frequency = 0"))))],
         "model_nu0.toml.kra[0].attempt_frequency: must be > 0"),
        ("bad value", "per-kra attempt_frequency nan",
         ["run", write("nu2.toml", RUN.replace("{model}", write("model_nunan.toml", edit(model, "e_kra = 0.35375", "e_kra = 0.35375\nattempt_frequency = nan"))))],
         "model_nunan.toml.kra[0].attempt_frequency: must be > 0"),
        # sizes beyond the machine
        ("memory", "KMC supercell 10^4 x 10^4 x 10^3",
         ["run", write("h1.toml", edit(run_ok, "supercell = [2, 2, 1]", "supercell = [10000, 10000, 1000]"))], "GB of memory"),
        ("memory", "MD supercell 1000^3",
         ["md", write("h2.toml", edit(md_ok, "supercell = [3, 3, 1]", "supercell = [1000, 1000, 1000]"))], "GB of memory"),
        ("memory", "BVSE grid at 0.001 A", ["bvse", CIF, "--mobile", "Na", "--spacing", "0.001"], "GB of memory"),
    ]
    return c


def dup_label_cif():
    return """data_dup
_cell_length_a 4
_cell_length_b 4
_cell_length_c 4
_cell_angle_alpha 90
_cell_angle_beta 90
_cell_angle_gamma 90
_symmetry_space_group_name_H-M 'P 1'
loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
Li1 Li 0 0 0
Li1 Li 0.5 0.5 0.5
"""


def poscar_extra():
    return """bcc Li, counts say 1 atom but 2 positions follow
1.0
3.5 0 0
0 3.5 0
0 0 3.5
Li
1
Direct
0 0 0
0.5 0.5 0.5
"""


def main():
    ionhop = sys.argv[1]
    tally = collections.Counter()
    failures = []
    with tempfile.TemporaryDirectory() as d:
        for cls, name, argv, expect in cases(d):
            work = os.path.join(d, "work")
            shutil.rmtree(work, ignore_errors=True)
            os.mkdir(work)
            t0 = time.time()
            try:
                r = subprocess.run([ionhop, *argv], cwd=work, capture_output=True, text=True, timeout=20,
                                   env=dict(os.environ, IONHOP_DATA_DIR=REPO))
                dt = time.time() - t0
            except subprocess.TimeoutExpired:
                failures.append(f"{name}: no answer within 20 s")
                continue
            lines = [l for l in r.stderr.splitlines() if l.strip()]
            errors = [l for l in lines if l.startswith("error:")]
            left = [f for f in os.listdir(work)]
            problems = []
            if r.returncode != 2:
                problems.append(f"exit {r.returncode}")
            if len(errors) != 1 or expect not in errors[0]:
                problems.append(f"message without '{expect}'")
            if dt > LIMIT_S:
                problems.append(f"{dt:.1f} s")
            if left and left != ["out"] or (left == ["out"] and os.listdir(os.path.join(work, "out"))):
                problems.append(f"left {left}")
            if problems:
                failures.append(f"{name}: {', '.join(problems)}\n    stderr: {r.stderr.strip()[-400:]}")
            else:
                tally[cls] += 1
                print(f"ok [{cls}] {name} ({dt:.2f} s of {LIMIT_S:g}): {errors[0][:150]}")
    print("summary:", ", ".join(f"{k} {v}" for k, v in sorted(tally.items())), f"- {sum(tally.values())} cases")
    if failures:
        print("FAIL:\n  " + "\n  ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
