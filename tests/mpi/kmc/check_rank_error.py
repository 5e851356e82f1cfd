#!/usr/bin/python3
"""An error on one rank ends an MPI job (issue 17): `ionhop run` on 2 ranks whose output folder
cannot be created -- found by rank 0 alone, while rank 1 goes on to the run -- must print the
message once and end every rank with exit 2 within seconds, not hang.
Usage: check_rank_error.py MPIEXEC IONHOP INPUT"""
import os
import subprocess
import sys
import tempfile
import time


def main():
    mpiexec, ionhop, inp = sys.argv[1:4]
    if os.geteuid() == 0:
        os.environ.setdefault("OMPI_ALLOW_RUN_AS_ROOT", "1")
        os.environ.setdefault("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
    with tempfile.TemporaryDirectory() as d:
        blocker = os.path.join(d, "a_file")
        open(blocker, "w").close()
        t0 = time.time()
        try:
            r = subprocess.run([mpiexec, "-n", "2", "--oversubscribe", ionhop, "run", inp, "-q", "-o",
                                os.path.join(blocker, "out")], capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            sys.exit("FAIL: the job hung after an error on rank 0")
        errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
        if r.returncode != 2 or len(errors) != 1 or "a_file" not in errors[0]:
            sys.exit(f"FAIL: exit {r.returncode}, {len(errors)} error lines:\n{r.stderr}")
        print(f"ok: exit 2 after {time.time() - t0:.1f} s, one message: {errors[0]}")


if __name__ == "__main__":
    main()
