#!/usr/bin/env bash
# Thread scaling of the three benchmarks in an OpenMP build (issue 16): KMC ensemble events/s (wall
# clock), MD atom-steps/s (Buckingham + DSF and + Ewald, >= 1e4 atoms) and the BVSE grid time, at
# 1 and 2 threads (or THREADS="1 2 4"), interleaved over ROUNDS rounds so that a noisy shared host
# affects every thread count alike. Prints the best and the median per thread count and the speed-up of the
# medians against 1 thread. Raw outputs go to ${OUT:-thread-scaling-out}/.
#
#   tests/bench/thread_scaling.sh BUILD_DIR [ROUNDS=3]
#   e.g. tests/bench/thread_scaling.sh build-kokkos-4.6.01-openmp 3
# TABLE_ONLY=1 prints the table from the raw outputs of an earlier run.
# Sizes: KMC_ARGS (bench_kmc_nasicon: max_sites events replicas; default "1.2e3 8e6 16"),
#        MD_CELLS (bench_md_lammps: nx ny nz; default "6 6 3", 12960 atoms), MD_DSF_STEPS (200),
#        MD_EWALD_STEPS (20; Ewald costs ~15x DSF per step). LAMMPS is not run here: its serial
#        figures are in the bench's own table.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [ROUNDS]" >&2; exit 2; }
build=$1 rounds=${2:-3}
threads=${THREADS:-1 2}
kmc_args=${KMC_ARGS:-1.2e3 8e6 16} md_cells=${MD_CELLS:-6 6 3}
out=${OUT:-thread-scaling-out}
for b in kmc/bench_kmc_nasicon md/bench_md_lammps bvse/bench_bvse; do
  [ -x "$build/tests/bench/$b" ] || { echo "thread_scaling: no $build/tests/bench/$b (build with tests)" >&2; exit 2; }
done
mkdir -p "$out"
# GOMP's default waiting (spin briefly, then sleep) is the fastest here; OMP_WAIT_POLICY=passive
# costs the small MD kernels a futex wake-up each (doc/user-guide.md §4b)
export OMP_PROC_BIND=${OMP_PROC_BIND:-false}

for r in $(seq 1 "$rounds"); do
  [ "${TABLE_ONLY:-0}" = 1 ] && break
  for t in $threads; do
    echo "round $r, $t thread(s)" >&2
    # shellcheck disable=SC2086
    OMP_NUM_THREADS=$t "$build/tests/bench/kmc/bench_kmc_nasicon" $kmc_args > "$out/kmc-$t-$r.txt"
    for c in dsf ewald; do
      steps=${MD_DSF_STEPS:-200}; [ $c = ewald ] && steps=${MD_EWALD_STEPS:-20}
      # shellcheck disable=SC2086
      IONHOP_BENCH_COULOMB=$c IONHOP_BENCH_PEER=0 OMP_NUM_THREADS=$t \
        "$build/tests/bench/md/bench_md_lammps" "$steps" $md_cells > "$out/md-$c-$t-$r.txt"
    done
    OMP_NUM_THREADS=$t "$build/tests/bench/bvse/bench_bvse" > "$out/bvse-$t-$r.txt"
  done
done

# one number per raw file: KMC wall-clock ensemble events/s (column 10 of the last size row), MD
# atom-steps/s of ionhop (column 6 of the Buckingham rows), BVSE grid seconds summed over structures
kmc() { awk '$1 !~ /^#/ && NF >= 10 && $2 ~ /^[0-9]+$/ {v = $10} END {print v}' "$1"; }
md() { awk -v m="$2" '$1 == "Buckingham" && $3 == m {print $6; exit}' "$1"; }
atoms() { awk '$1 == "Buckingham" {print $4; exit}' "$1"; }
bvse() { awk -F'|' '$2 ~ /\.cif/ && $3 + 0 == 0.2 {s += $5} END {print s}' "$1"; }
sitehop() { sed -n 's/.*site\/hop energies \([0-9.]*\) s.*/\1/p' "$1"; }
# best (highest rate or lowest time) and median of the rounds
stats() { sort -g | awk -v hi="$1" '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.4g %.4g\n", hi ? v[NR] : v[1], m}'; }

first=${threads%% *}
printf '%-40s %8s %12s %12s %10s\n' "quantity (${rounds} rounds)" threads best median speed-up
line() {  # label better name extractor [arg]
  local label=$1 better=$2 name=$3 fn=$4 arg=${5:-} base=""
  for t in $threads; do
    read -r best med < <(for r in $(seq 1 "$rounds"); do $fn "$out/$name-$t-$r.txt" $arg; done | stats "$([ "$better" = high ] && echo 1 || echo 0)")
    [ -z "$base" ] && base=$med
    if [ "$better" = high ]; then sp=$(awk -v a="$med" -v b="$base" 'BEGIN {printf "%.2f", a / b}')
    else sp=$(awk -v a="$med" -v b="$base" 'BEGIN {printf "%.2f", b / a}'); fi
    printf '%-40s %8s %12s %12s %10s\n' "$label" "$t" "$best" "$med" "${sp}x"
  done
}
line "KMC ensemble events/s (wall)" high kmc kmc
n=$(atoms "$out/md-dsf-$first-1.txt")
line "MD DSF atom-steps/s, $n atoms" high md-dsf md DSF
line "MD Ewald atom-steps/s, $n atoms" high md-ewald md Ewald
line "BVSE grid s, 6 structures, 0.2 A" low bvse bvse
line "BVSE site/hop energies s, 9408 sites" low bvse sitehop
echo "(best: highest rate or shortest time of the rounds; speed-up: ratio of the medians to ${first} thread(s))"
