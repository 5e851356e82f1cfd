#pragma once
// Periodic range search over points of a (super)cell: bins in fractional coordinates, each at
// least `r_max` wide (perpendicular), so a query visits 27 bins. Exact for skewed cells: of the
// images of a candidate the shortest is taken. Requires every perpendicular width of the cell to
// be > 2 r_max (then at most one image of a point lies within r_max); throws otherwise.
#include <array>
#include <string>
#include <vector>

#include "engine/crystal/crystal.hpp"

namespace ionhop {

class PointGrid {
 public:
  // `what` names the purpose in the error message (e.g. "model pair interaction").
  PointGrid(const Lattice& lattice, const std::vector<Vec3>& frac, double r_max, const std::string& what);

  // Calls f(index, distance) for every point within r (<= r_max) of the fractional position q
  // (including a point at distance 0).
  template <class F>
  void for_each_within(const Vec3& q, double r, F&& f) const;

 private:
  Lattice lattice_;
  std::vector<Vec3> frac_;
  std::array<int, 3> nb_{1, 1, 1};
  std::vector<int> bin_start_, bin_points_;
  int bin_of(const Vec3& f, std::array<int, 3>& b) const;
  double image_distance(const Vec3& qf, int j, double r) const;  // < 0 if no image within r
};

// Perpendicular widths of a cell (distance between opposite faces), Å.
std::array<double, 3> perpendicular_widths(const Lattice& lattice);

// Pairs (i, k != i) within r_max, CSR by i, with distances.
struct PointPairs {
  std::vector<int> offset, index;
  std::vector<double> distance;
};
PointPairs pairs_within(const Lattice& lattice, const std::vector<Vec3>& frac, double r_max, const std::string& what);

template <class F>
void PointGrid::for_each_within(const Vec3& q, double r, F&& f) const {
  std::array<int, 3> b{};
  bin_of(q, b);
  std::array<int, 3> lo{}, hi{};
  for (int k = 0; k < 3; ++k) {
    if (nb_[k] >= 3) { lo[k] = b[k] - 1; hi[k] = b[k] + 1; }
    else { lo[k] = 0; hi[k] = nb_[k] - 1; }
  }
  for (int i = lo[0]; i <= hi[0]; ++i)
    for (int j = lo[1]; j <= hi[1]; ++j)
      for (int k = lo[2]; k <= hi[2]; ++k) {
        const int bi = (i + nb_[0]) % nb_[0], bj = (j + nb_[1]) % nb_[1], bk = (k + nb_[2]) % nb_[2];
        const int bin = bi + nb_[0] * (bj + nb_[1] * bk);
        for (int p = bin_start_[bin]; p < bin_start_[bin + 1]; ++p) {
          const int idx = bin_points_[p];
          const double d = image_distance(q, idx, r);
          if (d >= 0) f(idx, d);
        }
      }
}

}  // namespace ionhop
