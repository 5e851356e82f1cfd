#!/usr/bin/env bash
# Install dependencies, build, and run the whole test suite (unit, validation, CLI and MPI tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BUILD_DIR=${IONHOP_BUILD_DIR:-build}
# OpenMPI refuses to run as root without these; CI runs as root.
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
export OMPI_MCA_rmaps_base_oversubscribe=1
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" "$@"
