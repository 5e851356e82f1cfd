#pragma once
// Real-space Coulomb terms for the generic pair functor. qq_e = k_e q_i q_j (eV·Å).
//   CoulombNone       — no Coulomb term.
//   CoulombDsf<Erfc>  — damped shifted force (Fennell & Gezelter, J. Chem. Phys. 124, 234104 (2006)),
//                       written exactly as LAMMPS born/coul/dsf (incl. its self term); ionhop uses
//                       the exact erfc, as LAMMPS 2021 does.
//   CoulombEwaldReal<Erfc> — real-space part of the Ewald sum, erfc(alpha r)/r.
#include <Kokkos_Core.hpp>

namespace ionhop::md_kernels {

inline constexpr double two_over_sqrt_pi = 1.1283791670955126;  // 2/sqrt(pi)

struct CoulombNone {
  static constexpr bool active = false;
  KOKKOS_INLINE_FUNCTION void eval(double, double, double, double, double&, double&) const {}
};

template <class Erfc>
struct CoulombDsf {
  static constexpr bool active = true;
  double alpha = 0, cut2 = 0;
  double e_shift = 0, f_shift = 0;  // set by the host from alpha and the cutoff

  KOKKOS_INLINE_FUNCTION void eval(double qq_e, double rsq, double r, double rinv, double& e,
                                   double& fpair) const {
    if (rsq >= cut2) return;
    const double prefactor = qq_e * rinv;
    const double expm2 = exp(-alpha * alpha * rsq);
    const double erfcc = Erfc::eval(alpha * r, expm2);
    e += prefactor * (erfcc - r * e_shift - rsq * f_shift);
    fpair += prefactor * (erfcc * rinv + two_over_sqrt_pi * alpha * expm2 + r * f_shift) * rinv;
  }
};

template <class Erfc>
struct CoulombEwaldReal {
  static constexpr bool active = true;
  double alpha = 0, cut2 = 0;
  double two_over_sqrt_pi_f = two_over_sqrt_pi;  // LAMMPS coul/long rounds it to 1.12837917

  KOKKOS_INLINE_FUNCTION void eval(double qq_e, double rsq, double r, double rinv, double& e,
                                   double& fpair) const {
    if (rsq >= cut2) return;
    const double prefactor = qq_e * rinv;
    const double expm2 = exp(-alpha * alpha * rsq);
    const double erfcc = Erfc::eval(alpha * r, expm2);
    e += prefactor * erfcc;
    fpair += prefactor * (erfcc + two_over_sqrt_pi_f * alpha * r * expm2) * rinv * rinv;
  }
};

}  // namespace ionhop::md_kernels
