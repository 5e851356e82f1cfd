#!/usr/bin/env bash
# Configure and build ionhop (Release). Extra arguments go to cmake's configure step.
#
#   scripts/build.sh [--kokkos PREFIX] [CMAKE_ARGS...]
#
# Without --kokkos: Debian's Kokkos 3.4 (Serial), build folder ./build.
# With --kokkos PREFIX: the Kokkos 4 install in PREFIX (scripts/build-kokkos.sh openmp|cuda, or a
# cluster's own Kokkos module: PREFIX is its install prefix), build folder ./build-$(basename PREFIX);
# for a CUDA Kokkos the compiler is PREFIX/bin/nvcc_wrapper.
# IONHOP_BUILD_DIR overrides the build folder; IONHOP_BUILD_TARGETS the targets (default: all);
# IONHOP_CONFIGURE_ONLY=1 stops after the configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
kokkos=
if [ "${1:-}" = --kokkos ]; then
  [ $# -ge 2 ] || { echo "build.sh: --kokkos needs a PREFIX" >&2; exit 2; }
  kokkos=$(readlink -f "$2")
  shift 2
fi
args=(-DCMAKE_BUILD_TYPE=Release)
if [ -n "$kokkos" ]; then
  kdir=$(dirname "$(find "$kokkos" -name KokkosConfig.cmake -path '*cmake/Kokkos/*' 2>/dev/null | head -1)")
  [ -f "$kdir/KokkosConfig.cmake" ] || { echo "build.sh: no KokkosConfig.cmake under $kokkos" >&2; exit 2; }
  BUILD_DIR=${IONHOP_BUILD_DIR:-build-$(basename "$kokkos")}
  args+=("-DKokkos_DIR=$kdir")
  if grep -q '^#define KOKKOS_ENABLE_CUDA$' "$kokkos"/include/KokkosCore_config.h 2>/dev/null; then
    [ -f "$kokkos/ionhop-kokkos-env.sh" ] && source "$kokkos/ionhop-kokkos-env.sh"
    wrapper=$kokkos/bin/nvcc_wrapper
    [ -x "$wrapper" ] || { echo "build.sh: $kokkos is a CUDA Kokkos without bin/nvcc_wrapper" >&2; exit 2; }
    args+=("-DCMAKE_CXX_COMPILER=$wrapper")
  fi
else
  BUILD_DIR=${IONHOP_BUILD_DIR:-build}
fi
cmake -S . -B "$BUILD_DIR" "${args[@]}" "$@"
[ "${IONHOP_CONFIGURE_ONLY:-0}" = 1 ] && exit 0
if [ -n "${IONHOP_BUILD_TARGETS:-}" ]; then
  # shellcheck disable=SC2086
  cmake --build "$BUILD_DIR" -j "$(nproc)" --target $IONHOP_BUILD_TARGETS
else
  cmake --build "$BUILD_DIR" -j "$(nproc)"
fi
