#pragma once
// The one generic pair functor: loops a half neighbour list (CSR, each pair once, j stored with
// its image code) and evaluates ShortRange + Coulomb. Forces are scattered through a Kokkos
// ScatterView (plain stores on Serial, duplication on OpenMP, atomics on CUDA). With EV = true it
// also reduces the potential energy and the virial. Loops over owned atoms i; j may be a ghost,
// whose force goes back to its owner afterwards (domain decomposition, Newton's third law on).
#include <Kokkos_Core.hpp>
#include <Kokkos_ScatterView.hpp>

#include "kernels/md/md_common.hpp"

namespace ionhop::md_kernels {

template <class ExecSpace, class ShortRange, class Coulomb, bool EV>
struct PairForce {
  using MemSpace = typename ExecSpace::memory_space;
  using ScatterF = Kokkos::Experimental::ScatterView<double* [3], typename Kokkos::View<double* [3], MemSpace>::array_layout,
                                                     ExecSpace, Kokkos::Experimental::ScatterSum>;

  Kokkos::View<const double* [3], MemSpace> x;
  Kokkos::View<const double*, MemSpace> q;
  Kokkos::View<const int*, MemSpace> type;
  Kokkos::View<const int*, MemSpace> offsets;  // CSR: neighbours of i are entries[offsets(i) .. offsets(i+1))
  Kokkos::View<const int*, MemSpace> entries;  // packed (j << 5) | image code
  ShiftTable shifts;
  ShortRange sr;
  Coulomb coul;
  double ke = 0;     // e^2/(4 pi eps0), eV·Å
  double cut2 = 0;   // largest interaction cutoff squared
  ScatterF f;

  KOKKOS_INLINE_FUNCTION void body(int i, EnergyVirial* ev) const {
    auto fa = f.access();
    const double xi = x(i, 0), yi = x(i, 1), zi = x(i, 2);
    const double qi_e = ke * q(i);
    const int ti = type(i);
    double fxi = 0, fyi = 0, fzi = 0;
    const int end = offsets(i + 1);
    for (int k = offsets(i); k < end; ++k) {
      const int entry = entries(k);
      const int j = neighbor_index(entry);
      const double* s = shifts.v[neighbor_image(entry)];
      const double dx = xi - x(j, 0) - s[0];
      const double dy = yi - x(j, 1) - s[1];
      const double dz = zi - x(j, 2) - s[2];
      const double rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= cut2) continue;
      const double r = sqrt(rsq), rinv = 1.0 / r;
      double e = 0, fpair = 0;
      sr.eval(ti, type(j), rsq, r, rinv, e, fpair);
      if (Coulomb::active) coul.eval(qi_e * q(j), rsq, r, rinv, e, fpair);
      fxi += dx * fpair;
      fyi += dy * fpair;
      fzi += dz * fpair;
      fa(j, 0) -= dx * fpair;
      fa(j, 1) -= dy * fpair;
      fa(j, 2) -= dz * fpair;
      if (EV) ev->tally(e, fpair, dx, dy, dz);
    }
    fa(i, 0) += fxi;
    fa(i, 1) += fyi;
    fa(i, 2) += fzi;
  }

  KOKKOS_INLINE_FUNCTION void operator()(int i) const { body(i, nullptr); }
  KOKKOS_INLINE_FUNCTION void operator()(int i, EnergyVirial& ev) const { body(i, &ev); }
};

}  // namespace ionhop::md_kernels
