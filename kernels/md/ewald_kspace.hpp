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

// k vectors come in groups of equal (m2, m3): group g = (m2 + mmax, m3 + mmax, k_begin, k_end).
// Within a group m1 runs over consecutive integers (|k|^2 is convex in m1), so m1(k) = m1(k_begin)
// + (k - k_begin) and the m1 phases of a group are one contiguous row segment per atom. The (m2, m3)
// phase is formed once per atom and group (chunk).

// Structure factors, one group per iteration (its k vectors are owned by it), loop over atoms.
// Chunks of up to kEwaldChunk k vectors accumulate in local arrays: no aliasing with the tables,
// so the inner loop vectorises; the sum over atoms keeps its order.
inline constexpr int kEwaldChunk = 32;
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
    for (int k0 = kb; k0 < ke; k0 += kEwaldChunk) {
      const int len = ke - k0 < kEwaldChunk ? ke - k0 : kEwaldChunk;
      const int mb = m1(kb) + (k0 - kb);
      double sr[kEwaldChunk], si[kEwaldChunk];
      for (int j = 0; j < len; ++j) sr[j] = si[j] = 0.0;
      for (int i = 0; i < n_atoms; ++i) {
        const double qc = q(i) * (c23(0, i2, i) * c23(1, i3, i) - s23(0, i2, i) * s23(1, i3, i));
        const double qs = q(i) * (s23(0, i2, i) * c23(1, i3, i) + c23(0, i2, i) * s23(1, i3, i));
        const double* a = &c1(i, mb);
        const double* b = &s1(i, mb);
        for (int j = 0; j < len; ++j) {
          sr[j] += a[j] * qc - b[j] * qs;
          si[j] += b[j] * qc + a[j] * qs;
        }
      }
      for (int j = 0; j < len; ++j) {
        S(k0 + j, 0) = sr[j];
        S(k0 + j, 1) = si[j];
      }
    }
  }
};

// The k vectors of the integer set m (per k) in a box with dual vectors recip[j] (rows): k =
// 2 pi (m1 a* + m2 b* + m3 c*), kvec(k) = (k, pref g(k)), and rows kx, ky, kz of kw. Set at the
// start and after every cell change (barostat), on the device.
template <class ExecSpace>
struct EwaldKVectors {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const int* [3], M> m;
  Kokkos::View<double* [4], M> kvec;
  Kokkos::View<double**, Kokkos::LayoutRight, M> kw;
  double recip[3][3] = {};
  double pref = 0, alpha = 0;  // 4 pi k_e / V (eV Å), Ewald alpha (1/Å)
  KOKKOS_INLINE_FUNCTION void operator()(int k) const {
    double kv[3], k2 = 0;
    for (int d = 0; d < 3; ++d) {
      kv[d] = two_pi * (m(k, 0) * recip[0][d] + m(k, 1) * recip[1][d] + m(k, 2) * recip[2][d]);
      k2 += kv[d] * kv[d];
    }
    for (int d = 0; d < 3; ++d) kvec(k, d) = kw(d, k) = kv[d];
    kvec(k, 3) = pref * exp(-k2 / (4 * alpha * alpha)) / k2;
  }
};

// Force weights per k, structure of arrays (row, k): rows kx, ky, kz (fixed), then
// A = g(k) Re S and B = g(k) Im S (refreshed each step by this functor).
template <class ExecSpace>
struct EwaldForceWeights {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [4], M> kvec;
  Kokkos::View<const double* [2], M> S;
  Kokkos::View<double**, Kokkos::LayoutRight, M> kw;
  KOKKOS_INLINE_FUNCTION void operator()(int k) const {
    kw(3, k) = kvec(k, 3) * S(k, 0);
    kw(4, k) = kvec(k, 3) * S(k, 1);
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
// Four partial sums per component break the serial add chain (changes only the round-off).
template <class ExecSpace>
struct EwaldForce {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const int* [4], M> groups;
  Kokkos::View<const int*, M> m1;
  Kokkos::View<const double**, Kokkos::LayoutRight, M> kw;  // see EwaldForceWeights
  Kokkos::View<const double*, M> q;
  Kokkos::View<double**, Kokkos::LayoutRight, M> c1, s1;
  Kokkos::View<double***, Kokkos::LayoutRight, M> c23, s23;
  Kokkos::View<double* [3], M> f;
  int n_groups = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    double fx[4] = {0, 0, 0, 0}, fy[4] = {0, 0, 0, 0}, fz[4] = {0, 0, 0, 0};
    const double *kx = &kw(0, 0), *ky = &kw(1, 0), *kz = &kw(2, 0), *A = &kw(3, 0), *B = &kw(4, 0);
    for (int g = 0; g < n_groups; ++g) {
      const int i2 = groups(g, 0), i3 = groups(g, 1), kb = groups(g, 2), ke = groups(g, 3);
      const double c = c23(0, i2, i) * c23(1, i3, i) - s23(0, i2, i) * s23(1, i3, i);
      const double s = s23(0, i2, i) * c23(1, i3, i) + c23(0, i2, i) * s23(1, i3, i);
      const double* a = &c1(i, m1(kb));  // a[j] = c1(i, m1(kb + j))
      const double* b = &s1(i, m1(kb));
      const double *gx = kx + kb, *gy = ky + kb, *gz = kz + kb, *gA = A + kb, *gB = B + kb;
      const int len = ke - kb;
      int j = 0;
      for (; j + 4 <= len; j += 4)
        for (int u = 0; u < 4; ++u) {
          const double cr = a[j + u] * c - b[j + u] * s, si = b[j + u] * c + a[j + u] * s;
          const double w = si * gA[j + u] - cr * gB[j + u];
          fx[u] += w * gx[j + u];
          fy[u] += w * gy[j + u];
          fz[u] += w * gz[j + u];
        }
      for (; j < len; ++j) {
        const double cr = a[j] * c - b[j] * s, si = b[j] * c + a[j] * s;
        const double w = si * gA[j] - cr * gB[j];
        fx[0] += w * gx[j];
        fy[0] += w * gy[j];
        fz[0] += w * gz[j];
      }
    }
    const double pre = 2.0 * q(i);  // 8 pi k_e / V = 2 * (4 pi k_e / V)
    f(i, 0) += pre * ((fx[0] + fx[1]) + (fx[2] + fx[3]));
    f(i, 1) += pre * ((fy[0] + fy[1]) + (fy[2] + fy[3]));
    f(i, 2) += pre * ((fz[0] + fz[1]) + (fz[2] + fz[3]));
  }
};

}  // namespace ionhop::md_kernels
