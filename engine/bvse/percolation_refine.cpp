#include "engine/bvse/percolation_refine.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "kernels/bvse/path_kernels.hpp"

namespace ionhop::bvse {

namespace kb = kernels::bvse;
using Exec = Kokkos::DefaultExecutionSpace;

// Named (not anonymous) namespace: CUDA extended lambdas need enclosing functions with external linkage.
namespace refine_detail {

// Connected-component labels of a mask on the periodic grid (6 neighbours), -1 outside.
std::vector<int> labels(const std::vector<char>& mask, const std::array<int, 3>& n) {
  std::vector<int> parent(mask.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (int i = 0; i < n[0]; ++i)
    for (int j = 0; j < n[1]; ++j)
      for (int k = 0; k < n[2]; ++k) {
        const int u = int((size_t(i) * n[1] + j) * n[2] + k);
        if (!mask[u]) continue;
        const int nb[3] = {int((size_t((i + 1) % n[0]) * n[1] + j) * n[2] + k),
                           int((size_t(i) * n[1] + (j + 1) % n[1]) * n[2] + k),
                           int((size_t(i) * n[1] + j) * n[2] + (k + 1) % n[2])};
        for (int v : nb)
          if (mask[v]) parent[find(u)] = find(v);
      }
  std::vector<int> out(mask.size(), -1);
  for (size_t x = 0; x < mask.size(); ++x)
    if (mask[x]) out[x] = find(int(x));
  return out;
}

// Saddle search at c of each triple (a, c, b): a and b slide into their sides, n = (b - a)/|b - a|
// is the direction across the ridge; returns E at the saddle, or 1e300 where the search failed.
std::vector<double> saddles(const Field& f, const std::vector<std::array<Vec3, 3>>& triples, const PathOptions& opt) {
  (void)opt;
  const int n = int(triples.size());
  Kokkos::View<double* [9], MemSpace> in("bvse_refine_in", n);
  Kokkos::View<double*, MemSpace> out("bvse_refine_out", n);
  auto h = Kokkos::create_mirror_view(in);
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < 3; ++p)
      for (int c = 0; c < 3; ++c) h(t, 3 * p + c) = triples[t][p][c];
  Kokkos::deep_copy(in, h);
  const DeviceField field = f.device;
  Kokkos::parallel_for(
      "bvse_refine_saddles", Kokkos::RangePolicy<Exec>(0, n), KOKKOS_LAMBDA(const int t) {
        double a[3], b[3], c[3], ca[3], cb[3];
        for (int x = 0; x < 3; ++x) a[x] = ca[x] = in(t, x), c[x] = in(t, 3 + x), b[x] = cb[x] = in(t, 6 + x);
        // Endpoints slide a little down into their own sides, in small steps so that they cannot
        // jump across the ridge at c.
        kb::relax_in_sphere(field, a, ca, 0.5, 100, 0.02);
        kb::relax_in_sphere(field, b, cb, 0.5, 100, 0.02);
        double n[3], nn = 0;
        for (int x = 0; x < 3; ++x) n[x] = b[x] - a[x], nn += n[x] * n[x];
        nn = kb::k_sqrt(nn);
        for (int x = 0; x < 3; ++x) n[x] /= nn;
        bool ok = false;
        const double e = kb::ridge_saddle(field, c, n, 0.5, 2000, 0.01, 1e-3, ok);
        out(t) = ok ? e : 1e300;  // not converged: no refinement from this point
      });
  auto ho = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), out);
  return std::vector<double>(ho.data(), ho.data() + n);
}

}  // namespace refine_detail
using namespace refine_detail;

