#!/usr/bin/python3
"""Plot an `ionhop run` HDF5 file (layout: doc/output.md) to PNG:
  <stem>_msd.png        tracer and collective MSD (total) against time, one curve per temperature
  <stem>_arrhenius.png  sigma and sigma*T against 1000/T with error bars and the Arrhenius fits
Usage: scripts/plot_results.py RUN.h5 [-o OUTDIR]   (Debian python3-matplotlib, python3-h5py)"""
import argparse
import os

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

KB_EV = 8.617333262e-5  # eV/K


def plot_msd(f, path):
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    groups = [f["temperatures"][k] for k in sorted(f["temperatures"])]
    for g in groups:
        t = g["time_s"][:]
        T = g.attrs["temperature_K"]
        pos = t > 0  # log-log axes: temperatures span decades of time
        for ax, name in zip(axes, ("msd_tracer", "msd_collective")):
            y = g[name + "_A2"][:, 3][pos]
            e = g[name + "_err_A2"][:, 3][pos]
            line, = ax.plot(t[pos], y, label=f"{T:g} K")
            ax.fill_between(t[pos], np.maximum(y - e, 1e-6 * y.max()), y + e, color=line.get_color(), alpha=0.25,
                            linewidth=0)
    axes[0].set_title("tracer MSD  <Σ|Δr_i|²>/N")
    axes[1].set_title("collective MSD  <|ΣΔr_i|²>/N")
    for ax in axes:
        ax.set_xlabel("time (s)")
        ax.set_ylabel("MSD (Å²)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.legend(fontsize=8)
    fig.suptitle(os.path.basename(f.filename) + (" (partial)" if f.attrs["partial"] else ""))
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_arrhenius(f, path):
    r = f["results"]
    T = r["T_K"][:]
    s = r["sigma_S_cm"][:]
    e = r["sigma_err_S_cm"][:]
    ok = np.isfinite(s) & (s > 0)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    a = f["arrhenius"].attrs
    for ax, times_T, key, unit in ((axes[0], False, "sigma_", "S/cm"), (axes[1], True, "sigmaT_", "S K/cm")):
        y = s * T if times_T else s
        ye = e * T if times_T else e
        x = 1000.0 / T
        ax.errorbar(x[ok], y[ok], yerr=ye[ok], fmt="o", capsize=3, label="KMC")
        if a[key + "valid"]:
            xs = np.linspace(x[ok].min(), x[ok].max(), 50) if ok.any() else x
            fit = np.exp(a[key + "ln_prefactor"] - a[key + "Ea_eV"] / (KB_EV * 1000.0 / xs))
            ax.plot(xs, fit, "-", label=f"Ea = {a[key + 'Ea_eV']:.3f} ± {a[key + 'Ea_err_eV']:.3f} eV")
        ax.set_yscale("log")
        ax.set_xlabel("1000 / T (1/K)")
        ax.set_ylabel(("σT" if times_T else "σ") + f" ({unit})")
        ax.legend(fontsize=8)
    fig.suptitle(os.path.basename(f.filename) + (" (partial)" if f.attrs["partial"] else ""))
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="HDF5 file written by `ionhop run`")
    p.add_argument("-o", "--output-dir", help="folder for the PNG files (default: beside the input)")
    args = p.parse_args()
    out = args.output_dir or os.path.dirname(os.path.abspath(args.file))
    os.makedirs(out, exist_ok=True)
    stem = os.path.splitext(os.path.basename(args.file))[0]
    with h5py.File(args.file, "r") as f:
        if f.attrs.get("format") != "ionhop-kmc-1":
            raise SystemExit(f"error: {args.file}: not an ionhop run file (format {f.attrs.get('format')!r})")
        msd = os.path.join(out, stem + "_msd.png")
        arr = os.path.join(out, stem + "_arrhenius.png")
        plot_msd(f, msd)
        plot_arrhenius(f, arr)
    print(msd)
    print(arr)


if __name__ == "__main__":
    main()
