#pragma once
// Reciprocal-space part of the Ewald sum over a half space of k vectors (k and -k together):
//   E_k = (4 pi k_e / V) sum_half g(k) |S(k)|^2,   g(k) = exp(-k^2 / 4 alpha^2) / k^2,
//   S(k) = sum_j q_j exp(i k.r_j),  k = 2 pi (m1 a* + m2 b* + m3 c*),  k.r_j = 2 pi m.f_j,
//   F_i  = (8 pi k_e / V) q_i sum_half g(k) k [sin(k.r_i) Re S - cos(k.r_i) Im S],
//   W_ab = (4 pi k_e / V) sum_half g(k) |S|^2 (delta_ab - 2 k_a k_b (1/k^2 + 1/(4 alpha^2))).
// Phase factors exp(2 pi i m f_d) are tabulated per atom for m = -mmax..mmax, index (d, m + mmax, i):
// the atom index is contiguous so the structure-factor loop over atoms streams memory.
#include <Kokkos_Core.hpp>

#include "kernels/md/md_common.hpp"

namespace ionhop::md_kernels {

inline constexpr double two_pi = 6.283185307179586;

// Tables of cos/sin(2 pi m f_d(i)): direction 0 as (i, m + mmax) (contiguous in m: the inner
// loop of a k group runs over m1), directions 1 and 2 as (d - 1, m + mmax, i).
template <class ExecSpace>
struct EwaldPhases {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [3], M> x;
  Kokkos::View<double**, Kokkos::LayoutRight, M> c1, s1;
  Kokkos::View<double***, Kokkos::LayoutRight, M> c23, s23;
  Box box;
  int mmax = 0;
  KOKKOS_INLINE_FUNCTION void set(int d, int m, int i, double c, double s) const {
    if (d == 0) {
      c1(i, m) = c;
      s1(i, m) = s;
    } else {
      c23(d - 1, m, i) = c;
      s23(d - 1, m, i) = s;
    }
  }
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    double r[3] = {x(i, 0), x(i, 1), x(i, 2)}, f[3];
    box.to_frac(r, f);
    for (int d = 0; d < 3; ++d) {
      const double th = two_pi * f[d];
      const double cth = cos(th), sth = sin(th);
      set(d, mmax, i, 1.0, 0.0);
      double cm = 1.0, sm = 0.0;
      for (int m = 1; m <= mmax; ++m) {
        // recurrence; refreshed with the library every 8 steps to bound round-off
        double cn = cm * cth - sm * sth, sn = sm * cth + cm * sth;
        if ((m & 7) == 0) {
          cn = cos(m * th);
          sn = sin(m * th);
        }
        cm = cn;
        sm = sn;
        set(d, mmax + m, i, cm, sm);
        set(d, mmax - m, i, cm, -sm);
      }
    }
  }
};

// k vectors come in groups of equal (m2, m3): group g = (m2 + mmax, m3 + mmax, k_begin, k_end),
// m1(k) per vector. The (m2, m3) phase is formed once per atom and group.

// Structure factors, one group per iteration (its k vectors are owned by it), loop over atoms.
template <class ExecSpace>
struct EwaldStructureFactor {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const int* [4], M> groups;
  Kokkos::View<const int*, M> m1;  // m1 + mmax per k
  Kokkos::View<const double*, M> q;
  Kokkos::View<double**, Kokkos::LayoutRight, M> c1, s1;
  Kokkos::View<double***, Kokkos::LayoutRight, M> c23, s23;
  Kokkos::View<double* [2], M> S;  // Re, Im
  int n_atoms = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int g) const {
    const int i2 = groups(g, 0), i3 = groups(g, 1), kb = groups(g, 2), ke = groups(g, 3);
    for (int k = kb; k < ke; ++k) S(k, 0) = S(k, 1) = 0.0;
    for (int i = 0; i < n_atoms; ++i) {
      const double qc = q(i) * (c23(0, i2, i) * c23(1, i3, i) - s23(0, i2, i) * s23(1, i3, i));
      const double qs = q(i) * (s23(0, i2, i) * c23(1, i3, i) + c23(0, i2, i) * s23(1, i3, i));
      for (int k = kb; k < ke; ++k) {
        const double a = c1(i, m1(k)), b = s1(i, m1(k));
        S(k, 0) += a * qc - b * qs;
        S(k, 1) += b * qc + a * qs;
      }
    }
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

// k-space force on each atom, added to f (one atom per iteration, loop over groups and k).
template <class ExecSpace>
struct EwaldForce {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const int* [4], M> groups;
  Kokkos::View<const int*, M> m1;
  Kokkos::View<const double* [4], M> kvec;
  Kokkos::View<const double* [2], M> S;
  Kokkos::View<const double*, M> q;
  Kokkos::View<double**, Kokkos::LayoutRight, M> c1, s1;
  Kokkos::View<double***, Kokkos::LayoutRight, M> c23, s23;
  Kokkos::View<double* [3], M> f;
  int n_groups = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    double fx = 0, fy = 0, fz = 0;
    for (int g = 0; g < n_groups; ++g) {
      const int i2 = groups(g, 0), i3 = groups(g, 1), kb = groups(g, 2), ke = groups(g, 3);
      const double c = c23(0, i2, i) * c23(1, i3, i) - s23(0, i2, i) * s23(1, i3, i);
      const double s = s23(0, i2, i) * c23(1, i3, i) + c23(0, i2, i) * s23(1, i3, i);
      for (int k = kb; k < ke; ++k) {
        const double a = c1(i, m1(k)), b = s1(i, m1(k));
        const double cr = a * c - b * s, si = b * c + a * s;
        const double w = kvec(k, 3) * (si * S(k, 0) - cr * S(k, 1));
        fx += w * kvec(k, 0);
        fy += w * kvec(k, 1);
        fz += w * kvec(k, 2);
      }
    }
    const double pre = 2.0 * q(i);  // 8 pi k_e / V = 2 * (4 pi k_e / V)
    f(i, 0) += pre * fx;
    f(i, 1) += pre * fy;
    f(i, 2) += pre * fz;
  }
};

}  // namespace ionhop::md_kernels
