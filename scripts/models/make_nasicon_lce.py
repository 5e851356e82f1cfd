#!/usr/bin/env python3
"""Write potentials/nasicon_lce_deng2022.toml from the published NASICON local-cluster-expansion data.

Source: Z. Deng et al., Nat. Commun. 13, 4470 (2022), as extracted (MIT-licensed paper data,
caneparesearch/NASICON_KMC_paper_data, and kMCpy's NEB training set) in
shared/data/nasicon_lce_deng2022/. Run from the repository root:
    python3 scripts/models/make_nasicon_lce.py ../shared/data/nasicon_lce_deng2022 > potentials/nasicon_lce_deng2022.toml
With --kmcpy, the same model in kMCpy's own composite model-file layout (JSON; the test data of the
reader, tests/data/nasicon_lce_deng2022/kmcpy_model.json):
    python3 scripts/models/make_nasicon_lce.py ../shared/data/nasicon_lce_deng2022 --kmcpy > tests/data/nasicon_lce_deng2022/kmcpy_model.json
"""
import csv
import json
import sys
from pathlib import Path

args = [a for a in sys.argv[1:] if not a.startswith("--")]
data = Path(args[0] if args else "../shared/data/nasicon_lce_deng2022")
params = json.loads((data / "nasicon_model_parameters.json").read_text())


def orbits(csv_name, part):
    rows = list(csv.DictReader(open(data / csv_name)))
    keci = params[part]["keci_meV"]
    assert len(rows) == len(keci), (csv_name, len(rows), len(keci))
    out = []
    for row, eci in zip(rows, keci):
        clusters = [[int(k) for k in c.strip("()").split()] for c in row["all_clusters_in_orbit"].split(") (")]
        label = f'{row["cluster_type"]} {row["representative_species"]} {row["max_length_A"]} Å'
        out.append((eci / 1000.0, clusters, label))
    return out


def expansion(name, part, csv_name):
    print(f"\n[{name}]   # E = empty_cluster + Σ_orbits eci · Σ_clusters Π σ   (eV)")
    print(f'empty_cluster = {params[part]["empty_cluster_meV"] / 1000.0!r}')
    print("orbits = [")
    for eci, clusters, label in orbits(csv_name, part):
        cl = ", ".join("[" + ", ".join(str(k) for k in c) + "]" for c in clusters)
        print(f"  {{ eci = {eci!r}, clusters = [{cl}] }},   # {label}")
    print("]")


env = list(csv.DictReader(open(data / "nasicon_local_env_sites.csv")))
kmc = params["kmc_settings_from_kmc/run_kmc.py"]
centre = params["center_Na1_cartesian_A_in_template"]


def kmcpy_part(part, csv_name):
    """One LocalClusterExpansion with its parameters, as kMCpy's model file holds it (meV)."""
    a, c = 9.1863, 22.181  # the template cell (hexagonal R-3c, a along x); centre at (2/3, 1/3, 1/3)
    matrix = [[a, 0.0, 0.0], [-a / 2, a * 3 ** 0.5 / 2, 0.0], [0.0, 0.0, c]]
    sites = [{"name": e["species_label"], "species": [{"element": "Na" if e["species_label"] == "Na" else "Si", "occu": 1.0}],
              "xyz": [float(e["x_A"]), float(e["y_A"]), float(e["z_A"])], "properties": {"local_index": int(e["local_index"])}}
             for e in env]
    lce = {"@module": "kmcpy.model", "@class": "LocalClusterExpansion",
           "center_site": {"species": [{"element": "Na", "occu": 1.0}], "abc": [2 / 3, 1 / 3, 1 / 3],
                           "lattice": {"matrix": matrix}, "properties": {"label": "Na1"}},
           "MigrationUnit_structure": {"@class": "Molecule", "sites": sites},
           "cluster_site_indices": [clusters for _, clusters, _ in orbits(csv_name, part)],
           "basis": {"name": "chebyshev", "max_states": 2},
           "site_basis_values": [[[-1.0], [1.0]] for _ in env]}
    return {"lce": lce, "parameters": {"keci": params[part]["keci_meV"], "empty_cluster": params[part]["empty_cluster_meV"]}}


if "--kmcpy" in sys.argv:
    print(json.dumps({"filetype": "kmcpy.model_file", "model_type": "composite_lce",
                      "kra": kmcpy_part("kra", "nasicon_lce_kra_eci.csv"),
                      "site": kmcpy_part("site", "nasicon_lce_site_eci.csv")}, indent=1))
    sys.exit(0)
print(f"""# NASICON Na(1+x)Zr2Si(x)P(3-x)O12: local cluster expansion of the Na1-Na2 hop barrier
# (ionhop model "local_cluster_expansion"; format doc/model-files.md, physics doc/theory/kmc.md §10).
# Written by scripts/models/make_nasicon_lce.py from shared/data/nasicon_lce_deng2022/; do not edit by hand.
#
# Source: Z. Deng, T. P. Mishra, E. Mahayoni, Q. Ma, A. J. K. Tieu, O. Guillon, J.-N. Chotard,
#   V. Seznec, A. K. Cheetham, C. Masquelier, G. S. Gautam, P. Canepa, "Fundamental investigations on
#   the sodium-ion transport properties of mixed polyanion solid-state battery electrolytes",
#   Nat. Commun. 13, 4470 (2022): ECIs fitted to NEB barriers (kMCpy), MIT-licensed paper data
#   (caneparesearch/NASICON_KMC_paper_data). Fit: KRA rmse {params['kra']['fit_rmse_meV']:.1f} meV (LOOCV
#   {params['kra']['fit_loocv_meV']:.1f}), site rmse {params['site']['fit_rmse_meV']:.1f} meV (LOOCV {params['site']['fit_loocv_meV']:.1f}).
# Hop unit: Na1 (6b, the centre) - Na2 (18e); environment: the 6 Na2 (3.478 Å) and 6 Si/P (3.739 Å)
# around the Na1 centre. σ = -1 for Na (or Si), +1 for a vacancy (or P).
# E_a = E_KRA + dir · E_site / 2 (dir = +1 Na1 -> Na2), Γ = ν exp(-E_a / kT), ν = {kmc['attempt_frequency_Hz']:.3g} Hz.
# The offsets are Cartesian Å in the hexagonal R-3c setting (a along x), around the Na1 centre at
# {centre} Å of the paper's template cell (a = 9.1863, c = 22.181 Å:
# fractional (2/3, 1/3, 1/3)); other Na1 centres take the image under the space group.
model = "local_cluster_expansion"
species = "Na"
reference = "Deng et al., Nat. Commun. 13, 4470 (2022)"
attempt_frequency = {kmc['attempt_frequency_Hz']!r}   # Hz
centre = "Na1"
environment_rule = "canonical"   # "current" evaluates the environment as kMCpy does (doc/theory/kmc.md §10)
template_centre = {centre!r}   # Å
environment = [""")
for e in env:
    sp = "Na" if e["species_label"] == "Na" else "Si"
    print(f'  {{ offset = [{float(e["x_A"])!r}, {float(e["y_A"])!r}, {float(e["z_A"])!r}], species = "{sp}" }},   # {e["local_index"]}: {e["role"]}')
print("]")
expansion("kra", "kra", "nasicon_lce_kra_eci.csv")
expansion("site", "site", "nasicon_lce_site_eci.csv")