RefinedPercolation refine_percolation(const Field& f, const Grid& g, const Thresholds& grid_t, double tol,
                                      const PathOptions& opt) {
  RefinedPercolation r;
  // The true minimum: relax from the lowest grid point.
  const size_t imin = size_t(std::min_element(g.energy.begin(), g.energy.end()) - g.energy.begin());
  {
    const Vec3 x = frac_to_cart(g.lattice, g.frac(imin));
    Kokkos::View<double*, MemSpace> e("bvse_min", 1);
    const DeviceField field = f.device;
    const double radius = opt.site_radius;
    const double x0 = x[0], x1 = x[1], x2 = x[2];
    Kokkos::parallel_for(
        "bvse_refine_min", Kokkos::RangePolicy<Exec>(0, 1), KOKKOS_LAMBDA(const int) {
          double p[3] = {x0, x1, x2};
          const double c[3] = {x0, x1, x2};
          e(0) = kb::relax_in_sphere(field, p, c, radius, 500);
        });
    auto he = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), e);
    r.e_min = std::min(he(0), g.e_min);
  }
  const auto& n = g.n;
  for (int d = 0; d < 3; ++d) {
    r.energies.value[d] = std::isnan(grid_t.value[d]) ? grid_t.value[d] : grid_t.value[d] + g.e_min - r.e_min;
    if (std::isnan(grid_t.value[d])) continue;
    const double lo = g.e_min + grid_t.value[d] - tol, hi = g.e_min + grid_t.value[d];
    std::vector<char> mask(g.size());
    for (size_t x = 0; x < g.size(); ++x) mask[x] = g.energy[x] <= lo;
    const std::vector<int> lab = labels(mask, n);
    // Critical points: added between lo and hi; their lower neighbours on opposite sides.
    // Neighbours in different components of the lower region: the point merges them. If the
    // critical points only close cycles of one component, use those (and the highest saddle).
    std::vector<std::array<Vec3, 3>> triples, same;
    for (size_t x = 0; x < g.size() && triples.size() < 24; ++x) {
      if (!(g.energy[x] > lo && g.energy[x] <= hi)) continue;
      const int k = int(x % n[2]), j = int((x / n[2]) % n[1]), i = int(x / (size_t(n[1]) * n[2]));
      const int nn[3] = {n[0], n[1], n[2]};
      // The six neighbours in the lower region, as unwrapped fractional positions.
      std::vector<std::pair<size_t, Vec3>> low;
      for (int axis = 0; axis < 3; ++axis)
        for (int sgn = -1; sgn <= 1; sgn += 2) {
          int q[3] = {i, j, k};
          q[axis] = (q[axis] + sgn + nn[axis]) % nn[axis];
          const size_t y = (size_t(q[0]) * n[1] + q[1]) * n[2] + q[2];
          if (lab[y] < 0) continue;
          Vec3 fy = g.frac(x);
          fy[axis] += double(sgn) / nn[axis];
          low.push_back({y, fy});
        }
      const Vec3 c = frac_to_cart(g.lattice, g.frac(x));
      for (size_t u = 0; u < low.size(); ++u)
        for (size_t v = u + 1; v < low.size(); ++v) {
          const std::array<Vec3, 3> t{frac_to_cart(g.lattice, low[u].second), c, frac_to_cart(g.lattice, low[v].second)};
          (lab[low[u].first] != lab[low[v].first] ? triples : same).push_back(t);
        }
    }
    const bool merging = !triples.empty();
    if (!merging) triples.assign(same.begin(), same.begin() + std::min<size_t>(same.size(), 24));
    if (triples.empty()) continue;
    std::vector<double> s;
    for (double e : saddles(f, triples, opt))
      if (e < 1e299) s.push_back(e);  // converged searches only
    if (s.empty()) continue;
    const double best = merging ? *std::min_element(s.begin(), s.end()) : *std::max_element(s.begin(), s.end());
    if (best - r.e_min < r.energies.value[d]) {
      r.energies.value[d] = best - r.e_min;
      r.refined[d] = 1;
    }
  }
  for (int d = 1; d < 3; ++d)  // keep E_1D <= E_2D <= E_3D
    if (r.energies.value[d] < r.energies.value[d - 1]) r.energies.value[d] = r.energies.value[d - 1];
  return r;
}

}  // namespace ionhop::bvse
