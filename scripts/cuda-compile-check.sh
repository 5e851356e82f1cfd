#!/usr/bin/env bash
# Compile ionhop with a CUDA Kokkos on a machine without a GPU (CI, a cluster's login node).
#
#   scripts/cuda-compile-check.sh PREFIX [kokkos|all]
#
# PREFIX: a CUDA Kokkos install (scripts/build-kokkos.sh cuda). Build folder as scripts/build.sh.
#   kokkos (default): compile, without linking, the engine's translation units that use Kokkos
#          (every file of the library that launches a kernel or holds a View) and the fewest test
#          units that bring in the kernel headers those do not (scripts/kokkos_translation_units.py
#          --cover; it fails if a kernel header is in none): what nvcc can reject in device code.
#   all:   build everything (engine, ionhop, tests, benches), as a user would before a GPU run.
# Nothing is run: the test programs need a GPU (scripts/gpu-check.sh runs them on one).
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "cuda-compile-check: $*" >&2; exit 2; }
[ $# -ge 1 ] || die "usage: $0 PREFIX [kokkos|all]"
prefix=$(readlink -f "$1")
mode=${2:-kokkos}
grep -q '^#define KOKKOS_ENABLE_CUDA$' "$prefix/include/KokkosCore_config.h" 2>/dev/null ||
  die "$prefix is not a CUDA Kokkos install (no KOKKOS_ENABLE_CUDA in include/KokkosCore_config.h)"
start=$SECONDS
case "$mode" in
  all)
    scripts/build.sh --kokkos "$prefix"
    echo "cuda-compile-check: built everything in $((SECONDS - start)) s"
    exit 0 ;;
  kokkos) ;;
  *) die "unknown mode '$mode' (kokkos or all)" ;;
esac
build=${IONHOP_BUILD_DIR:-build-$(basename "$prefix")}
IONHOP_CONFIGURE_ONLY=1 scripts/build.sh --kokkos "$prefix" >/dev/null
source "$prefix/ionhop-kokkos-env.sh"
list=$(python3 scripts/kokkos_translation_units.py "$build" --cover)
n=$(printf '%s\n' "$list" | wc -l)
echo "cuda-compile-check: compiling $n translation units that use Kokkos with $(command -v nvcc) ($(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p'))"
# one make per object, as many at once as there are cores; any failure fails the check
printf '%s\n' "$list" | (cd "$build" && xargs -P "$(nproc)" -L 1 sh -c 'make --no-print-directory -s -f "$0" "$1" >/dev/null || { echo "FAILED: $1" >&2; exit 255; }')
echo "cuda-compile-check: $n translation units compiled in $((SECONDS - start)) s"
