#pragma once
// Site/hop mode on the analytic BVSE field (doc/theory/bvse.md):
//  - relax_in_sphere: the local minimum near a crystallographic site (projected steepest descent
//    with backtracking, confined to a sphere of radius rmax around the site);
//  - string_mep: minimum-energy path between two minima by the simplified string method (W. E,
//    W. Ren, E. Vanden-Eijnden, J. Chem. Phys. 126, 164103 (2007)): images step along −∇E, then
//    are redistributed at equal arc length; endpoints stay fixed. The saddle estimate is the
//    highest image refined by the parabola through it and its neighbours.
// Device functions: fixed-size local arrays, no allocation.
#include <Kokkos_Core.hpp>

#include "kernels/bvse/bvse_field.hpp"

namespace ionhop::kernels::bvse {

constexpr int kMaxImages = 32;

template <class MemorySpace>
KOKKOS_INLINE_FUNCTION double relax_in_sphere(const BvseField<MemorySpace>& f, double r[3], const double centre[3],
                                              double rmax, int max_iter, double max_step = 0.2) {
  double g[3], t[3], gt[3];
  double e = f.energy(r, g);
  double step = max_step < 0.05 ? max_step : 0.05;  // Å, move of one iteration (adaptive, <= max_step)
  for (int it = 0; it < max_iter; ++it) {
    const double gn = k_sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
    if (gn < 1e-4) break;
    for (int c = 0; c < 3; ++c) t[c] = r[c] - step * g[c] / gn;
    double d2 = 0;
    for (int c = 0; c < 3; ++c) d2 += (t[c] - centre[c]) * (t[c] - centre[c]);
    if (d2 > rmax * rmax) {
      const double s = rmax / k_sqrt(d2);
      for (int c = 0; c < 3; ++c) t[c] = centre[c] + s * (t[c] - centre[c]);
    }
    const double et = f.energy(t, gt);
    if (et < e) {
      for (int c = 0; c < 3; ++c) r[c] = t[c], g[c] = gt[c];
      e = et;
      step = step * 1.5 < max_step ? step * 1.5 : max_step;
    } else {
      step *= 0.5;
      if (step < 1e-5) break;
    }
  }
  return e;
}

// Redistribute n images at equal arc length along the polyline through them.
KOKKOS_INLINE_FUNCTION void reparametrize(double (*p)[3], int n) {
  double s[kMaxImages], q[kMaxImages][3];
  s[0] = 0;
  for (int k = 1; k < n; ++k) {
    double d2 = 0;
    for (int c = 0; c < 3; ++c) d2 += (p[k][c] - p[k - 1][c]) * (p[k][c] - p[k - 1][c]);
    s[k] = s[k - 1] + k_sqrt(d2);
  }
  const double L = s[n - 1];
  if (!(L > 0)) return;
  int seg = 1;
  for (int k = 1; k < n - 1; ++k) {
    const double target = L * k / (n - 1);
    while (seg < n - 1 && s[seg] < target) ++seg;
    const double w = (s[seg] > s[seg - 1]) ? (target - s[seg - 1]) / (s[seg] - s[seg - 1]) : 0.0;
    for (int c = 0; c < 3; ++c) q[k][c] = p[seg - 1][c] + w * (p[seg][c] - p[seg - 1][c]);
  }
  for (int k = 1; k < n - 1; ++k)
    for (int c = 0; c < 3; ++c) p[k][c] = q[k][c];
}

// Highest value along equally spaced images, refined by the parabola through the highest
// interior image and its neighbours.
KOKKOS_INLINE_FUNCTION double path_maximum(const double* e, int n) {
  int kmax = 0;
  for (int k = 1; k < n; ++k)
    if (e[k] > e[kmax]) kmax = k;
  if (kmax == 0 || kmax == n - 1) return e[kmax];
  const double curv = 2 * e[kmax] - e[kmax - 1] - e[kmax + 1];
  if (!(curv > 0)) return e[kmax];
  const double d = e[kmax + 1] - e[kmax - 1];
  return e[kmax] + d * d / (8 * curv);
}

// Relax the n images in p (p[0], p[n-1] fixed) for `iterations` string steps of at most
// max_step Å each; energies of the final images go to e. Returns the saddle estimate.
template <class MemorySpace>
KOKKOS_INLINE_FUNCTION double string_mep(const BvseField<MemorySpace>& f, double (*p)[3], double* e, int n,
                                         int iterations, double max_step) {
  double g[3], old[kMaxImages][3];
  for (int it = 0; it < iterations; ++it) {
    for (int k = 0; k < n; ++k)
      for (int c = 0; c < 3; ++c) old[k][c] = p[k][c];
    for (int k = 1; k < n - 1; ++k) {
      f.energy(p[k], g);
      const double gn = k_sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
      // −τ∇E with τ = 0.02 Å²/eV, capped at max_step
      const double len = 0.02 * gn < max_step ? 0.02 * gn : max_step;
      if (gn > 0)
        for (int c = 0; c < 3; ++c) p[k][c] -= len * g[c] / gn;
    }
    reparametrize(p, n);
    // Converged when the string no longer moves (the tangential part of each step is undone by
    // the reparametrization, so compare positions after it).
    double moved2 = 0;
    for (int k = 1; k < n - 1; ++k) {
      double d2 = 0;
      for (int c = 0; c < 3; ++c) d2 += (p[k][c] - old[k][c]) * (p[k][c] - old[k][c]);
      moved2 = moved2 > d2 ? moved2 : d2;
    }
    if (moved2 < 1e-10) break;
  }
  for (int k = 0; k < n; ++k) e[k] = f.energy(p[k]);
  return path_maximum(e, n);
}

// Saddle search from a point c near a ridge, with n the unit direction across the ridge (the
// channel direction): descend along ∇E projected perpendicular to n, ascend along n, steps of at
// most max_step Å, confined to a sphere of rmax around c. Returns E at the end; `converged` is
// set when |∇E| < gtol (eV/Å).
template <class MemorySpace>
KOKKOS_INLINE_FUNCTION double ridge_saddle(const BvseField<MemorySpace>& f, double x[3], const double n[3],
                                           double rmax, int max_iter, double max_step, double gtol,
                                           bool& converged) {
  const double c[3] = {x[0], x[1], x[2]};
  double g[3];
  converged = false;
  double e = f.energy(x, g);
  for (int it = 0; it < max_iter; ++it) {
    const double gn = k_sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
    if (gn < gtol) {
      converged = true;
      break;
    }
    const double gp = g[0] * n[0] + g[1] * n[1] + g[2] * n[2];
    double d[3];
    for (int k = 0; k < 3; ++k) d[k] = -(g[k] - gp * n[k]) + gp * n[k];  // down across, up along n
    const double dn = k_sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    const double len = 0.01 * dn < max_step ? 0.01 * dn : max_step;  // τ = 0.01 Å²/eV
    for (int k = 0; k < 3; ++k) x[k] += len * d[k] / dn;
    double r2 = 0;
    for (int k = 0; k < 3; ++k) r2 += (x[k] - c[k]) * (x[k] - c[k]);
    if (r2 > rmax * rmax) break;  // left the neighbourhood: no saddle here
    e = f.energy(x, g);
  }
  return e;
}

}  // namespace ionhop::kernels::bvse
