#include "engine/models/point_grid.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"

namespace ionhop {

std::array<double, 3> perpendicular_widths(const Lattice& lattice) {
  const Mat3& m = lattice.rows;
  const double v = std::abs(det(m));
  std::array<double, 3> w{};
  for (int k = 0; k < 3; ++k) w[k] = v / norm(cross(m[(k + 1) % 3], m[(k + 2) % 3]));
  return w;
}

PointGrid::PointGrid(const Lattice& lattice, const std::vector<Vec3>& frac, double r_max, const std::string& what)
    : lattice_(lattice), frac_(frac) {
  const auto w = perpendicular_widths(lattice);
  for (int k = 0; k < 3; ++k) {
    if (!(w[k] > 2 * r_max))
      fail("{}: range {} Å needs a cell wider than {} Å along axis {} (width {:.3f} Å): use a larger supercell",
           what, r_max, 2 * r_max, k + 1, w[k]);
    nb_[k] = std::max(1, static_cast<int>(std::floor(w[k] / r_max)));
    nb_[k] = std::min(nb_[k], 256);
  }
  const int n_bins = nb_[0] * nb_[1] * nb_[2];
  std::vector<int> bin(frac_.size());
  bin_start_.assign(static_cast<size_t>(n_bins) + 1, 0);
  for (size_t i = 0; i < frac_.size(); ++i) {
    std::array<int, 3> b{};
    bin[i] = bin_of(frac_[i], b);
    ++bin_start_[static_cast<size_t>(bin[i]) + 1];
  }
  for (int b = 0; b < n_bins; ++b) bin_start_[b + 1] += bin_start_[b];
  bin_points_.resize(frac_.size());
  std::vector<int> fill(bin_start_.begin(), bin_start_.end() - 1);
  for (size_t i = 0; i < frac_.size(); ++i) bin_points_[static_cast<size_t>(fill[bin[i]]++)] = static_cast<int>(i);
}

int PointGrid::bin_of(const Vec3& f, std::array<int, 3>& b) const {
  for (int k = 0; k < 3; ++k) {
    b[k] = static_cast<int>(std::floor(wrap01(f[k]) * nb_[k]));
    b[k] = std::min(std::max(b[k], 0), nb_[k] - 1);
  }
  return b[0] + nb_[0] * (b[1] + nb_[1] * b[2]);
}

double PointGrid::image_distance(const Vec3& qf, int j, double r) const {
  const Vec3 d0 = min_image_frac(frac_[static_cast<size_t>(j)] - qf);
  for (int i = -1; i <= 1; ++i)
    for (int k = -1; k <= 1; ++k)
      for (int l = -1; l <= 1; ++l) {
        const Vec3 d{d0[0] + i, d0[1] + k, d0[2] + l};
        Vec3 c{};
        for (int a = 0; a < 3; ++a)
          c[a] = d[0] * lattice_.rows[0][a] + d[1] * lattice_.rows[1][a] + d[2] * lattice_.rows[2][a];
        const double dist = norm(c);
        if (dist <= r) return dist;
      }
  return -1;
}

PointPairs pairs_within(const Lattice& lattice, const std::vector<Vec3>& frac, double r_max, const std::string& what) {
  PointPairs p;
  p.offset.assign(frac.size() + 1, 0);
  if (r_max <= 0) return p;
  const PointGrid grid(lattice, frac, r_max, what);
  std::vector<std::pair<int, double>> found;
  for (size_t i = 0; i < frac.size(); ++i) {
    found.clear();
    grid.for_each_within(frac[i], r_max, [&](int k, double d) {
      if (k != static_cast<int>(i)) found.emplace_back(k, d);
    });
    std::sort(found.begin(), found.end());
    for (const auto& f : found) {
      p.index.push_back(f.first);
      p.distance.push_back(f.second);
    }
    p.offset[i + 1] = static_cast<int>(p.index.size());
  }
  return p;
}

}  // namespace ionhop
