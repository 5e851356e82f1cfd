#include "engine/bvse/grid_minima.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ionhop::bvse {

double periodic_distance(const Lattice& lattice, const Vec3& fa, const Vec3& fb) {
  const Vec3 d0 = min_image_frac(fb - fa);
  double best = std::numeric_limits<double>::max();
  for (int i = -1; i <= 1; ++i)
    for (int j = -1; j <= 1; ++j)
      for (int k = -1; k <= 1; ++k) {
        const Vec3 d = {d0[0] + i, d0[1] + j, d0[2] + k};
        best = std::min(best, norm(frac_to_cart(lattice, d)));
      }
  return best;
}

std::vector<Vec3> orbit(const Lattice& lattice, const Vec3& frac, const std::vector<SymOp>& ops, double tol) {
  std::vector<Vec3> out{wrap01(frac)};
  for (const auto& op : ops) {
    Vec3 x = op.trans;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) x[i] += op.rot[i][j] * frac[j];
    x = wrap01(x);
    bool seen = false;
    for (const auto& y : out)
      if (periodic_distance(lattice, x, y) < tol) seen = true;
    if (!seen) out.push_back(x);
  }
  return out;
}

std::vector<Minimum> find_minima(const Grid& g, const std::vector<SymOp>& ops, double window, double merge_radius) {
  struct Cand {
    size_t idx;
    double e;
  };
  std::vector<Cand> cands;
  const auto& n = g.n;
  for (int i = 0; i < n[0]; ++i)
    for (int j = 0; j < n[1]; ++j)
      for (int k = 0; k < n[2]; ++k) {
        const size_t idx = g.index(i, j, k);
        const double e = g.energy[idx];
        if (e - g.e_min > window) continue;
        bool is_min = true;
        for (int a = -1; a <= 1 && is_min; ++a)
          for (int b = -1; b <= 1 && is_min; ++b)
            for (int c = -1; c <= 1 && is_min; ++c) {
              if (!a && !b && !c) continue;
              const size_t nb = g.index((i + a + n[0]) % n[0], (j + b + n[1]) % n[1], (k + c + n[2]) % n[2]);
              // strict against earlier neighbours, non-strict against later ones: one point per flat basin
              if (g.energy[nb] < e || (g.energy[nb] == e && nb < idx)) is_min = false;
            }
        if (is_min) cands.push_back({idx, e});
      }
  std::sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) { return x.e < y.e; });
  std::vector<Minimum> out;
  std::vector<std::vector<Vec3>> orbits;
  for (const auto& c : cands) {
    const Vec3 f = g.frac(c.idx);
    bool dup = false;
    for (const auto& orb : orbits) {
      for (const auto& y : orb)
        if (periodic_distance(g.lattice, f, y) < merge_radius) {
          dup = true;
          break;
        }
      if (dup) break;
    }
    if (dup) continue;
    orbits.push_back(orbit(g.lattice, f, ops, merge_radius));
    out.push_back({f, c.e - g.e_min, int(orbits.back().size())});
  }
  return out;
}

}  // namespace ionhop::bvse
