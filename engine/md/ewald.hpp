#pragma once
// Ewald summation: parameters from a target accuracy, the k-vector set of a box, and the
// reciprocal-space energy, forces and virial. Real space is the pair functor with CoulombEwaldReal;
// the self and neutralising-background constants are here. Equations: doc/theory/md.md.
#include "engine/md/md_system.hpp"

namespace ionhop::md {

struct EwaldParams {
  double alpha = 0;    // splitting parameter, 1/Å
  double kcut = 0;     // reciprocal cutoff |k| <= kcut, 1/Å
};

// Choose alpha from the real-space cutoff and a relative accuracy eps: erfc(alpha rc) ~ eps,
// alpha = sqrt(-ln eps) / rc; kcut = 2 alpha sqrt(-ln eps) so that exp(-k^2/4alpha^2) = eps.
EwaldParams ewald_params(double rc, double eps);
// k cutoff for a given alpha and accuracy eps.
double ewald_kcut(double alpha, double eps);

class EwaldKSpace {
 public:
  EwaldKSpace(const md_kernels::Box& box, double alpha, double kcut, double coulomb_constant);
  // Adds k-space forces to s.f; returns the k-space energy and virial plus the self and
  // neutralising-background energies (constants for fixed charges).
  md_kernels::EnergyVirial compute(MdSystem& s, bool need_ev);
  // The box changed (barostat): same integer k set, vectors and weights of the new box.
  void set_box(const md_kernels::Box& box);
  int n_kvectors() const { return n_k_; }
  double alpha() const { return alpha_; }

 private:
  md_kernels::Box box_;
  double alpha_, kcut_, ke_;
  int n_k_ = 0, mmax_ = 0;
  Kokkos::View<int* [4], MemSpace> groups_;  // (m2 + mmax, m3 + mmax, k_begin, k_end)
  Kokkos::View<int*, MemSpace> m1_;          // m1 + mmax per k
  Kokkos::View<int* [3], MemSpace> m_;       // (m1, m2, m3) per k
  Kokkos::View<double* [4], MemSpace> kvec_;
  Kokkos::View<double* [2], MemSpace> S_;
  Kokkos::View<double**, Kokkos::LayoutRight, MemSpace> kw_;  // (kx, ky, kz, g Re S, g Im S; k)
  Kokkos::View<double**, Kokkos::LayoutRight, MemSpace> c1_, s1_;     // (atom, m1 + mmax)
  Kokkos::View<double***, Kokkos::LayoutRight, MemSpace> c23_, s23_;  // (d - 1, m + mmax, atom)
};

}  // namespace ionhop::md
