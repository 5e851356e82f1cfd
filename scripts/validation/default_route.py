#!/usr/bin/env python3
"""The uncalibrated default route on the shipped structures, as a new user runs it (doc/validation.md):

    ionhop bvse STRUCTURE --mobile M --model-out model.toml [--interstitials] [--dopant H:D:Q]
    ionhop run input.toml        (300-700 K, 32 replicas, supercell >= 15 Å per axis)

then σ(300 K), Ea of σ and σT, H_R and the site occupancies per case beside the measured values of
doc/data/measured_transport.csv (each with its source). Writes OUT/<case>/ and OUT/default_route.csv
and prints a Markdown table.

    python3 scripts/validation/default_route.py [OUT] [--ionhop BIN] [--replicas R] [--hops H]
                                               [--cases a,b,...] [--no-interstitials] [--scale S]
    python3 scripts/validation/default_route.py OUT --fit-scale

--fit-scale runs the training cases of measured_transport.csv (training = 1) with raw BVSE energies
(--scale 1) and fits the one global energy scale s that minimises Σ (s·Ea_KMC,i − Ea_measured,i)²
(Ea of σ or σT as the source states; σ where it does not): all BVSE energies scale by s, so the KMC
Ea does too. Prints s, the residuals, their RMS and the leave-one-out predictions.

Stdlib only. Every number in the table comes from the runs; nothing is fitted per material.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# case: (structure file, mobile, [composition] TOML lines, bvse --dopant arguments)
CASES = {
    "nasicon": ("nasicon_Na3Zr2Si2PO12.cif", "Na", "", []),
    "nasicon_mg": ("nasicon_Na3Zr2Si2PO12.cif", "Na",
                   'dopants = [{host = "Zr", dopant = "Mg", fraction = 0.025, oxidation = 2}]', []),  # no BVSE Mg parameters
    "nasicon_sc": ("nasicon_Na3Zr2Si2PO12.cif", "Na",
                   'dopants = [{host = "Zr", dopant = "Sc", fraction = 0.1, oxidation = 3}]', ["Zr:Sc:3"]),
    "garnet": ("garnet_Li7La3Zr2O12.cif", "Li", "", []),
    "garnet_ta": ("garnet_Li7La3Zr2O12.cif", "Li",
                  'dopants = [{host = "Zr", dopant = "Ta", fraction = 0.3, oxidation = 5}]', ["Zr:Ta:5"]),
    "na3ps4_cubic": ("Na3PS4_cubic.cif", "Na", "", []),
    "na3ps4_tetragonal_cl": ("Na3PS4_tetragonal.cif", "Na",
                             'dopants = [{host = "S", dopant = "Cl", fraction = 0.0625, oxidation = -1}]', []),
    "li6ps5cl": ("Li6PS5Cl.cif", "Li", "", []),
    "lgps": ("Li10GeP2S12.cif", "Li", "", []),
}
TEMPERATURES = [300, 400, 500, 600, 700]
KB = 8.617333262e-5


def cell_widths(cif):
    """Perpendicular widths of the cell (Å) from the CIF's a, b, c, alpha, beta, gamma."""
    p = {}
    with open(cif) as f:
        for line in f:
            w = line.split()
            if len(w) >= 2 and w[0] in ("_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha",
                                        "_cell_angle_beta", "_cell_angle_gamma"):
                p[w[0]] = float(w[1].split("(")[0])
    a, b, c = p["_cell_length_a"], p["_cell_length_b"], p["_cell_length_c"]
    al, be, ga = (math.radians(p[k]) for k in ("_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"))
    v = a * b * c * math.sqrt(1 - math.cos(al) ** 2 - math.cos(be) ** 2 - math.cos(ga) ** 2
                              + 2 * math.cos(al) * math.cos(be) * math.cos(ga))
    return [v / (b * c * math.sin(al)), v / (a * c * math.sin(be)), v / (a * b * math.sin(ga))]


def run(cmd, cwd):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    return r.stdout


def one_case(name, out, args):
    cif, mobile, composition, dopants = CASES[name]
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    structure = os.path.join(ROOT, "structures", cif)
    cmd = [args.ionhop, "bvse", structure, "--mobile", mobile, "--model-out", "model.toml", "--json"]
    if args.interstitials:
        cmd.append("--interstitials")
    if args.scale is not None:
        cmd += ["--scale", str(args.scale)]
    for dp in dopants:
        cmd += ["--dopant", dp]
    bvse = json.loads(run(cmd, d))
    n = [max(1, math.ceil(15.0 / w)) for w in cell_widths(structure)]
    with open(os.path.join(d, "input.toml"), "w") as f:
        f.write(f"""# default route, case {name} (scripts/validation/default_route.py)
[structure]
file = "{structure}"
mobile = "{mobile}"
supercell = {n}
[composition]
{composition}
[model]
file = "model.toml"
[kmc]
temperatures = {TEMPERATURES}
replicas = {args.replicas}
seed = 2026
equilibration_hops_per_ion = {args.hops // 5}
production_hops_per_ion = {args.hops}
samples = 50
[output]
prefix = "run"
directory = "."
""")
    run([args.ionhop, "run", "input.toml"], d)
    with open(os.path.join(d, "run.json")) as f:
        res = json.load(f)
    return bvse, res


def value(x):
    return (x["value"], x["err"]) if isinstance(x, dict) else (x, float("nan"))


