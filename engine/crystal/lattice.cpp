// Lattice geometry: parameters <-> vectors, fractional <-> Cartesian, periodic distances.
#include <cmath>
#include <limits>

#include "engine/crystal/crystal.hpp"

namespace ionhop {

namespace {
constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
}

Lattice Lattice::from_parameters(double a, double b, double c, double alpha, double beta, double gamma) {
  const double ca = std::cos(alpha * kDegToRad), cb = std::cos(beta * kDegToRad);
  const double cg = std::cos(gamma * kDegToRad), sg = std::sin(gamma * kDegToRad);
  Lattice l;
  l.rows[0] = {a, 0.0, 0.0};
  l.rows[1] = {b * cg, b * sg, 0.0};
  const double cx = c * cb;
  const double cy = c * (ca - cb * cg) / sg;
  const double cz2 = c * c - cx * cx - cy * cy;
  // Impossible angle triples give cz2 <= 0: a flat cell (volume 0) that validation rejects.
  l.rows[2] = {cx, cy, cz2 > 0.0 ? std::sqrt(cz2) : 0.0};
  return l;
}

Vec3 Lattice::to_cart(const Vec3& f) const { return f[0] * rows[0] + f[1] * rows[1] + f[2] * rows[2]; }

Vec3 Lattice::to_frac(const Vec3& cart) const {
  // cart = M^T f with M the row matrix, so f = (M^T)^-1 cart.
  return matvec(inverse(transpose(rows)), cart);
}

double Lattice::volume() const { return det(rows); }

std::array<double, 6> Lattice::parameters() const {
  const double a = norm(rows[0]), b = norm(rows[1]), c = norm(rows[2]);
  auto angle = [](const Vec3& u, const Vec3& v) {
    return std::acos(std::max(-1.0, std::min(1.0, dot(u, v) / (norm(u) * norm(v))))) / kDegToRad;
  };
  return {a, b, c, angle(rows[1], rows[2]), angle(rows[0], rows[2]), angle(rows[0], rows[1])};
}

Vec3 Lattice::shortest_frac_vector(const Vec3& fa, const Vec3& fb) const {
  const Vec3 d0 = min_image_frac(fb - fa);
  double best = norm(to_cart(d0));
  Vec3 best_d = d0;
  // Any image closer than `best` has |frac component i| <= best * |b_i*| (b_i* the reciprocal
  // vectors), so searching those integer shifts is exact for any cell shape.
  const Mat3 inv = inverse(rows);  // columns are the reciprocal vectors b_i*
  std::array<int, 3> lo{}, hi{};
  for (int i = 0; i < 3; ++i) {
    const double rec = std::sqrt(inv[0][i] * inv[0][i] + inv[1][i] * inv[1][i] + inv[2][i] * inv[2][i]);
    const double r = best * rec + 1e-12;
    if (!(r < 1e4)) return d0;  // degenerate (zero-volume) cell: no meaningful search
    lo[i] = static_cast<int>(std::ceil(-d0[i] - r));
    hi[i] = static_cast<int>(std::floor(-d0[i] + r));
  }
  for (int i = lo[0]; i <= hi[0]; ++i)
    for (int j = lo[1]; j <= hi[1]; ++j)
      for (int k = lo[2]; k <= hi[2]; ++k) {
        const Vec3 d{d0[0] + i, d0[1] + j, d0[2] + k};
        const double len = norm(to_cart(d));
        if (len < best - 1e-12) {
          best = len;
          best_d = d;
        }
      }
  return best_d;
}

double Lattice::distance(const Vec3& fa, const Vec3& fb) const {
  return norm(to_cart(shortest_frac_vector(fa, fb)));
}

}  // namespace ionhop
