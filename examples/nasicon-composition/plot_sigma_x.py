#!/usr/bin/env python3
"""σ(x) of Na(1+x)Zr2Si(x)P(3-x)O12 from the runs of run.sh: OUT/sigma_x.csv and OUT/sigma_x.png.

    python3 examples/nasicon-composition/plot_sigma_x.py OUT [OUT2 ...]

Reads OUT/x_*/nasicon_x*.json (ionhop run outputs, doc/output.md). Columns: x (nominal), x of the
simulated supercell (from its Na count), log10 σ (S/cm, from D_J) and its standard error at each
temperature, H_R, log10 of the tracer conductivity (from D*, H_R = 1),
Ea of σ and of σT (eV) with errors, and the published curve (Deng et al., Nat. Commun. 13, 4470
(2022), values read from the figure) where it has a value. With several OUT folders (e.g. both
environment rules) the plot overlays them; the CSV is written into each.
"""
import csv
import glob
import json
import math
import os
import sys

# Deng et al. 2022, log10 σ (S/cm) read from the figure at 373 / 473 / 573 K (issue 13).
PUBLISHED = {0.6: (-5.6, -3.5, -2.4), 1.2: (-4.4, -2.7, -1.7), 1.5: (-4.4, -2.7, -1.7), 1.8: (-4.4, -2.7, -1.7),
             2.1: (-3.0, -1.7, -0.9), 2.4: (-1.8, -0.8, -0.1), 2.7: (-1.9, -0.9, -0.35), 3.0: (-3.0, -2.0, -1.5)}
TEMPS = (373, 473, 573)


def rows_of(out):
    rows = []
    for path in sorted(glob.glob(os.path.join(out, "x_*", "nasicon_x*.json"))):
        j = json.load(open(path))
        x = float(os.path.basename(os.path.dirname(path))[2:])
        row = {"x": x}
        for t in j["temperatures"]:
            T = round(t["T_K"])
            s, e = t["sigma_S_cm"]["value"], t["sigma_S_cm"]["err"]
            row[f"log10_sigma_{T}K"] = math.log10(s) if s > 0 else float("nan")
            row[f"log10_sigma_{T}K_err"] = e / (s * math.log(10)) if s > 0 else float("nan")
            row[f"haven_ratio_{T}K"] = t["haven_ratio"]["value"]
            st = t["sigma_tracer_S_cm"]["value"]  # Nernst-Einstein with D* (H_R = 1)
            row[f"log10_sigma_tracer_{T}K"] = math.log10(st) if st > 0 else float("nan")
            n_fu = j["supercell"][0] * j["supercell"][1] * j["supercell"][2] * 6
            row["x_simulated"] = t["n_ions"] / n_fu - 1
        for key in ("sigma", "sigma_T"):
            fit = j["arrhenius"][key]
            row[f"Ea_{key}_eV"] = fit["Ea_eV"]["value"] if fit.get("valid") else float("nan")
            row[f"Ea_{key}_eV_err"] = fit["Ea_eV"]["err"] if fit.get("valid") else float("nan")
        pub = PUBLISHED.get(round(x, 1) if x < 2.9 else 3.0)
        for T, v in zip(TEMPS, pub or (None,) * 3):
            row[f"published_log10_sigma_{T}K"] = "" if v is None else v
        rows.append(row)
    return rows


def main():
    outs = sys.argv[1:] or ["out/nasicon-composition"]
    series = []
    for out in outs:
        rows = rows_of(out)
        if not rows:
            sys.exit(f"plot_sigma_x.py: no results under {out}/x_*/")
        with open(os.path.join(out, "sigma_x.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
        print(f"wrote {os.path.join(out, 'sigma_x.csv')}")
        series.append((out, rows))
    try:
        import matplotlib
    except ImportError:
        sys.exit("plot_sigma_x.py: matplotlib is missing (Debian: python3-matplotlib); the CSV above is written, no PNG")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4.2))
    colours = {373: "tab:blue", 473: "tab:orange", 573: "tab:red"}
    markers = ["o", "s", "^", "D"]
    styles = ["-", ":", "-.", (0, (1, 3))]
    for k, (out, rows) in enumerate(series):
        xs = [r["x_simulated"] for r in rows]
        for T in TEMPS:
            a.errorbar(xs, [r[f"log10_sigma_{T}K"] for r in rows], yerr=[r[f"log10_sigma_{T}K_err"] for r in rows],
                       color=colours[T], marker=markers[k % 4], ls=styles[k % 4], ms=4, capsize=2,
                       label=f"{T} K, {os.path.basename(os.path.normpath(out))}")
        b.errorbar(xs, [r["Ea_sigma_eV"] for r in rows], yerr=[r["Ea_sigma_eV_err"] for r in rows], marker=markers[k % 4],
                   ls=styles[k % 4],
                   capsize=2, label=f"Ea(σ), {os.path.basename(os.path.normpath(out))}")
    for T, i in zip(TEMPS, range(3)):
        px = sorted(PUBLISHED)
        a.plot(px, [PUBLISHED[x][i] for x in px], ls="--", lw=2.5, alpha=0.5, color=colours[T], marker="x", ms=8,
               label=f"{T} K, Deng 2022 (figure)")
    a.set_xlabel("x in Na$_{1+x}$Zr$_2$Si$_x$P$_{3-x}$O$_{12}$")
    a.set_ylabel("log$_{10}$ σ (S/cm)")
    a.legend(fontsize=7)
    b.set_xlabel("x")
    b.set_ylabel("Ea of σ (eV), 373-573 K")
    b.legend(fontsize=7)
    fig.tight_layout()
    png = os.path.join(outs[0], "sigma_x.png")
    fig.savefig(png, dpi=120)
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
