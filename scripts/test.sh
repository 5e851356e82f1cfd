#!/usr/bin/env bash
# Install dependencies, build, and run the whole test suite (unit, validation, CLI and MPI tests).
#
#   scripts/test.sh [--kokkos PREFIX] [CTEST_ARGS...]
#
# --kokkos PREFIX builds against that Kokkos 4 install (scripts/build-kokkos.sh) in
# ./build-$(basename PREFIX), as scripts/build.sh does; threads come from OMP_NUM_THREADS.
set -euo pipefail
cd "$(dirname "$0")/.."
kokkos=()
if [ "${1:-}" = --kokkos ]; then
  kokkos=(--kokkos "$2")
  shift 2
fi
scripts/install-deps.sh
scripts/build.sh "${kokkos[@]}"
if [ ${#kokkos[@]} -gt 0 ]; then
  BUILD_DIR=${IONHOP_BUILD_DIR:-build-$(basename "$(readlink -f "${kokkos[1]}")")}
else
  BUILD_DIR=${IONHOP_BUILD_DIR:-build}
fi
# OpenMPI refuses to run as root without these; CI runs as root.
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
export OMPI_MCA_rmaps_base_oversubscribe=1
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" "$@"
