// Periodic-image geometry for the network: image enumeration within a radius (exact for skewed
// cells and for radii larger than half a cell), shortest periodic distance, position lookup.
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/network/network_detail.hpp"

namespace ionhop::netdetail {

std::vector<std::array<int, 3>> images_within(const Lattice& l, const Vec3& d, double radius) {
  // The fractional component k of a Cartesian vector r is r . (column k of rows^-1), so
  // |d_k + n_k| <= radius * |column k|: a finite, exact range of n_k.
  const Mat3 inv = inverse(l.rows);
  std::array<int, 3> lo{}, hi{};
  for (int k = 0; k < 3; ++k) {
    const double w = radius * std::sqrt(inv[0][k] * inv[0][k] + inv[1][k] * inv[1][k] + inv[2][k] * inv[2][k]);
    lo[k] = static_cast<int>(std::ceil(-w - d[k] - 1e-9));
    hi[k] = static_cast<int>(std::floor(w - d[k] + 1e-9));
  }
  std::vector<std::array<int, 3>> out;
  const double r2 = radius * radius;
  for (int i = lo[0]; i <= hi[0]; ++i)
    for (int j = lo[1]; j <= hi[1]; ++j)
      for (int k = lo[2]; k <= hi[2]; ++k) {
        const Vec3 r = to_cart(l, {d[0] + i, d[1] + j, d[2] + k});
        if (dot(r, r) <= r2) out.push_back({i, j, k});
      }
  return out;
}

double periodic_distance(const Lattice& l, const Vec3& a, const Vec3& b) {
  const Vec3 d = min_image_frac(b - a);
  // The rounded image is within one cell; the true minimum is no farther than that image.
  const double r0 = norm(to_cart(l, d));
  double best = r0;
  for (const auto& n : images_within(l, d, r0 + 1e-9))
    best = std::min(best, norm(to_cart(l, {d[0] + n[0], d[1] + n[1], d[2] + n[2]})));
  return best;
}

int find_position(const Lattice& l, const std::vector<Vec3>& fracs, const Vec3& f, double tol,
                  std::array<int, 3>* shift) {
  for (size_t i = 0; i < fracs.size(); ++i) {
    const Vec3 d = f - fracs[i];
    const Vec3 dm = min_image_frac(d);
    // Positions within tol of each other are also within tol after rounding for any sane cell
    // (tol << cell lengths); checking the rounded image suffices.
    if (norm(to_cart(l, dm)) <= tol) {
      if (shift)
        for (int k = 0; k < 3; ++k) (*shift)[k] = static_cast<int>(std::lround(d[k] - dm[k]));
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::vector<SymOp> symmetry_ops(const Crystal& c) {
  if (!c.symmetry.ops.empty()) return c.symmetry.ops;
  SymOp id;
  for (int k = 0; k < 3; ++k) id.rot[k][k] = 1;
  return {id};
}

}  // namespace ionhop::netdetail
