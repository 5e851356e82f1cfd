#pragma once
// A 3D Cartesian grid of ranks over a periodic (triclinic) box, split evenly in fractional
// coordinates as LAMMPS splits "lamda" coordinates: the rank at grid coordinates (c0, c1, c2) owns
// the fractional region f_d in [c_d / p_d, (c_d + 1) / p_d). Built on MPI_Cart_create (periodic,
// no reordering, so grid ranks are the parent's ranks); without MPI it is the 1x1x1 grid.
// Used by the MD and KMC domain decompositions alike (ARCHITECTURE.md §4b).
#include <array>
#include <string>

#include "engine/parallel/mpi.hpp"

namespace ionhop::parallel {

// Grid shape for n ranks over a box of perpendicular widths w (Å): among the factorisations
// p0 p1 p2 = n whose sub-boxes are at least `min_width` thick in every direction, the one with the
// smallest sub-box surface sum_d p_d / w_d (the halo volume per rank; ties: the first in order of
// decreasing p0, then p1). Throws ionhop::Error when none fits, naming the largest rank count
// that does.
std::array<int, 3> choose_grid(int n, const std::array<double, 3>& w, double min_width);
// Largest rank count <= n with a grid that fits (0 when even one rank does not).
int largest_fitting_rank_count(int n, const std::array<double, 3>& w, double min_width);
// Throws when `dims` do not multiply to n or a sub-box is thinner than min_width; `what` names
// the setting in the message.
void check_grid(const std::array<int, 3>& dims, int n, const std::array<double, 3>& w, double min_width,
                const std::string& what);

class RankGrid {
 public:
  // Collective over `parent` (every rank passes the same dims).
  RankGrid(const mpi::Comm& parent, const std::array<int, 3>& dims);

  const mpi::Comm& comm() const { return comm_; }
  int rank() const { return rank_; }
  int size() const { return dims_[0] * dims_[1] * dims_[2]; }
  const std::array<int, 3>& dims() const { return dims_; }
  const std::array<int, 3>& coords() const { return coords_; }
  // Rank of the neighbour one step along direction d (dir = -1 or +1), periodic.
  int neighbor(int d, int dir) const { return neighbors_[d][dir > 0 ? 1 : 0]; }
  // This rank's fractional bounds along d.
  double lo(int d) const { return static_cast<double>(coords_[d]) / dims_[d]; }
  double hi(int d) const { return static_cast<double>(coords_[d] + 1) / dims_[d]; }
  // Rank owning a fractional position of the box ([0, 1) up to round-off: a position wrapped into
  // the box may come back from Cartesian as -1e-17 or 1.0; it stays with the rank at that face, the
  // one whose ghost region holds it). Wrap positions of other images first.
  int owner(const double f[3]) const;
  // Rank at grid coordinates c (each in [0, p_d)), in the same numbering as MPI_Cart_rank.
  int rank_at(const std::array<int, 3>& c) const;

 private:
  mpi::Comm comm_;
  std::array<int, 3> dims_{1, 1, 1}, coords_{0, 0, 0};
  std::array<std::array<int, 2>, 3> neighbors_{};
  int rank_ = 0;
};

}  // namespace ionhop::parallel
