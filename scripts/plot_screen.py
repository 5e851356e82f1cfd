#!/usr/bin/python3
"""Plot the table of `ionhop screen` (screen.json, layout: doc/screening.md) to PNG:
  <stem>_series.png     sigma at the rank temperature and Ea(sigma) against the dopant amount, one
                        curve per series (points with 1-standard-error bars)
  <stem>_arrhenius.png  sigma against 1000/T for the five best compositions, with the Arrhenius fits
Usage: scripts/plot_screen.py SCREEN_DIR/screen.json [-o OUTDIR]   (Debian python3-matplotlib)"""
import argparse
import json
import math
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

KB_EV = 8.617333262e-5  # eV/K


def amount(row):
    """The series axis value of a row: the first non-zero axis (0 for the undoped point)."""
    vals = [v for v in row["axes"].values() if v]
    return vals[0] if vals else 0.0


def sigma_at(row, T):
    for t, s, e in zip(row["temperatures"], row["sigma_S_cm"], row["sigma_err_S_cm"]):
        if t == T:
            return s, e
    return None, None


def plot_series(doc, path):
    T = doc["rank_temperature_K"]
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    for name in doc["series"]:
        rows = sorted((r for r in doc["rows"] if name in r["series"]), key=amount)
        pts = [(amount(r), *sigma_at(r, T), r["ea_sigma"]) for r in rows]
        pts = [p for p in pts if p[1] is not None and p[1] > 0]
        if not pts:
            continue
        x = [p[0] for p in pts]
        a1.errorbar(x, [1e3 * p[1] for p in pts], yerr=[1e3 * (p[2] or 0) for p in pts], marker="o", capsize=3, label=name)
        fits = [(p[0], p[3]) for p in pts if p[3]["valid"]]
        a2.errorbar([f[0] for f in fits], [f[1]["ea_eV"] for f in fits], yerr=[f[1]["ea_err_eV"] for f in fits],
                    marker="o", capsize=3, label=name)
    a1.set_yscale("log")
    a1.set_xlabel("dopant amount (fraction of host, or count per supercell)")
    a1.set_ylabel(f"sigma at {T:g} K (mS/cm)")
    a2.set_xlabel("dopant amount (fraction of host, or count per supercell)")
    a2.set_ylabel("Ea of sigma (eV)")
    for a in (a1, a2):
        a.legend()
        a.grid(alpha=0.3)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_best(doc, path, n=5):
    fig, ax = plt.subplots(figsize=(5.5, 4.2), constrained_layout=True)
    for r in doc["rows"][:n]:
        pts = [(t, s, e) for t, s, e in zip(r["temperatures"], r["sigma_S_cm"], r["sigma_err_S_cm"]) if s and s > 0]
        x = [1000 / p[0] for p in pts]
        line = ax.errorbar(x, [p[1] for p in pts], yerr=[p[2] for p in pts], marker="o", ls="none", capsize=3,
                           label=f"{r['rank']}. {r['id']}")
        f = r["ea_sigma"]
        if f["valid"]:
            xs = [min(x), max(x)]
            ax.plot(xs, [math.exp(f["ln_prefactor"] - f["ea_eV"] / (KB_EV * 1000 / v)) for v in xs],
                    color=line[0].get_color(), lw=1)
    ax.set_yscale("log")
    ax.set_xlabel("1000 / T (1/K)")
    ax.set_ylabel("sigma (S/cm)")
    ax.set_title(f"best {min(n, len(doc['rows']))} at {doc['rank_temperature_K']:g} K")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("table", help="screen.json written by ionhop screen")
    p.add_argument("-o", "--outdir", help="folder for the PNG files (default: beside the table)")
    a = p.parse_args()
    with open(a.table) as f:
        doc = json.load(f)
    out = a.outdir or os.path.dirname(os.path.abspath(a.table))
    os.makedirs(out, exist_ok=True)
    stem = os.path.join(out, os.path.splitext(os.path.basename(a.table))[0])
    plot_series(doc, stem + "_series.png")
    plot_best(doc, stem + "_arrhenius.png")
    print(stem + "_series.png")
    print(stem + "_arrhenius.png")


if __name__ == "__main__":
    main()
