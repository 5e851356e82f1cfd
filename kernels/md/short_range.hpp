#pragma once
// Short-range pair styles: each is a struct of a flattened (type_i * n_types + type_j) parameter
// View and one KOKKOS function that adds the pair energy E(r) and fpair = -(dE/dr)/r.
// Formulas, units and sources: doc/theory/md.md.
#include <Kokkos_Core.hpp>

namespace ionhop::md_kernels {

// Buckingham A exp(-r/rho) - C/r^6; below r0 (r0 > 0) the Teter/Du-type repulsive correction
// B/r^n + D r^2 replaces it. A = C = 0 and r0 = 0 means no short-range term for this pair.
struct BuckinghamParams {
  double A = 0, inv_rho = 0, C = 0;
  double B = 0, n = 0, D = 0, r0 = 0;
  double offset = 0;  // E(r_cut) when the energy is shifted to zero at the cutoff, else 0
};

template <class MemorySpace>
struct Buckingham {
  Kokkos::View<const BuckinghamParams*, MemorySpace> p;
  int n_types = 0;
  double cut2 = 0;  // short-range cutoff squared, Å^2

  KOKKOS_INLINE_FUNCTION void eval(int ti, int tj, double rsq, double r, double rinv, double& e,
                                   double& fpair) const {
    if (rsq >= cut2) return;
    const BuckinghamParams& q = p(ti * n_types + tj);
    if (q.A == 0.0 && q.C == 0.0 && q.r0 == 0.0) return;  // Coulomb-only pair
    if (r < q.r0) {
      const double rn = pow(r, -q.n);
      e += q.B * rn + q.D * rsq - q.offset;
      fpair += q.n * q.B * rn * rinv * rinv - 2.0 * q.D;
    } else {
      const double r2inv = rinv * rinv, r6inv = r2inv * r2inv * r2inv;
      const double rexp = exp(-r * q.inv_rho);
      e += q.A * rexp - q.C * r6inv - q.offset;
      fpair += (q.A * q.inv_rho * r * rexp - 6.0 * q.C * r6inv) * r2inv;
    }
  }
};

// Pedone (PMMCS) Morse: D0 [e^{-2a(r-r0)} - 2 e^{-a(r-r0)}] + C0/r^12. D0 = C0 = 0: no term.
struct MorseParams {
  double D0 = 0, alpha = 0, r0 = 0, C0 = 0;
  double offset = 0;  // E(r_cut) when shifted, else 0
};

template <class MemorySpace>
struct Morse {
  Kokkos::View<const MorseParams*, MemorySpace> p;
  int n_types = 0;
  double cut2 = 0;

  KOKKOS_INLINE_FUNCTION void eval(int ti, int tj, double rsq, double r, double rinv, double& e,
                                   double& fpair) const {
    if (rsq >= cut2) return;
    const MorseParams& q = p(ti * n_types + tj);
    if (q.D0 == 0.0 && q.C0 == 0.0) return;
    const double ex = exp(-q.alpha * (r - q.r0));
    const double r2inv = rinv * rinv, r6inv = r2inv * r2inv * r2inv, r12inv = r6inv * r6inv;
    e += q.D0 * (ex * ex - 2.0 * ex) + q.C0 * r12inv - q.offset;
    // -dE/dr = 2 a D0 (e^2 - e) + 12 C0 / r^13
    fpair += (2.0 * q.alpha * q.D0 * (ex * ex - ex) * r + 12.0 * q.C0 * r12inv) * r2inv;
  }
};

}  // namespace ionhop::md_kernels
