#include "engine/bvse/grid_percolation.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "engine/core/error.hpp"

namespace ionhop::bvse {
namespace {

using IVec = std::array<int, 3>;

// Rank of a set of at most 3 integer vectors (Gaussian elimination in doubles: entries are small).
int rank_of(std::vector<IVec> v) {
  std::vector<std::array<double, 3>> m;
  for (const auto& x : v) m.push_back({double(x[0]), double(x[1]), double(x[2])});
  int rank = 0;
  for (int col = 0; col < 3 && rank < int(m.size()); ++col) {
    int piv = -1;
    double best = 1e-9;
    for (int r = rank; r < int(m.size()); ++r)
      if (std::fabs(m[r][col]) > best) best = std::fabs(m[r][col]), piv = r;
    if (piv < 0) continue;
    std::swap(m[piv], m[rank]);
    for (int r = 0; r < int(m.size()); ++r) {
      if (r == rank) continue;
      const double f = m[r][col] / m[rank][col];
      for (int c = 0; c < 3; ++c) m[r][c] -= f * m[rank][c];
    }
    ++rank;
  }
  return rank;
}

// Union-find where each node stores its cell displacement relative to its parent, so that the
// displacement between two nodes of one component is known and closing a cycle reveals its
// winding vector.
struct WindingUnionFind {
  std::vector<int> parent;
  std::vector<IVec> disp;                 // unwrapped position of node minus that of parent, in cells
  std::vector<std::vector<IVec>> basis;   // per root: independent winding vectors (<= 3)

  explicit WindingUnionFind(size_t n) : parent(n), disp(n, IVec{0, 0, 0}), basis(n), size(n, 1) {
    for (size_t i = 0; i < n; ++i) parent[i] = int(i);
  }
  std::vector<int> size;
  std::vector<int> path;

  int find(int x) {  // iterative path compression; disp becomes relative to the root
    path.clear();
    while (parent[x] != x) path.push_back(x), x = parent[x];
    const int root = x;
    for (int i = int(path.size()) - 1; i >= 0; --i) {  // nearest the root first
      const int node = path[i], p = parent[node];
      if (p != root)
        for (int c = 0; c < 3; ++c) disp[node][c] += disp[p][c];
      parent[node] = root;
    }
    return root;
  }
  void add_winding(int root, const IVec& w) {
    auto& b = basis[root];
    if (b.size() >= 3 || (w[0] == 0 && w[1] == 0 && w[2] == 0)) return;
    b.push_back(w);
    if (rank_of(b) < int(b.size())) b.pop_back();
  }
  // Edge u -> v where v's image is shifted by `shift` cells.
  void unite(int u, int v, const IVec& shift) {
    const int ru = find(u), rv = find(v);
    IVec w;  // unwrapped(v image) - unwrapped(v) as seen through the component
    for (int c = 0; c < 3; ++c) w[c] = disp[u][c] + shift[c] - disp[v][c];
    if (ru == rv) {
      add_winding(ru, w);
      return;
    }
    // position(rv) = position(ru) + w; union by size keeps the trees shallow.
    int keep = ru, drop = rv;
    if (size[ru] < size[rv]) {
      keep = rv, drop = ru;
      for (int c = 0; c < 3; ++c) w[c] = -w[c];
    }
    parent[drop] = keep;
    disp[drop] = w;
    size[keep] += size[drop];
    for (const auto& x : basis[drop]) add_winding(keep, x);
    basis[drop].clear();
  }
};

}  // namespace

int percolation_dimension(const std::vector<char>& mask, const std::array<int, 3>& n) {
  const size_t total = size_t(n[0]) * n[1] * n[2];
  if (mask.size() != total) fail("BVSE percolation: mask of {} points for a {}x{}x{} grid", mask.size(), n[0], n[1], n[2]);
  WindingUnionFind uf(total);
  for (int i = 0; i < n[0]; ++i)
    for (int j = 0; j < n[1]; ++j)
      for (int k = 0; k < n[2]; ++k) {
        const int u = int((size_t(i) * n[1] + j) * n[2] + k);
        if (!mask[u]) continue;
        const int ii[3] = {i, j, k};
        for (int d = 0; d < 3; ++d) {
          int jj[3] = {i, j, k};
          jj[d] = ii[d] + 1;
          IVec shift{0, 0, 0};
          if (jj[d] == n[d]) jj[d] = 0, shift[d] = 1;
          const int v = int((size_t(jj[0]) * n[1] + jj[1]) * n[2] + jj[2]);
          if (mask[v]) uf.unite(u, v, shift);
        }
      }
  int dim = 0;
  for (size_t x = 0; x < total; ++x)
    if (mask[x] && uf.parent[x] == int(x)) dim = std::max(dim, int(uf.basis[x].size()));
  return dim;
}

namespace {
// Smallest t in [lo, hi] with dim(region(t)) >= d, assuming monotonic growth of the region with t.
double bisect(const std::function<int(double)>& dim_at, int d, double lo, double hi, double tol) {
  if (dim_at(hi) < d) return std::numeric_limits<double>::quiet_NaN();
  while (hi - lo > tol) {
    const double mid = 0.5 * (lo + hi);
    (dim_at(mid) >= d ? hi : lo) = mid;
  }
  return hi;
}
}  // namespace

Thresholds percolation_energies(const std::vector<double>& energy, const std::array<int, 3>& n, double tolerance) {
  if (energy.empty()) fail("BVSE percolation: empty grid");
  const auto [lo, hi] = std::minmax_element(energy.begin(), energy.end());
  const double e_min = *lo, span = *hi - *lo;
  std::vector<char> mask(energy.size());
  auto dim_at = [&](double t) {
    for (size_t i = 0; i < energy.size(); ++i) mask[i] = energy[i] <= e_min + t;
    return percolation_dimension(mask, n);
  };
  Thresholds out;
  double start = 0;
  for (int d = 1; d <= 3; ++d) {
    out.value[d - 1] = bisect(dim_at, d, start, span, tolerance);
    if (std::isnan(out.value[d - 1])) continue;
    // The exact thresholds are ordered (E_1D <= E_2D <= E_3D); keep the estimates ordered too.
    if (d > 1 && out.value[d - 1] < out.value[d - 2]) out.value[d - 1] = out.value[d - 2];
    start = std::max(0.0, out.value[d - 1] - tolerance);
  }
  return out;
}

Thresholds percolation_radii(const std::vector<double>& radius, const std::array<int, 3>& n, double tolerance) {
  if (radius.empty()) fail("BVSE percolation: empty grid");
  const auto [lo, hi] = std::minmax_element(radius.begin(), radius.end());
  std::vector<char> mask(radius.size());
  // Bisect on s = max r - t so the region grows with s.
  const double r_max = *hi;
  auto dim_at = [&](double s) {
    for (size_t i = 0; i < radius.size(); ++i) mask[i] = radius[i] >= r_max - s;
    return percolation_dimension(mask, n);
  };
  Thresholds out;
  for (int d = 1; d <= 3; ++d) {
    out.value[d - 1] = r_max - bisect(dim_at, d, 0.0, r_max - *lo, tolerance);
    if (d > 1 && out.value[d - 1] > out.value[d - 2]) out.value[d - 1] = out.value[d - 2];  // r_1D >= r_2D >= r_3D
  }
  return out;
}

}  // namespace ionhop::bvse
