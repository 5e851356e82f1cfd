#!/usr/bin/env bash
# Build and install Kokkos 4 with the OpenMP or the CUDA backend, for ionhop to build against
# (scripts/build.sh --kokkos PREFIX). Prints the install prefix on its last line.
#
#   scripts/build-kokkos.sh openmp|cuda [PREFIX]
#
# Environment:
#   KOKKOS_SOURCE  a path or URL of the Kokkos release tarball
#                  (default: the Kokkos 4.6.01 release on GitHub; CI passes ../shared/third_party/...)
#   KOKKOS_SHA256  the tarball's sha256, checked for every download (default: that of 4.6.01;
#                  set it empty to skip the check for a local tarball of another release)
#   KOKKOS_ARCH    CUDA only: the Kokkos GPU architecture option without its prefix (default HOPPER90,
#                  e.g. AMPERE80, ADA89); see Kokkos' documentation for the list
#   NVCC           CUDA only: the nvcc to use (default: the first of CUDA 11/12 among CUDA_HOME/bin/nvcc,
#                  the nvccs on PATH, /usr/bin/nvcc)
#   NVCC_HOST_CXX  CUDA only: the host compiler nvcc drives (default: the one nvcc supports, see below)
#
# The install is cached: PREFIX defaults to ${IONHOP_CACHE:-$HOME/.cache/ionhop}/kokkos-VERSION-BACKEND,
# and a PREFIX that already holds an install made with the same settings is reused as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "build-kokkos: $*" >&2; exit 2; }
backend=${1:-}
[ "$backend" = openmp ] || [ "$backend" = cuda ] || die "usage: $0 openmp|cuda [PREFIX]"

version=4.6.01
source=${KOKKOS_SOURCE:-https://github.com/kokkos/kokkos/releases/download/$version/kokkos-$version.tar.gz}
sha=${KOKKOS_SHA256-b9d70e4653b87a06dbb48d63291bf248058c7c7db4bd91979676ad5609bb1a3a}
arch=${KOKKOS_ARCH:-HOPPER90}
tag=$backend
[ "$backend" = cuda ] && tag=cuda-${arch,,}
prefix=${2:-${IONHOP_CACHE:-$HOME/.cache/ionhop}/kokkos-$version-$tag}

cmake_args=(-DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_STANDARD=17 -DKokkos_ENABLE_SERIAL=ON
            -DKokkos_ENABLE_TESTS=OFF -DKokkos_ENABLE_EXAMPLES=OFF)
if [ "$backend" = openmp ]; then
  cmake_args+=(-DKokkos_ENABLE_OPENMP=ON)
else
  # Kokkos 4.6 predates CUDA 13's API changes (cudaGraphAddDependencies, cudaMemAdvise take new
  # types); Kokkos supports CUDA 13 from 4.7 on. So the first nvcc of CUDA <= 12 is taken.
  cuda_major() { "$1" --version | sed -n 's/.*release \([0-9]*\)\..*/\1/p'; }
  nvcc=
  if [ -n "${NVCC:-}" ]; then
    nvcc=$NVCC
    [ -x "$nvcc" ] || die "NVCC=$nvcc is not executable"
    [ "$(cuda_major "$nvcc")" -lt 13 ] || die "NVCC=$nvcc is CUDA 13+, which Kokkos $version cannot be built with; use CUDA 11.x/12.x"
  else
    tried=()
    for c in ${CUDA_HOME:+"$CUDA_HOME/bin/nvcc"} $(type -ap nvcc) /usr/bin/nvcc; do
      [ -x "$c" ] || continue
      tried+=("$c (CUDA $(cuda_major "$c"))")
      if [ "$(cuda_major "$c")" -lt 13 ]; then nvcc=$c; break; fi
    done
    [ -n "$nvcc" ] || die "no nvcc of CUDA 11.x/12.x found (tried: ${tried[*]:-none}); set NVCC, or on Debian 12 run scripts/install-cuda-debian.sh"
  fi
  cuda_version=$("$nvcc" --version | sed -n 's/.*release \([0-9]*\.[0-9]*\).*/\1/p')
  host_cxx=${NVCC_HOST_CXX:-}
  if [ -z "$host_cxx" ]; then
    # CUDA 11.8 accepts g++ up to 11; Debian's nvidia-cuda-toolkit-gcc brings g++-11 for it.
    if [ "${cuda_version%%.*}" -le 11 ] && command -v g++-11 >/dev/null; then host_cxx=$(command -v g++-11)
    else host_cxx=$(command -v g++); fi
  fi
  cuda_root=$(dirname "$(dirname "$(readlink -f "$nvcc")")")
  cmake_args+=(-DKokkos_ENABLE_CUDA=ON "-DKokkos_ARCH_$arch=ON" -DKokkos_ENABLE_CUDA_CONSTEXPR=ON
               "-DCUDAToolkit_ROOT=$cuda_root")
fi

stamp="$prefix/.ionhop-kokkos"
want="kokkos=$version backend=$tag sha=$sha args=${cmake_args[*]} nvcc=${nvcc:-} host=${host_cxx:-}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "build-kokkos: reusing the Kokkos $version $tag install in $prefix" >&2
  echo "$prefix"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ionhop-kokkos.XXXXXX")
trap 'rm -rf "$work"' EXIT
tarball=$work/kokkos.tar.gz
case "$source" in
  http://*|https://*)
    echo "build-kokkos: downloading $source" >&2
    if command -v curl >/dev/null; then curl -fsSL -o "$tarball" "$source"
    else wget -q -O "$tarball" "$source"; fi
    [ -n "$sha" ] || die "KOKKOS_SHA256 must be set for a download"
    ;;
  *) [ -f "$source" ] || die "KOKKOS_SOURCE: $source is not a file"
     cp "$source" "$tarball" ;;
