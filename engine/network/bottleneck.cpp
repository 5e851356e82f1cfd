// Geometric bottleneck of a hop: r(t) = min_k (|p(t) - x_k| - R_k) along the segment p(t), and its
// minimum over t. Each term is convex in t with its minimum at the foot point of x_k on the
// segment, so min_t min_k = min_k (distance of x_k to the segment - R_k): exact, no sampling.
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/network/network_detail.hpp"

namespace ionhop::netdetail {

namespace {
// Distance from x to the segment a + t (b - a), t in [0,1], and the foot parameter t.
std::pair<double, double> segment_distance(const Vec3& a, const Vec3& b, const Vec3& x) {
  const Vec3 ab = b - a;
  const double L2 = dot(ab, ab);
  double t = L2 > 0 ? dot(x - a, ab) / L2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return {norm(a + t * ab - x), t};
}
}  // namespace

Bottleneck hop_bottleneck(const Lattice& l, const std::vector<FrameworkIon>& fw, const Vec3& p0,
                          const Vec3& p1) {
  Bottleneck b;
  b.radius = std::numeric_limits<double>::infinity();
  if (fw.empty()) return b;  // bare lattice: nothing constrains the path
  double r_max = 0;
  for (const auto& ion : fw) r_max = std::max(r_max, ion.radius);
  const Vec3 a = to_cart(l, p0), c = to_cart(l, p1);
  const Vec3 mid = 0.5 * (p0 + p1);
  const double half = 0.5 * norm(c - a);
  constexpr double tie = 1e-3;  // Å: ions this close to the minimum also define the bottleneck

  // Ions farther than half + C from the midpoint are farther than C from every point of the
  // segment and contribute at least C - r_max: search radius C grows until that cannot win.
  for (double C = 4.0;; C *= 2) {
    struct Cand { double value, t; int ion; };
    std::vector<Cand> cand;
    double best = std::numeric_limits<double>::infinity();
    for (size_t k = 0; k < fw.size(); ++k) {
      const Vec3 d = fw[k].frac - mid;
      for (const auto& n : images_within(l, d, half + C)) {
        const Vec3 x = to_cart(l, {fw[k].frac[0] + n[0], fw[k].frac[1] + n[1], fw[k].frac[2] + n[2]});
        const auto [dist, t] = segment_distance(a, c, x);
        const double v = dist - fw[k].radius;
        best = std::min(best, v);
        cand.push_back({v, t, static_cast<int>(k)});
      }
    }
    if (best <= C - r_max || C > 1e4) {
      std::sort(cand.begin(), cand.end(), [](const Cand& x, const Cand& y) { return x.value < y.value; });
      b.radius = best;
      b.t = cand.front().t;
      for (const auto& x : cand)
        if (x.value <= best + tie) b.ions.push_back(x.ion);
      return b;
    }
  }
}

}  // namespace ionhop::netdetail
