#!/usr/bin/env bash
# Debian 12's CUDA toolkit (11.8, from the contrib/non-free components) with g++-11 for it, for a CUDA
# build of Kokkos 4.6 and ionhop (scripts/build-kokkos.sh cuda). Needs root. On a cluster use its CUDA
# module instead (CUDA 11.x or 12.x for Kokkos 4.6; CUDA 13 needs Kokkos >= 4.7).
set -euo pipefail
if dpkg-query -W -f='${Status}' nvidia-cuda-toolkit nvidia-cuda-toolkit-gcc 2>/dev/null | grep -qv "install ok installed" ||
   ! dpkg-query -W nvidia-cuda-toolkit-gcc >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "install-cuda-debian: run as root" >&2; exit 1; }
  src=/etc/apt/sources.list.d/debian.sources
  if [ -f "$src" ] && ! grep -q '^Components:.*non-free' "$src"; then
    sed -i 's/^Components: main$/Components: main contrib non-free non-free-firmware/' "$src"
  fi
  # any other layout (sources.list, a mirror): add the two components in a file of their own
  if ! grep -rqsE '^(Components:.*| *deb .*)non-free' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: contrib non-free\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      > /etc/apt/sources.list.d/ionhop-cuda.sources
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nvidia-cuda-toolkit nvidia-cuda-toolkit-gcc
fi
/usr/bin/nvcc --version | tail -1
