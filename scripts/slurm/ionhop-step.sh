#!/bin/bash
# One step of a resumable ionhop job, shared by the Slurm templates of this folder:
#   ionhop-step.sh run|md INPUT CHECKPOINT [LAUNCHER...] [-- IONHOP_ARGS...]
# Continues from CHECKPOINT when it exists (--restart), runs `LAUNCHER ionhop run|md INPUT`, and
# exits with ionhop's code: 0 done; 3 or 128+N stopped with a checkpoint (resubmit); other: failed.
# The template resubmits itself on 3 / 128+N (see kmc-mpi.sbatch).
set -uo pipefail
[ $# -ge 3 ] || { echo "usage: $0 run|md INPUT CHECKPOINT [LAUNCHER...] [-- IONHOP_ARGS...]" >&2; exit 2; }
cmd=$1 input=$2 checkpoint=$3
shift 3
launcher=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do launcher+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
restart=()
if [ -f "$checkpoint" ]; then
  restart=(--restart "$checkpoint")
  echo "ionhop-step: continuing from $checkpoint"
fi
"${launcher[@]}" ionhop "$cmd" "$input" "${restart[@]}" "$@"
rc=$?
case $rc in
  0) echo "ionhop-step: complete" ;;
  3 | 1[3-9][0-9]) echo "ionhop-step: stopped with a checkpoint (exit $rc)" ;;
  *) echo "ionhop-step: failed with exit $rc (2: bad input, 4: output not written; see the messages above)" >&2 ;;
esac
exit $rc