esac
if [ -n "$sha" ]; then
  got=$(sha256sum "$tarball" | cut -d' ' -f1)
  [ "$got" = "$sha" ] || die "sha256 of $source is $got, expected $sha (KOKKOS_SHA256)"
fi
tar -xzf "$tarball" -C "$work"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'kokkos*' | head -1)
[ -f "$src/CMakeLists.txt" ] || die "$source does not unpack to a Kokkos source tree"

if [ "$backend" = cuda ]; then
  # nvcc_wrapper takes nvcc from CUDA_ROOT and the host compiler from NVCC_WRAPPER_DEFAULT_COMPILER;
  # nvcc's directory goes first on PATH so that its own ptxas runs, not another CUDA's (a CUDA 13
  # ptxas in /usr/local/cuda/bin rejects the sm_70 of the compiler check). Everything built against
  # this install needs the same three (scripts/build.sh sources ionhop-kokkos-env.sh).
  export CUDA_ROOT=$cuda_root NVCC_WRAPPER_DEFAULT_COMPILER=$host_cxx PATH="$(dirname "$nvcc"):$PATH"
  cmake_args+=("-DCMAKE_CXX_COMPILER=$src/bin/nvcc_wrapper")
fi
echo "build-kokkos: building Kokkos $version ($tag) into $prefix" >&2
rm -rf "$prefix"
cmake -S "$src" -B "$work/build" -DCMAKE_INSTALL_PREFIX="$prefix" "${cmake_args[@]}" >&2
cmake --build "$work/build" -j "$(nproc)" >&2
cmake --install "$work/build" >&2
if [ "$backend" = cuda ]; then
  printf 'export CUDA_ROOT=%q NVCC_WRAPPER_DEFAULT_COMPILER=%q PATH=%q:"$PATH"\n' "$cuda_root" "$host_cxx" \
    "$(dirname "$nvcc")" > "$prefix/ionhop-kokkos-env.sh"
fi
echo "$want" > "$stamp"
echo "$prefix"