def summarise(name, bvse, res):
    t300 = next(t for t in res["temperatures"] if abs(t["T_K"] - 300) < 1e-9)
    s, se = value(t300["sigma_S_cm"])
    h, he = value(t300["haven_ratio"])
    fs, ft = res["arrhenius"]["sigma"], res["arrhenius"]["sigma_T"]
    ea = lambda fit: value(fit["Ea_eV"]) if fit.get("valid") else (float("nan"), float("nan"))
    occ = "; ".join(f"{o['label']} {o['occupancy']['value']:.2f}" for o in t300.get("site_occupancy", []))
    return {"case": name, "E_3D_eV": bvse["grid"]["percolation_energy"]["3D"],
            "sigma300_S_cm": s, "sigma300_err": se, "Ea_sigma_eV": ea(fs)[0], "Ea_sigma_err": ea(fs)[1],
            "Ea_sigmaT_eV": ea(ft)[0], "Ea_sigmaT_err": ea(ft)[1], "H_R_300": h, "H_R_300_err": he,
            "exclusion_A": bvse.get("model", {}).get("exclusion_distance", 0.0),
            "interstitials": len(bvse.get("interstitials", [])), "occupancy_300": occ}


def measured():
    path = os.path.join(ROOT, "doc", "data", "measured_transport.csv")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {r["case"]: r for r in csv.DictReader(l for l in f if not l.startswith("#"))}


def fit_scale(args, out):
    meas = measured()
    train = [c for c, m in meas.items() if m.get("training") == "1"]
    args.scale = 1.0
    pairs = []
    for name in train:
        print(f"== {name} (raw BVSE energies)", file=sys.stderr)
        row = summarise(name, *one_case(name, out, args))
        kind = meas[name]["Ea_of"]
        e = row["Ea_sigmaT_eV"] if kind == "sigmaT" else row["Ea_sigma_eV"]
        pairs.append((name, e, float(meas[name]["Ea_eV"]), kind))
    fit = lambda ps: sum(e * m for _, e, m, _ in ps) / sum(e * e for _, e, _, _ in ps)
    s = fit(pairs)
    print(f"global BVSE energy scale s = {s:.4f} from {len(pairs)} materials")
    print("| case | Ea_KMC(s=1) eV | of | s·Ea_KMC | measured | residual | leave-one-out s | its prediction | its residual |")
    print("|---|---|---|---|---|---|---|---|---|")
    sq = 0.0
    for i, (name, e, m, kind) in enumerate(pairs):
        loo = fit(pairs[:i] + pairs[i + 1:]) if len(pairs) > 1 else float("nan")
        sq += (s * e - m) ** 2
        print(f"| {name} | {e:.3f} | {kind} | {s * e:.3f} | {m:.3f} | {s * e - m:+.3f} | {loo:.3f} | {loo * e:.3f} | "
              f"{loo * e - m:+.3f} |")
    print(f"RMS residual {math.sqrt(sq / len(pairs)):.3f} eV")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out", nargs="?", default="out/default-route")
    p.add_argument("--ionhop", default=os.path.join(ROOT, "build", "bin", "ionhop"))
    p.add_argument("--replicas", type=int, default=32)
    p.add_argument("--hops", type=int, default=500, help="production hops per ion (equilibration: a fifth)")
    p.add_argument("--cases", default=",".join(CASES))
    p.add_argument("--no-interstitials", dest="interstitials", action="store_false")
    p.add_argument("--scale", type=float, help="ionhop bvse --scale (default: ionhop's default energy scale)")
    p.add_argument("--fit-scale", action="store_true", help="fit the global energy scale on the training cases")
    args = p.parse_args()
    out = os.path.abspath(args.out)
    if args.fit_scale:
        fit_scale(args, out)
        return
    rows = []
    for name in args.cases.split(","):
        if name not in CASES:
            sys.exit(f"--cases: unknown case '{name}' (known: {', '.join(CASES)})")
        print(f"== {name}", file=sys.stderr)
        rows.append(summarise(name, *one_case(name, out, args)))
    with open(os.path.join(out, "default_route.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    meas = measured()
    print("| case | σ(300 K) S/cm | measured | ratio | Ea(σ) eV | Ea(σT) eV | measured Ea | ΔEa | H_R(300 K) | occupancy (300 K) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        m = meas.get(r["case"], {})
        ms, mea = m.get("sigma300_S_cm", ""), m.get("Ea_eV", "")
        ratio = f"{r['sigma300_S_cm'] / float(ms):.2g}" if ms and r["sigma300_S_cm"] > 0 else "–"
        dea = f"{r['Ea_sigma_eV'] - float(mea):+.2f}" if mea and math.isfinite(r["Ea_sigma_eV"]) else "–"
        print(f"| {r['case']} | {r['sigma300_S_cm']:.2e} ± {r['sigma300_err']:.1e} | {ms or '–'} | {ratio} | "
              f"{r['Ea_sigma_eV']:.2f} ± {r['Ea_sigma_err']:.2f} | {r['Ea_sigmaT_eV']:.2f} ± {r['Ea_sigmaT_err']:.2f} | "
              f"{mea or '–'} | {dea} | {r['H_R_300']:.2f} ± {r['H_R_300_err']:.2f} | {r['occupancy_300']} |")


if __name__ == "__main__":
    main()
