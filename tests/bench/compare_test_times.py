#!/usr/bin/env python3
"""Compare per-test wall times of two ctest runs (issue 16: no test slower than 2x its Serial time
with 2 OpenMP threads).

    tests/bench/compare_test_times.py SERIAL_LOG THREADED_LOG [--limit 2] [--floor 0.5]

Each LOG is the console output of `ctest` (lines "... Test #N: NAME ....   Passed   1.23 sec").
Prints the tests sorted by the ratio THREADED/SERIAL, the total of each run, and every test over
the limit. Tests shorter than --floor seconds in both runs are listed but not judged: their times
are process start-up and rounding. Exit status 1 when a judged test is over the limit.
"""
import argparse
import re
import sys

LINE = re.compile(r"Test\s+#\d+: (.+?) \.+\s+(Passed|\*\*\*Failed|\*\*\*Timeout|\*\*\*Exception\S*)\s+([\d.]+) sec")
# gtest names of parameterised tests carry the address of each parameter, which differs per build
ADDRESS = re.compile(r"0x[0-9a-f]+ pointing to ")


def read(path):
    times = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        m = LINE.search(line)
        if m:
            times[ADDRESS.sub("", m.group(1))] = (float(m.group(3)), m.group(2))
    if not times:
        sys.exit(f"compare_test_times: no test results in {path}")
    return times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("serial")
    ap.add_argument("threaded")
    ap.add_argument("--limit", type=float, default=2.0)
    ap.add_argument("--floor", type=float, default=0.5)
    ap.add_argument("--top", type=int, default=15, help="rows of the table (largest ratios)")
    a = ap.parse_args()
    s, t = read(a.serial), read(a.threaded)
    common = sorted(set(s) & set(t), key=lambda k: t[k][0] / max(s[k][0], 1e-3), reverse=True)
    print(f"{'test':<70} {'serial s':>9} {'threaded s':>10} {'ratio':>6}")
    for k in common[: a.top]:
        ratio = t[k][0] / max(s[k][0], 1e-3)
        mark = "" if max(s[k][0], t[k][0]) >= a.floor else "  (below floor)"
        print(f"{k[:70]:<70} {s[k][0]:>9.2f} {t[k][0]:>10.2f} {ratio:>6.2f}{mark}")
    judged = [k for k in common if max(s[k][0], t[k][0]) >= a.floor]
    over = [k for k in judged if t[k][0] / max(s[k][0], 1e-3) > a.limit]
    print(f"\n{len(common)} tests in both runs, {len(judged)} at or above {a.floor} s; "
          f"sum serial {sum(s[k][0] for k in common):.1f} s, threaded {sum(t[k][0] for k in common):.1f} s")
    only = sorted(set(s) ^ set(t))
    if only:
        print("in one run only:", ", ".join(only))
    print(f"over {a.limit}x: " + (", ".join(over) if over else "none"))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
