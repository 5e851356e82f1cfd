#pragma once
// Half neighbour list (CSR) built from a binned cell list with a Verlet skin; rebuilt when any atom
// moved more than skin/2 since the last build. Building wraps positions into the box. Under domain
// decomposition (s.domain) a build also migrates atoms and rebuilds the ghosts (md_domain.hpp), the
// list holds owned atoms' pairs among owned atoms and ghosts, and every other step refreshes the
// ghost positions.
#include "engine/core/state_arrays.hpp"
#include "engine/md/md_system.hpp"
#include "kernels/md/neighbor_build.hpp"

namespace ionhop::md {

class NeighborList {
 public:
  // cutoff: largest interaction cutoff (Å); the list holds pairs within cutoff + skin.
  NeighborList(double cutoff, double skin);

  // The box was strained by diag(mu) (barostat; s.box already the new one, positions scaled): the
  // reference positions and image shifts follow, and the rebuild trigger shrinks by the
  // accumulated strain (doc/theory/md.md §1). Serial systems only.
  void strain(const MdSystem& s, const double mu[3]);
  // Rebuild if needed (or forced); returns true if rebuilt.
  bool update(MdSystem& s, bool force = false);
  void build(MdSystem& s);
  // The positions of the last build ("neighbor/x_ref") and the build count; restore() rebuilds the
  // list from those positions, so its pairs come in the order they had.
  void save(StateArrays& a) const;
  void restore(const StateArrays& a, const MdSystem& s);
  // Domain decomposition: only the build count; the list is rebuilt at the next update.
  void restore_count(const StateArrays& a);

  double cutoff() const { return cutoff_; }
  double skin() const { return skin_; }
  long n_builds() const { return n_builds_; }
  long n_pairs() const { return n_pairs_; }
  md_kernels::ShiftTable shifts() const { return shifts_; }

  Kokkos::View<int*, MemSpace> offsets, entries;

  // build() and restore(): wrap = wrap positions into the box first (and update images). Public
  // only because CUDA's extended lambdas may not live in a private member function.
  void build_list(MdSystem& s, bool wrap);
  // Domain decomposition: migration, ghosts, then the list over owned atoms and ghosts.
  void build_local_list(MdSystem& s);
  // The first n atoms binned by `assign` (its views are set here), each bin in index order.
  md_kernels::BinGrid<MemSpace> fill_bins(md_kernels::AssignBins<ExecSpace> assign, int n);
  // CSR offsets from per-atom counts (entries grown to fit); returns the number of pairs.
  int csr_offsets(const Kokkos::View<int*, MemSpace>& count, int n);

 private:
  void set_shifts(const md_kernels::Box& box);
  double cutoff_, skin_;
  long n_builds_ = 0, n_pairs_ = 0;
  md_kernels::ShiftTable shifts_{};
  Kokkos::View<double* [3], MemSpace> x_ref_;
  double strain_[3] = {1, 1, 1};  // diagonal strain since the last build
  // Under a barostat: the box and positions of the last build (x_ref_ is strained in place), so that
  // a restart rebuilds the very same list (its order comes from the build box's bins).
  Kokkos::View<double* [3], MemSpace> x_build_;
  md_kernels::Box box_build_;
};

}  // namespace ionhop::md
