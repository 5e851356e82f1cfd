#!/usr/bin/env python3
"""`ionhop bvse --model-out` from the user's side (doc/theory/bvse.md §5): by default the model carries
the global energy scale (every energy 0.491 x the raw one, said in the file) and the hard exclusion at
r(M+, VI) + r(O2-, VI) and softBV's Coulomb term between mobile ions; --scale 1 gives the raw energies
(UNCALIBRATED), --exclusion-distance 0 and --no-ion-coulomb drop the other two;
bad values of the new options exit 2 with a one-line error before any grid is computed.

    check_bvse_model.py IONHOP STRUCTURE.cif MOBILE WORKDIR
"""
import os
import re
import subprocess
import sys


def model(ionhop, structure, mobile, path, *extra):
    r = subprocess.run([ionhop, "bvse", structure, "--mobile", mobile, "--model-out", path, *extra],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"ionhop bvse {' '.join(extra)} failed ({r.returncode}): {r.stderr}")
    with open(path) as f:
        return f.read()


def numbers(text, key):
    return [float(x) for x in re.findall(rf"^{key} = ([-0-9.e+]+)", text, re.M)]


def refused(ionhop, structure, mobile, substring, *extra):
    r = subprocess.run([ionhop, "bvse", structure, "--mobile", mobile, *extra], capture_output=True, text=True)
    if r.returncode != 2 or substring not in r.stderr or len(r.stderr.strip().splitlines()) != 1:
        sys.exit(f"{' '.join(extra)}: exit {r.returncode}, stderr {r.stderr!r} (expected exit 2 and {substring!r})")


def main():
    ionhop, structure, mobile, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    default = model(ionhop, structure, mobile, os.path.join(work, "default.toml"))
    raw = model(ionhop, structure, mobile, os.path.join(work, "raw.toml"), "--scale", "1", "--exclusion-distance", "0",
                "--no-ion-coulomb")
    problems = []
    if "Global energy scale" not in default or "UNCALIBRATED" not in raw:
        problems.append("the files do not say which energy scale they carry")
    kd, kr = numbers(default, "e_kra"), numbers(raw, "e_kra")
    if not kd or len(kd) != len(kr) or any(abs(a - 0.491 * b) > 2e-6 for a, b in zip(kd, kr)):
        problems.append(f"default e_kra {kd} are not 0.491 x the raw {kr}")
    expected = {"Li": 2.16, "Na": 2.42}[mobile]
    if numbers(default, "exclusion_distance") != [expected] or numbers(raw, "exclusion_distance"):
        problems.append(f"exclusion_distance: default {numbers(default, 'exclusion_distance')} (expected {expected}), "
                        f"with --exclusion-distance 0 {numbers(raw, 'exclusion_distance')} (expected none)")
    # softBV's Coulomb term between two mobile ions, scaled with the energies: q² = 0.491 s_q / n
    if "[coulomb]" not in default or "[coulomb]" in raw or not numbers(default, "erfc_length"):
        problems.append("the default model lacks the mobile-ion [coulomb] (or --no-ion-coulomb kept one)")
    if problems:
        sys.exit("; ".join(problems))
    refused(ionhop, structure, mobile, "contradict", "--no-ion-coulomb", "--ion-coulomb-cutoff", "5")
    refused(ionhop, structure, mobile, "--exclusion-distance", "--model-out", os.path.join(work, "x.toml"),
            "--exclusion-distance", "-1")
    refused(ionhop, structure, mobile, "--interstitial-window", "--interstitial-window", "0")
    refused(ionhop, structure, mobile, "--interstitials needs the site/hop mode", "--interstitials", "--no-hops")
    print(f"ok: e_kra {kd} = 0.491 x {kr}, exclusion {expected} Å")


if __name__ == "__main__":
    main()
