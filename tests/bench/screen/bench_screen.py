#!/usr/bin/python3
"""Benchmark of `ionhop screen` (issue 14): compositions per hour on one core, and the overhead of
the screen over the same compositions run by hand (`ionhop run` on each input that
`ionhop screen --inputs` writes), in interleaved rounds (the VM is shared: min and median).

Usage: bench_screen.py IONHOP SCREEN.toml [ROUNDS]
  e.g. /usr/bin/python3 tests/bench/screen/bench_screen.py build/bin/ionhop examples/screening/nasicon.toml 3
Prints a table; not a timed test."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd, cwd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {r.returncode}\n{r.stderr}")
    return time.perf_counter() - t0


def main():
    ionhop, screen = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with tempfile.TemporaryDirectory() as d:
        inputs = os.path.join(d, "inputs")
        r = subprocess.run([ionhop, "screen", screen, "-o", os.path.join(d, "hand"), "--inputs", inputs],
                           capture_output=True, text=True, check=True)
        files = r.stdout.split()
        t_screen, t_hand = [], []
        for k in range(rounds):
            order = ["screen", "hand"] if k % 2 == 0 else ["hand", "screen"]
            for what in order:
                shutil.rmtree(os.path.join(d, "screen"), ignore_errors=True)
                shutil.rmtree(os.path.join(d, "hand", "runs"), ignore_errors=True)
                if what == "screen":
                    t_screen.append(timed([ionhop, "screen", screen, "-q", "-o", os.path.join(d, "screen")], d))
                else:
                    t_hand.append(sum(timed([ionhop, "run", f, "-q"], d) for f in files))
            print(f"round {k + 1}: screen {t_screen[-1]:.1f} s, by hand {t_hand[-1]:.1f} s", file=sys.stderr)
    n = len(files)
    ms, mh = statistics.median(t_screen), statistics.median(t_hand)
    print(f"ionhop screen {os.path.relpath(screen)}: {n} compositions, {rounds} interleaved rounds, one core")
    print(f"{'':>22} {'min (s)':>9} {'median (s)':>11} {'compositions/h':>15}")
    print(f"{'ionhop screen':>22} {min(t_screen):9.1f} {ms:11.1f} {3600 * n / ms:15.0f}")
    print(f"{'ionhop run x ' + str(n):>22} {min(t_hand):9.1f} {mh:11.1f} {3600 * n / mh:15.0f}")
    print(f"overhead of the screen: {100 * (ms / mh - 1):+.1f} % (medians), {100 * (min(t_screen) / min(t_hand) - 1):+.1f} % (minima)")


if __name__ == "__main__":
    main()
