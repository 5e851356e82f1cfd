#!/usr/bin/env python3
"""CLI tests of `ionhop info`.

snapshot IONHOP STRUCTURE MOBILE EXPECTED.json [--update]
    Run `ionhop info STRUCTURE --mobile MOBILE --json`, keep the stable fields (space group,
    site counts, hop classes with lengths / multiplicities / bottleneck radii, percolation) and
    compare them with the checked-in EXPECTED.json (numbers to 1e-3, the rest exactly). The
    text report must also succeed and name the same hop classes. --update rewrites EXPECTED.json
    (review the diff before committing it).
error IONHOP SUBSTRING ARGS...
    Run `ionhop ARGS...`; it must exit with code 2 and print "error:" and SUBSTRING on stderr.
"""
import json
import subprocess
import sys

TOL = 1e-3


def stable(report):
    m = report["mobile"]
    p = report["percolation"]
    return {
        "formula": report["formula"],
        "charge_balanced": report["charge_balanced"],
        "space_group_number": report["space_group"]["number"],
        "mobile": {
            "species": m["species"],
            "n_sites": m["n_sites"],
            "n_hops_directed": m["n_hops_directed"],
            "cutoff_A": m["cutoff_A"],
            "site_classes": [{k: s[k] for k in ("label", "wyckoff", "multiplicity")} for s in m["site_classes"]],
        },
        "hop_classes": [{k: h[k] for k in ("sites", "length_A", "per_site", "bottleneck_radius_A")}
                        for h in report["hop_classes"]],
        "percolation": {k: p[k] for k in ("dimensionality", "radius_1d_A", "radius_2d_A", "radius_3d_A")},
    }


def compare(got, want, path="$"):
    """List of differences between got and want (floats to TOL)."""
    if isinstance(want, dict):
        if not isinstance(got, dict) or set(got) != set(want):
            return [f"{path}: keys {sorted(got) if isinstance(got, dict) else got} != {sorted(want)}"]
        return [d for k in want for d in compare(got[k], want[k], f"{path}.{k}")]
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{path}: {got} != {want}"]
        return [d for i, (g, w) in enumerate(zip(got, want)) for d in compare(g, w, f"{path}[{i}]")]
    if isinstance(want, float) and not isinstance(want, bool):
        if not isinstance(got, (int, float)) or abs(got - want) > TOL:
            return [f"{path}: {got} != {want} (tolerance {TOL})"]
        return []
    return [] if got == want else [f"{path}: {got!r} != {want!r}"]


def snapshot(ionhop, structure, mobile, expected, update):
    run = subprocess.run([ionhop, "info", structure, "--mobile", mobile, "--json"], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"ionhop info failed ({run.returncode}):\n{run.stderr}")
    got = stable(json.loads(run.stdout))
    if update:
        with open(expected, "w") as f:
            json.dump(got, f, indent=2)
            f.write("\n")
        print(f"wrote {expected}")
        return
    with open(expected) as f:
        want = json.load(f)
    diffs = compare(got, want)
    text = subprocess.run([ionhop, "info", structure, "--mobile", mobile], capture_output=True, text=True)
    if text.returncode != 0 or "hop classes" not in text.stdout:
        diffs.append(f"text report failed ({text.returncode}): {text.stderr}")
    for h in got["hop_classes"]:
        if "-".join(h["sites"]) not in text.stdout:
            diffs.append(f"text report lacks hop class {'-'.join(h['sites'])}")
    if diffs:
        sys.exit("snapshot mismatch:\n  " + "\n  ".join(diffs))
    print(f"{structure}: {len(got['hop_classes'])} hop classes, dimensionality "
          f"{got['percolation']['dimensionality']}: matches {expected}")


def error(ionhop, substring, args):
    run = subprocess.run([ionhop] + args, capture_output=True, text=True)
    problems = []
    if run.returncode != 2:
        problems.append(f"exit code {run.returncode}, expected 2")
    if "error:" not in run.stderr or substring not in run.stderr:
        problems.append(f"stderr lacks 'error:' / {substring!r}: {run.stderr!r}")
    if problems:
        sys.exit("; ".join(problems))
    print(f"ok: {run.stderr.strip()}")


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "snapshot":
        snapshot(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], "--update" in sys.argv[6:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "error":
        error(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        sys.exit(__doc__)
