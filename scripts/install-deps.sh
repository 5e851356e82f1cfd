#!/usr/bin/env bash
# Install ionhop's build and run dependencies from Debian 12 packages (needs root). Idempotent:
# installs only what is missing, and runs apt-get update only when something is.
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config
  libtrilinos-kokkos-dev          # Kokkos 3.4 (Serial); a Kokkos 4 install can be used instead
  libopenmpi-dev openmpi-bin libhdf5-openmpi-dev
  libsymspg-dev                   # spglib
  gemmi-dev tao-pegtl-dev libstb-dev   # CIF
  librandom123-dev                # Philox counter-based RNG
  libtoml11-dev libcli11-dev nlohmann-json3-dev libfmt-dev
  googletest libgtest-dev libbenchmark-dev
  lammps                          # reference peer for MD force tests and benchmarks
  python3 python3-matplotlib python3-h5py python3-numpy
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root (or: sudo $0)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
