#pragma once
// Device side of MD hop detection (engine/md/hop_tracker.hpp): each step, only the mobile ions the
// host detector must look at leave the device. An ion closer to its assigned site than half the
// shortest site–site distance has no nearer site (triangle inequality), so unless it is on an
// excursion (watched) the detector would leave it as it is. HopScreen is a parallel_scan over the
// mobile ions that compacts the others (index, Cartesian position) into out_ion / out_x.
#include <Kokkos_Core.hpp>

#include "kernels/md/md_common.hpp"

namespace ionhop::md_kernels {

KOKKOS_INLINE_FUNCTION double nearest_integer(double d) {
  return static_cast<double>(static_cast<long long>(d >= 0 ? d + 0.5 : d - 0.5));
}

template <class ExecSpace>
struct HopScreen {
  using M = typename ExecSpace::memory_space;
  using value_type = int;  // the scan counts the ions handed to the host
  Kokkos::View<const double* [3], M> x;       // all atoms, Å
  Kokkos::View<const int*, M> atom;           // atom index of mobile ion k
  Kokkos::View<const int*, M> home;           // site assigned to ion k
  Kokkos::View<const int*, M> watch;          // 1: ion k is on an excursion
  Kokkos::View<const double* [3], M> site_frac;
  Kokkos::View<int*, M> out_ion;
  Kokkos::View<double* [3], M> out_x;
  Box box;
  double lattice[3][3] = {};  // rows a, b, c of the site network's cell, Å (same fractional frame)
  double r2 = 0;              // squared screening radius, Å^2

  KOKKOS_INLINE_FUNCTION void operator()(int k, int& n, bool final) const {
    const int i = atom(k);
    const double r[3] = {x(i, 0), x(i, 1), x(i, 2)};
    double f[3], c[3] = {0, 0, 0};
    box.to_frac(r, f);
    const int s = home(k);
    for (int a = 0; a < 3; ++a) {
      double d = site_frac(s, a) - f[a];
      d -= nearest_integer(d);
      for (int b = 0; b < 3; ++b) c[b] += d * lattice[a][b];
    }
    const double d2 = c[0] * c[0] + c[1] * c[1] + c[2] * c[2];
    if (watch(k) != 0 || !(d2 < r2)) {
      if (final) {
        out_ion(n) = k;
        for (int a = 0; a < 3; ++a) out_x(n, a) = r[a];
      }
      ++n;
    }
  }
};

// Write back what the host detector changed for the ions it examined: site and excursion flag.
template <class ExecSpace>
struct HopScreenUpdate {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<int*, M> home, watch;
  Kokkos::View<const int*, M> ion, site, watched;
  KOKKOS_INLINE_FUNCTION void operator()(int j) const {
    home(ion(j)) = site(j);
    watch(ion(j)) = watched(j);
  }
};

// Unwrapped positions (x + image · h) of the listed atoms into out (one row per listed atom).
template <class ExecSpace>
struct GatherUnwrapped {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [3], M> x;
  Kokkos::View<const int* [3], M> image;
  Kokkos::View<const int*, M> atom;
  Kokkos::View<double* [3], M> out;
  Box box;
  KOKKOS_INLINE_FUNCTION void operator()(int k) const {
    const int i = atom(k);
    const double n0 = image(i, 0), n1 = image(i, 1), n2 = image(i, 2);
    out(k, 0) = x(i, 0) + n0 * box.xx + n1 * box.xy + n2 * box.xz;
    out(k, 1) = x(i, 1) + n1 * box.yy + n2 * box.yz;
    out(k, 2) = x(i, 2) + n2 * box.zz;
  }
};

}  // namespace ionhop::md_kernels
