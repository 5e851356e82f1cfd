#pragma once
// erfc for the real-space Coulomb kernels, as a compile-time policy:
//   ErfcExact — the C library erfc (relative accuracy ~1e-16);
//   ErfcPoly  — Abramowitz & Stegun 7.1.26, |error| <= 1.5e-7, the form LAMMPS 2021 uses in
//               buck/coul/long (pair_modify table 0); it shares exp(-x^2) with the force term, so
//               it is cheaper. Used to reproduce LAMMPS's Ewald real space to 1e-8 when asked.
#include <cmath>

#include <Kokkos_Core.hpp>

namespace ionhop::md_kernels {

struct ErfcExact {
  // erfc(x) given x and expm2 = exp(-x^2) (unused here).
  KOKKOS_INLINE_FUNCTION static double eval(double x, double /*expm2*/) { return erfc(x); }
};

struct ErfcPoly {
  KOKKOS_INLINE_FUNCTION static double eval(double x, double expm2) {
    constexpr double p = 0.3275911, a1 = 0.254829592, a2 = -0.284496736, a3 = 1.421413741,
                     a4 = -1.453152027, a5 = 1.061405429;
    const double t = 1.0 / (1.0 + p * x);
    return t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * a5)))) * expm2;
  }
};

}  // namespace ionhop::md_kernels
