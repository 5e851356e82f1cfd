#!/usr/bin/env bash
# Configure and build ionhop (Release) in ./build. Extra arguments go to cmake's configure step,
# e.g. scripts/build.sh -DKokkos_ROOT=/opt/kokkos-4 -DCMAKE_CXX_COMPILER=.../nvcc_wrapper
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${IONHOP_BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build "$BUILD_DIR" -j "$(nproc)"
