#!/usr/bin/env bash
# One prepared check for a machine with an NVIDIA GPU: build Kokkos 4 (CUDA) and ionhop, run the test
# suite on the GPU, run the three benchmarks on the GPU and on the CPU (Kokkos OpenMP), and print one
# table. Everything it prints is also written to ${GPU_CHECK_OUT:-gpu-check-out}/.
#
#   scripts/gpu-check.sh            (environment: KOKKOS_SOURCE, KOKKOS_ARCH, NVCC as for build-kokkos.sh;
#                                    GPU_CHECK_QUICK=1 skips the largest benchmark sizes)
set -uo pipefail
cd "$(dirname "$0")/.."
out=${GPU_CHECK_OUT:-gpu-check-out}
mkdir -p "$out"
exec > >(tee "$out/gpu-check.log") 2>&1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "no nvidia-smi"
if [ -z "${NVCC:-}" ] && [ -x /usr/bin/nvcc ]; then export NVCC=/usr/bin/nvcc; fi
if [ -f ../shared/third_party/kokkos-4.6.01.tar.gz ]; then
  export KOKKOS_SOURCE=${KOKKOS_SOURCE:-$(readlink -f ../shared/third_party/kokkos-4.6.01.tar.gz)}
fi
step() { echo "== $* ($(date +%T))"; }

step "Kokkos CUDA and OpenMP"
cuda=$(scripts/build-kokkos.sh cuda | tail -1) || exit 1
omp=$(scripts/build-kokkos.sh openmp | tail -1) || exit 1
step "ionhop CUDA build"
scripts/build.sh --kokkos "$cuda" > "$out/build-cuda.log" 2>&1 || { tail -40 "$out/build-cuda.log"; exit 1; }
step "ionhop OpenMP build"
scripts/build.sh --kokkos "$omp" > "$out/build-openmp.log" 2>&1 || { tail -40 "$out/build-openmp.log"; exit 1; }
bc=build-$(basename "$cuda") bo=build-$(basename "$omp")

step "test suite on the GPU"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
ctest --test-dir "$bc" -j 4 --timeout 900 > "$out/ctest-cuda.log" 2>&1
grep -E "tests passed|tests failed|\(Failed\)|\(Timeout\)|\(SEGFAULT\)" "$out/ctest-cuda.log"

ncpu=$(nproc)
export OMP_PROC_BIND=spread OMP_PLACES=threads
big=1.2e6; [ "${GPU_CHECK_QUICK:-0}" = 1 ] && big=2e5
step "benchmarks"
for b in cuda openmp; do
  dir=$bc; [ $b = openmp ] && dir=$bo
  for r in 1 100 10000 100000; do
    # ~1e3-site cells for the ensemble sweep: events/s of the whole ensemble (wall clock)
    OMP_NUM_THREADS=$ncpu timeout 300 "$dir/tests/bench/kmc/bench_kmc_nasicon" 1.2e3 $((r * 2000)) $r \
      > "$out/kmc-$b-$r.txt" 2>&1
  done
  OMP_NUM_THREADS=$ncpu timeout 600 "$dir/tests/bench/kmc/bench_kmc_nasicon" $big 4e6 1 > "$out/kmc-$b-sizes.txt" 2>&1
  for n in "6 6 2" "12 12 4" "24 24 8"; do   # 8.6e3, 6.9e4, 5.5e5 atoms (Ewald up to 1e5)
    # the serial LAMMPS peer is not what this table compares (the bench itself prints it on a CPU)
    IONHOP_BENCH_PEER=0 OMP_NUM_THREADS=$ncpu timeout 300 "$dir/tests/bench/md/bench_md_lammps" 20 $n > "$out/md-$b-${n// /x}.txt" 2>&1
  done
  OMP_NUM_THREADS=$ncpu timeout 300 "$dir/tests/bench/bvse/bench_bvse" --skip-grid > /dev/null 2>&1
  OMP_NUM_THREADS=$ncpu timeout 300 "$dir/tests/bench/bvse/bench_bvse" > "$out/bvse-$b.txt" 2>&1
done

step "table (GPU vs all $ncpu CPU cores, OpenMP)"
printf '%-34s %16s %16s\n' "quantity" "GPU (CUDA)" "CPU (OpenMP)"
val() { awk -v col="$2" '$1 !~ /^#/ && NF >= col && $2 ~ /^[0-9]+$/ {v=$col} END {print (v == "" ? "-" : v)}' "$1" 2>/dev/null; }
for r in 1 100 10000 100000; do
  printf '%-34s %16s %16s\n' "KMC ensemble events/s, $r repl." "$(val "$out/kmc-cuda-$r.txt" 10)" "$(val "$out/kmc-openmp-$r.txt" 10)"
done
printf '%-34s %16s %16s\n' "KMC 1 replica events/s, largest" "$(val "$out/kmc-cuda-sizes.txt" 10)" "$(val "$out/kmc-openmp-sizes.txt" 10)"
for n in 6x6x2 12x12x4 24x24x8; do
  for m in DSF Ewald; do
    g=$(awk -v m=$m '$1 == "Buckingham" && $3 == m {print $4, $6; exit}' "$out/md-cuda-$n.txt" 2>/dev/null)
    c=$(awk -v m=$m '$1 == "Buckingham" && $3 == m {print $6; exit}' "$out/md-openmp-$n.txt" 2>/dev/null)
    printf '%-34s %16s %16s\n' "MD $m atom-steps/s, ${g%% *} atoms" "${g##* }" "${c:--}"
  done
done
for s in nasicon garnet; do
  printf '%-34s %16s %16s\n' "BVSE grid s, $s 0.2 A" \
    "$(awk -F'|' -v s=$s '$2 ~ s {print $5 + 0; exit}' "$out/bvse-cuda.txt" 2>/dev/null)" \
    "$(awk -F'|' -v s=$s '$2 ~ s {print $5 + 0; exit}' "$out/bvse-openmp.txt" 2>/dev/null)"
done
echo "raw outputs in $out/"
