#include "engine/parallel/rank_grid.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/parallel/mpi_handle.hpp"

namespace ionhop::parallel {

namespace {
bool fits(const std::array<int, 3>& p, const std::array<double, 3>& w, double min_width) {
  for (int d = 0; d < 3; ++d)
    if (w[d] / p[d] < min_width) return false;
  return true;
}

// The best fitting factorisation of n, or p0 = 0 when none fits.
std::array<int, 3> best_grid(int n, const std::array<double, 3>& w, double min_width) {
  std::array<int, 3> best{0, 0, 0};
  double best_cost = 0;
  for (int p0 = n; p0 >= 1; --p0) {
    if (n % p0) continue;
    for (int p1 = n / p0; p1 >= 1; --p1) {
      if ((n / p0) % p1) continue;
      const std::array<int, 3> p{p0, p1, n / p0 / p1};
      if (!fits(p, w, min_width)) continue;
      const double cost = p[0] / w[0] + p[1] / w[1] + p[2] / w[2];
      // strictly better by more than round-off: equal shapes keep the first in the loop order
      if (best[0] == 0 || cost < best_cost * (1 - 1e-12)) best = p, best_cost = cost;
    }
  }
  return best;
}
}  // namespace

int largest_fitting_rank_count(int n, const std::array<double, 3>& w, double min_width) {
  for (int m = n; m >= 1; --m)
    if (best_grid(m, w, min_width)[0] != 0) return m;
  return 0;
}

std::array<int, 3> choose_grid(int n, const std::array<double, 3>& w, double min_width) {
  if (n < 1) fail("rank grid: {} ranks", n);
  const std::array<int, 3> p = best_grid(n, w, min_width);
  if (p[0] == 0)
    fail("{} ranks cannot split the box (perpendicular widths {:.2f} x {:.2f} x {:.2f} Å) into sub-boxes at least "
         "{:.2f} Å (cutoff + skin) thick; the largest rank count up to {} that can is {}: use it, or a larger supercell",
         n, w[0], w[1], w[2], min_width, n, largest_fitting_rank_count(n, w, min_width));
  return p;
}

void check_grid(const std::array<int, 3>& dims, int n, const std::array<double, 3>& w, double min_width,
                const std::string& what) {
  for (int d = 0; d < 3; ++d)
    if (dims[d] < 1) fail("{}: [{}, {}, {}]: every entry must be >= 1", what, dims[0], dims[1], dims[2]);
  if (dims[0] * dims[1] * dims[2] != n)
    fail("{}: [{}, {}, {}] makes {} domains, but the job has {} ranks", what, dims[0], dims[1], dims[2],
         dims[0] * dims[1] * dims[2], n);
  for (int d = 0; d < 3; ++d)
    if (w[d] / dims[d] < min_width)
      fail("{}: [{}, {}, {}] makes sub-boxes {:.2f} Å thick along {}, below cutoff + skin = {:.2f} Å (the largest rank "
           "count up to the job's that fits this box is {})",
           what, dims[0], dims[1], dims[2], w[d] / dims[d], "abc"[d], min_width,
           largest_fitting_rank_count(n, w, min_width));
}

RankGrid::RankGrid(const mpi::Comm& parent, const std::array<int, 3>& dims) : comm_(parent), dims_(dims) {
  if (dims[0] * dims[1] * dims[2] != parent.size())
    fail("rank grid [{}, {}, {}] for {} ranks", dims[0], dims[1], dims[2], parent.size());
  if (mpi::active()) {
    int periodic[3] = {1, 1, 1};
    MPI_Comm cart;
    mpi::check(MPI_Cart_create(mpi::raw(parent), 3, dims_.data(), periodic, 0, &cart), "MPI_Cart_create");
    comm_ = mpi::adopt(cart);
    MPI_Comm_rank(cart, &rank_);
    mpi::check(MPI_Cart_coords(cart, rank_, 3, coords_.data()), "MPI_Cart_coords");
    for (int d = 0; d < 3; ++d)
      mpi::check(MPI_Cart_shift(cart, d, 1, &neighbors_[d][0], &neighbors_[d][1]), "MPI_Cart_shift");
    if (rank_at(coords_) != rank_) fail("rank grid: MPI_Cart numbering is not row-major");
  } else {
    for (auto& n : neighbors_) n = {0, 0};
  }
}

int RankGrid::rank_at(const std::array<int, 3>& c) const { return (c[0] * dims_[1] + c[1]) * dims_[2] + c[2]; }

int RankGrid::owner(const double f[3]) const {
  std::array<int, 3> c;
  for (int d = 0; d < 3; ++d) c[d] = std::clamp(static_cast<int>(std::floor(f[d] * dims_[d])), 0, dims_[d] - 1);
  return rank_at(c);
}

}  // namespace ionhop::parallel
