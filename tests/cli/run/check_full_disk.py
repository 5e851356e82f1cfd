#!/usr/bin/python3
"""A disk that fills up during a run (issue 17): the output folder is a small tmpfs that passes the
free-space check at the start and is then filled by another process. `ionhop run` must end with
exit 4 and a message per file that could not be written -- no crash, no truncated file under a
final name, no temporary left -- and `ionhop md` likewise (exit 4, its files of that temperature
removed). Needs root (mount); exits 77 (skipped) otherwise.
Usage: check_full_disk.py IONHOP REPO_DIR"""
import os
import subprocess
import sys
import tempfile
import time

import h5py

KMC = """[structure]
file = "{repo}/structures/nasicon_Na3Zr2Si2PO12.cif"
mobile = "Na"
supercell = [2, 2, 1]
[model]
file = "{repo}/potentials/nasicon_lattice_gas.toml"
[kmc]
temperatures = [600, 700, 800]
replicas = 6
equilibration_hops_per_ion = 50
production_hops_per_ion = 3000
samples = 40
[output]
prefix = "full"
checkpoint_every = "off"
"""
MD = """[structure]
file = "{repo}/structures/nasicon_Na3Zr2Si2PO12.cif"
supercell = [3, 3, 1]
[md]
potential = "{repo}/potentials/teter_du_buckingham.toml"
mobile = "Na"
cutoff = 7.0
temperature = 1200
steps = 2000
equilibration_steps = 0
thermo_every = 1
[output]
prefix = "fullmd"
"""


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def fill(mnt):
    """Write until the file system refuses."""
    with open(os.path.join(mnt, "filler"), "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass


def main():
    ionhop, repo = sys.argv[1:3]
    with tempfile.TemporaryDirectory() as d:
        mnt = os.path.join(d, "tiny")
        os.mkdir(mnt)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt], capture_output=True).returncode != 0:
            print("SKIP: mounting a tmpfs needs root")
            sys.exit(77)
        try:
            for name, text, cmd, suffixes in [("run", KMC, "run", (".h5", ".json", ".csv")),
                                              ("md", MD, "md", ("_thermo.csv", "_md.json"))]:
                for f in os.listdir(mnt):
                    os.remove(os.path.join(mnt, f))
                inp = os.path.join(d, f"{name}.toml")
                with open(inp, "w") as f:
                    f.write(text.format(repo=repo))
                p = subprocess.Popen([ionhop, cmd, inp, "-o" if cmd == "run" else "--output", mnt], cwd=d,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                # past the start-up checks: the first progress line (run) or thermo line (md)
                seen, marker = "", "temperature" if cmd == "run" else "step"
                deadline = time.time() + 120
                while time.time() < deadline:
                    line = p.stderr.readline()
                    if not line or marker in line and "estimate" not in line:
                        break
                    seen += line
                fill(mnt)
                out, err = p.communicate(timeout=300)
                err = seen + err
                errors = [l for l in err.splitlines() if l.startswith("error:")]
                if p.returncode != 4 or not errors:
                    fail(f"{name}: exit {p.returncode} on a full disk, expected 4 with messages\n{err[-3000:]}")
                left = sorted(os.listdir(mnt))
                if any(f.endswith(".tmp") for f in left):
                    fail(f"{name}: temporary files left: {left}")
                for f in left:  # what is there under a final name must be complete
                    if f.endswith(".h5"):
                        with h5py.File(os.path.join(mnt, f), "r") as h:
                            list(h.keys())
                    if cmd == "md" and any(f.endswith(s) for s in suffixes):
                        fail(f"md: {f} left behind after the failure")
                print(f"ok: {name}: exit 4 on a full disk; {len(errors)} message(s), e.g. {errors[0][:140]}; files: {left}")
        finally:
            subprocess.run(["umount", mnt])


if __name__ == "__main__":
    main()
