#pragma once
// Reciprocal-space part of the Ewald sum over a half space of k vectors (k and -k together):
//   E_k = (4 pi k_e / V) sum_half g(k) |S(k)|^2,   g(k) = exp(-k^2 / 4 alpha^2) / k^2,
//   S(k) = sum_j q_j exp(i k.r_j),  k = 2 pi (m1 a* + m2 b* + m3 c*),  k.r_j = 2 pi m.f_j,
//   F_i  = (8 pi k_e / V) q_i sum_half g(k) k [sin(k.r_i) Re S - cos(k.r_i) Im S],
//   W_ab = (4 pi k_e / V) sum_half g(k) |S|^2 (delta_ab - 2 k_a k_b (1/k^2 + 1/(4 alpha^2))).
// Phase factors exp(2 pi i m f_d) are tabulated per atom for m = -mmax_d..mmax_d.
#include <Kokkos_Core.hpp>

#include "kernels/md/md_common.hpp"

namespace ionhop::md_kernels {

inline constexpr double two_pi = 6.283185307179586;

// Tables of cos/sin(2 pi m f_d(i)), index (i, d, m + mmax).
template <class ExecSpace>
struct EwaldPhases {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [3], M> x;
  Kokkos::View<double***, M> c, s;
  Box box;
  int mmax = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    double r[3] = {x(i, 0), x(i, 1), x(i, 2)}, f[3];
    box.to_frac(r, f);
    for (int d = 0; d < 3; ++d) {
      const double th = two_pi * f[d];
      const double c1 = cos(th), s1 = sin(th);
      c(i, d, mmax) = 1.0;
      s(i, d, mmax) = 0.0;
      double cm = 1.0, sm = 0.0;
      for (int m = 1; m <= mmax; ++m) {
        // recurrence; refreshed with the library every 8 steps to bound round-off
        double cn = cm * c1 - sm * s1, sn = sm * c1 + cm * s1;
        if ((m & 7) == 0) {
          cn = cos(m * th);
          sn = sin(m * th);
        }
        cm = cn;
        sm = sn;
        c(i, d, mmax + m) = cm;
        s(i, d, mmax + m) = sm;
        c(i, d, mmax - m) = cm;
        s(i, d, mmax - m) = -sm;
      }
    }
  }
};

template <class M>
KOKKOS_INLINE_FUNCTION void ewald_phase(const Kokkos::View<double***, M>& c, const Kokkos::View<double***, M>& s,
                                        int i, int i1, int i2, int i3, double& cr, double& si) {
  const double c12 = c(i, 0, i1) * c(i, 1, i2) - s(i, 0, i1) * s(i, 1, i2);
  const double s12 = s(i, 0, i1) * c(i, 1, i2) + c(i, 0, i1) * s(i, 1, i2);
  cr = c12 * c(i, 2, i3) - s12 * s(i, 2, i3);
  si = s12 * c(i, 2, i3) + c12 * s(i, 2, i3);
}

// Structure factor of each k vector (one k per iteration, loop over atoms).
template <class ExecSpace>
struct EwaldStructureFactor {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const int* [3], M> m;  // k vectors as integer triples
  Kokkos::View<const double*, M> q;
  Kokkos::View<double***, M> c, s;
  Kokkos::View<double* [2], M> S;     // Re, Im
  int mmax = 0, n_atoms = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int k) const {
    const int i1 = m(k, 0) + mmax, i2 = m(k, 1) + mmax, i3 = m(k, 2) + mmax;
    double re = 0, im = 0;
    for (int i = 0; i < n_atoms; ++i) {
      double cr, si;
      ewald_phase(c, s, i, i1, i2, i3, cr, si);
      re += q(i) * cr;
      im += q(i) * si;
    }
    S(k, 0) = re;
    S(k, 1) = im;
  }
};

// Energy and virial from the structure factors (reduction over k).
template <class ExecSpace>
struct EwaldEnergyVirial {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [4], M> kvec;  // kx, ky, kz, g(k) * 4 pi k_e / V
  Kokkos::View<const double* [2], M> S;
  double inv_4alpha2 = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int k, EnergyVirial& ev) const {
    const double kx = kvec(k, 0), ky = kvec(k, 1), kz = kvec(k, 2);
    const double k2 = kx * kx + ky * ky + kz * kz;
    const double e = kvec(k, 3) * (S(k, 0) * S(k, 0) + S(k, 1) * S(k, 1));
    const double b = 2.0 * (1.0 / k2 + inv_4alpha2);
    ev.e += e;
    ev.v[0] += e * (1.0 - b * kx * kx);
    ev.v[1] += e * (1.0 - b * ky * ky);
    ev.v[2] += e * (1.0 - b * kz * kz);
    ev.v[3] -= e * b * kx * ky;
    ev.v[4] -= e * b * kx * kz;
    ev.v[5] -= e * b * ky * kz;
  }
};

// k-space force on each atom, added to f (one atom per iteration, loop over k).
template <class ExecSpace>
struct EwaldForce {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const int* [3], M> m;
  Kokkos::View<const double* [4], M> kvec;
  Kokkos::View<const double* [2], M> S;
  Kokkos::View<const double*, M> q;
  Kokkos::View<double***, M> c, s;
  Kokkos::View<double* [3], M> f;
  int mmax = 0, n_k = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    double fx = 0, fy = 0, fz = 0;
    for (int k = 0; k < n_k; ++k) {
      double cr, si;
      ewald_phase(c, s, i, m(k, 0) + mmax, m(k, 1) + mmax, m(k, 2) + mmax, cr, si);
      const double a = kvec(k, 3) * (si * S(k, 0) - cr * S(k, 1));
      fx += a * kvec(k, 0);
      fy += a * kvec(k, 1);
      fz += a * kvec(k, 2);
    }
    const double pre = 2.0 * q(i);  // 8 pi k_e / V = 2 * (4 pi k_e / V)
    f(i, 0) += pre * fx;
    f(i, 1) += pre * fy;
    f(i, 2) += pre * fz;
  }
};

}  // namespace ionhop::md_kernels
