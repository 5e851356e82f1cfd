#pragma once
// BVSE energy field of one mobile-ion probe in a periodic framework (doc/theory/bvse.md):
//   E(r) = Σ_anions a0 {[exp(a1 (a2 − R)) − 1]² − 1}          (a0 = occ·D0/2, a1 = α, a2 = Rmin)
//        + Σ_cations a0 erfc(a1 R) / R                          (a0 = occ·14.4·s_q·qA qM/√(nA nM),
//                                                                a1 = 1/(0.74 (rcA + rcM)))
// summed over all periodic images within `cutoff`. Atoms are sorted into nb[0]×nb[1]×nb[2] bins of
// fractional space so a point visits only the bins within reach (works for any cell, also one
// smaller than the cutoff: consecutive bin indices map to distinct (bin, image) pairs).
// Plain struct of Views: copied by value into kernels; every method is device-callable.
#include <Kokkos_Core.hpp>

#include "kernels/bvse/bvse_math.hpp"

namespace ionhop::kernels::bvse {

enum : int { kAnion = 0, kCation = 1 };

template <class MemorySpace>
struct BvseField {
  double cell[3][3];  // rows: lattice vectors a, b, c (Cartesian Å); cart = frac · cell
  double inv[3][3];   // frac = cart · inv
  int nb[3];          // bins per lattice direction
  int reach[3];       // bins to visit on each side
  double cutoff2;     // Å²
  Kokkos::View<int*, MemorySpace> bin_start;      // size nb0*nb1*nb2 + 1
  Kokkos::View<double* [3], MemorySpace> frac;    // atom fractional coordinates in [0,1), sorted by bin
  Kokkos::View<int*, MemorySpace> kind;           // kAnion or kCation
  Kokkos::View<double* [3], MemorySpace> par;     // a0, a1, a2 (see above)
  Kokkos::View<double*, MemorySpace> radius;      // ionic radius for the free-radius map, Å

  KOKKOS_INLINE_FUNCTION static int wrap(int i, int n) {
    const int r = i % n;
    return r < 0 ? r + n : r;
  }

  // Visit every atom image within the cutoff of Cartesian point r: f(atom, dx, dy, dz, R²),
  // with (dx,dy,dz) = r − r_atom.
  template <class F>
  KOKKOS_INLINE_FUNCTION void for_each_neighbour(const double r[3], F& f) const {
    double fp[3];
    for (int i = 0; i < 3; ++i) fp[i] = r[0] * inv[0][i] + r[1] * inv[1][i] + r[2] * inv[2][i];
    int b0[3];
    for (int i = 0; i < 3; ++i) b0[i] = static_cast<int>(k_floor(fp[i] * nb[i]));
    for (int d0 = -reach[0]; d0 <= reach[0]; ++d0) {
      const int i0 = b0[0] + d0, w0 = wrap(i0, nb[0]);
      const double s0 = static_cast<double>((i0 - w0) / nb[0]);
      for (int d1 = -reach[1]; d1 <= reach[1]; ++d1) {
        const int i1 = b0[1] + d1, w1 = wrap(i1, nb[1]);
        const double s1 = static_cast<double>((i1 - w1) / nb[1]);
        for (int d2 = -reach[2]; d2 <= reach[2]; ++d2) {
          const int i2 = b0[2] + d2, w2 = wrap(i2, nb[2]);
          const double s2 = static_cast<double>((i2 - w2) / nb[2]);
          const int bin = (w0 * nb[1] + w1) * nb[2] + w2;
          for (int a = bin_start(bin); a < bin_start(bin + 1); ++a) {
            const double g0 = frac(a, 0) + s0, g1 = frac(a, 1) + s1, g2 = frac(a, 2) + s2;
            const double dx = r[0] - (g0 * cell[0][0] + g1 * cell[1][0] + g2 * cell[2][0]);
            const double dy = r[1] - (g0 * cell[0][1] + g1 * cell[1][1] + g2 * cell[2][1]);
            const double dz = r[2] - (g0 * cell[0][2] + g1 * cell[1][2] + g2 * cell[2][2]);
            const double R2 = dx * dx + dy * dy + dz * dz;
            if (R2 < cutoff2) f(a, dx, dy, dz, R2);
          }
        }
      }
    }
  }

  // Pair energy of atom a at distance R and its derivative dE/dR.
  KOKKOS_INLINE_FUNCTION void pair(int a, double R, double& e, double& dedr) const {
    const double a0 = par(a, 0), a1 = par(a, 1);
    if (kind(a) == kAnion) {
      const double x = k_exp(a1 * (par(a, 2) - R));
      e = a0 * ((x - 1.0) * (x - 1.0) - 1.0);
      dedr = -2.0 * a0 * a1 * (x - 1.0) * x;
    } else {
      const double ec = k_erfc(a1 * R);
      e = a0 * ec / R;
      dedr = -a0 * (ec / (R * R) + 1.1283791670955126 * a1 * k_exp(-a1 * a1 * R * R) / R);
    }
  }

  struct EnergyAcc {
    const BvseField* self;
    double e = 0, g[3] = {0, 0, 0};
    bool with_grad = false;
    KOKKOS_INLINE_FUNCTION void operator()(int a, double dx, double dy, double dz, double R2) {
      const double R = k_sqrt(R2);
      double ea = 0, d = 0;
      self->pair(a, R, ea, d);
      e += ea;
      if (with_grad && R > 0) {
        g[0] += d * dx / R;
        g[1] += d * dy / R;
        g[2] += d * dz / R;
      }
    }
  };

  // Energy (eV) at Cartesian point r; if grad != nullptr also ∇E (eV/Å).
  KOKKOS_INLINE_FUNCTION double energy(const double r[3], double* grad = nullptr) const {
    EnergyAcc acc;
    acc.self = this;
    acc.with_grad = grad != nullptr;
    for_each_neighbour(r, acc);
    if (grad) {
      grad[0] = acc.g[0];
      grad[1] = acc.g[1];
      grad[2] = acc.g[2];
    }
    return acc.e;
  }

  struct RadiusAcc {
    const BvseField* self;
    double rmin;
    KOKKOS_INLINE_FUNCTION void operator()(int a, double, double, double, double R2) {
      const double x = k_sqrt(R2) - self->radius(a);
      if (x < rmin) rmin = x;
    }
  };

  // Free radius (Å): distance to the nearest framework-ion surface, min(R − r_ion); the cutoff if
  // no ion is within it.
  KOKKOS_INLINE_FUNCTION double free_radius(const double r[3]) const {
    RadiusAcc acc{this, k_sqrt(cutoff2)};
    for_each_neighbour(r, acc);
    return acc.rmin;
  }
};

}  // namespace ionhop::kernels::bvse
