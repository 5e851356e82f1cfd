#pragma once
// MD spatial domain decomposition (issue 11; ARCHITECTURE.md §4b): the box is split over a 3D
// grid of ranks in fractional coordinates (parallel::RankGrid); each rank owns the atoms in its
// sub-box and holds ghost copies of the atoms within cutoff + skin of it, exchanged with the six
// face neighbours in three sweeps (parallel::Halo; periodic images by shifting positions by a box
// vector). At every neighbour-list build, atoms that left their sub-box move to their new owner
// with all their per-atom data (parallel::Distributor) and the ghost lists are rebuilt; between
// builds only ghost positions are sent. Forces use a half list with Newton's third law on: each
// pair is computed once over all ranks, and forces on ghosts go back to their owners (reverse
// exchange) — no pair is computed twice, at the price of a second message per step
// (doc/theory/md.md §8).
#include <array>
#include <optional>
#include <vector>

#include "engine/md/md_system.hpp"
#include "engine/parallel/halo.hpp"
#include "engine/parallel/rank_grid.hpp"

namespace ionhop::md {

class MdDomain {
 public:
  // ghost_cut: cutoff + skin (Å). dims {0, 0, 0}: the grid with the smallest halo; else checked.
  // `what` names the setting of dims in messages. Collective over comm.
  // device_mpi: the MPI library reads and writes device memory (CUDA-aware); else host copies.
  MdDomain(const mpi::Comm& comm, const md_kernels::Box& box, double ghost_cut, const std::array<int, 3>& dims,
           const std::string& what = "[parallel] grid", bool device_mpi = false);

  const parallel::RankGrid& grid() const { return grid_; }
  // The part of `whole` (built the same on every rank) in this rank's sub-box, ids = indices in
  // `whole`, with the domain attached; ghosts come with the first neighbour-list build.
  static MdSystem distribute(const MdSystem& whole, const std::shared_ptr<MdDomain>& domain);

  // Wraps owned positions into the box (counting crossings in `image`) and sends every atom
  // outside this sub-box to its owner, with velocity, force, image counter, type, charge, mass and
  // id. Drops the ghosts.
  void migrate(MdSystem& s);
  // Builds the ghost lists (three sweeps) and fills the ghosts' positions, types, charges, masses
  // and ids. After migrate().
  void borders(MdSystem& s);
  // Ghost positions from their owners (every step between builds).
  void forward(MdSystem& s) const;
  // Forces on ghosts added to their owners' atoms (after every force computation).
  void reverse(MdSystem& s) const;
  // Periodic image of each local atom relative to its owner's copy (0 for owned atoms; +-1 per
  // periodic face crossed by a ghost), for the Newton's-third-law choice of the neighbour list.
  const Kokkos::View<int* [3], MemSpace>& ghost_images() const { return ghost_image_; }

  std::vector<double> sum(const std::vector<double>& local) const;
  // Long sums (the Ewald structure factors): one MPI_Allreduce, in place.
  void sum_in_place(std::vector<double>& values) const;
  bool any(bool local) const;

  // Wall time spent in this domain's communication so far (ghost positions, ghost forces,
  // migration and ghost lists, reductions), s: the communication share of a run.
  double comm_seconds() const { return comm_s_; }

 private:
  parallel::RankGrid grid_;
  md_kernels::Box box_;
  double ghost_cut_;
  bool device_mpi_ = false;
  std::array<double, 3> widths_;
  std::optional<parallel::Halo<ExecSpace>> halo_;
  Kokkos::View<int* [3], MemSpace> ghost_image_;
  mutable double comm_s_ = 0;
};

}  // namespace ionhop::md
