#pragma once
// Device side of MD hop detection (engine/md/hop_tracker.hpp): each step, only the mobile ions the
// host detector must look at leave the device. An ion closer to its assigned site than half the
// shortest site–site distance has no nearer site (triangle inequality), so unless it is on an
// excursion (watched) the detector would leave it as it is. HopScreen is a parallel_scan over the
// owned atoms that compacts the tracked ions it cannot rule out (index, Cartesian position) into
// out_atom / out_x.
#include <cstdint>

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
  Kokkos::View<const double* [3], M> x;       // owned atoms, Å
  Kokkos::View<const int*, M> home;           // site assigned to atom i (-1: not a tracked ion)
  Kokkos::View<const int*, M> watch;          // 1: atom i is on an excursion
  Kokkos::View<const std::int64_t*, M> id;   // global atom ids
  Kokkos::View<const double* [3], M> site_frac;
  Kokkos::View<int*, M> out_atom;
  Kokkos::View<std::int64_t*, M> out_id;
  Kokkos::View<double* [3], M> out_x;
  Box box;
  double lattice[3][3] = {};  // rows a, b, c of the site network's cell, Å (same fractional frame)
  double r2 = 0;              // squared screening radius, Å^2

  KOKKOS_INLINE_FUNCTION void operator()(int i, int& n, bool final) const {
    const int s = home(i);
    if (s < 0) return;
    const double r[3] = {x(i, 0), x(i, 1), x(i, 2)};
    double f[3], c[3] = {0, 0, 0};
    box.to_frac(r, f);
    for (int a = 0; a < 3; ++a) {
      double d = site_frac(s, a) - f[a];
      d -= nearest_integer(d);
      for (int b = 0; b < 3; ++b) c[b] += d * lattice[a][b];
    }
    const double d2 = c[0] * c[0] + c[1] * c[1] + c[2] * c[2];
    if (watch(i) != 0 || !(d2 < r2)) {
      if (final) {
        out_atom(n) = i;
        out_id(n) = id(i);
        for (int a = 0; a < 3; ++a) out_x(n, a) = r[a];
      }
      ++n;
    }
  }
};

// Write back what the host detector said about the atoms it examined: site and excursion flag.
template <class ExecSpace>
struct HopScreenUpdate {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<int*, M> home, watch;
  Kokkos::View<const int*, M> atom, site, watched;
  KOKKOS_INLINE_FUNCTION void operator()(int j) const {
    home(atom(j)) = site(j);
    watch(atom(j)) = watched(j);
  }
};

// The owned atoms of one type compacted into rows (id, unwrapped x, y, z), unwrapped = x + image · h
// (a parallel_scan; the scan counts the rows).
template <class ExecSpace>
struct SelectUnwrapped {
  using M = typename ExecSpace::memory_space;
  using value_type = int;
  Kokkos::View<const double* [3], M> x;
  Kokkos::View<const int* [3], M> image;
  Kokkos::View<const int*, M> type;
  Kokkos::View<const std::int64_t*, M> id;
  int wanted = 0;  // < 0: every atom
  Kokkos::View<double* [4], M> out;
  Box box;
  KOKKOS_INLINE_FUNCTION void operator()(int i, int& n, bool final) const {
    if (wanted >= 0 && type(i) != wanted) return;
    if (final) {
      const double n0 = image(i, 0), n1 = image(i, 1), n2 = image(i, 2);
      out(n, 0) = static_cast<double>(id(i));  // exact below 2^53
      out(n, 1) = x(i, 0) + n0 * box.xx + n1 * box.xy + n2 * box.xz;
      out(n, 2) = x(i, 1) + n1 * box.yy + n2 * box.yz;
      out(n, 3) = x(i, 2) + n2 * box.zz;
    }
    ++n;
  }
};

}  // namespace ionhop::md_kernels
