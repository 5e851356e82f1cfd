#pragma once
// Unwrapped positions of a set of atoms (all, or those of one type) at a series of frames, for the
// MSD estimators and the HDF5 trajectory. Items are the chosen atoms numbered by increasing global
// id. In a serial run one store holds them all; under a domain decomposition rank r keeps the
// frames of a contiguous block of items (mpi::split), whatever rank owns the atoms at the moment:
// each add() sends the owned atoms' rows to the ranks keeping them (one MPI_Alltoallv), so memory
// is spread evenly and no rank holds every frame. Constructor, add(), save() are then collective.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/state_arrays.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

class FrameStore {
 public:
  // type < 0: every atom.
  FrameStore(const MdSystem& s, int type);
  void add(const MdSystem& s);  // a frame of the positions now

  int n_items() const { return n_items_; }  // over all ranks
  int first() const { return first_; }      // the items kept here: first() .. first() + count() - 1
  int count() const { return static_cast<int>(ids_.size()); }
  const std::vector<std::int64_t>& ids() const { return ids_; }  // their global atom ids
  int n_frames() const { return static_cast<int>(frames_.size()); }
  const std::vector<double>& frame(int f) const { return frames_[f]; }  // 3 per kept item, Å
  // The cell of each frame (rows a, b, c; 9 values, Å): it changes under a barostat.
  const std::vector<double>& cells() const { return cells_; }
  const MdDomain* domain() const { return domain_.get(); }  // null: serial

  // Every frame of every item (frame-major, then item, then x y z) into rank 0's `a` under `key`;
  // restore() takes this rank's block from the same arrays (every rank reads the checkpoint).
  void save(StateArrays& a, const std::string& key) const;
  void restore(const StateArrays& a, const std::string& key);

 private:
  int keeper(int item) const;  // the rank keeping an item
  int item_of(std::int64_t id) const;

  int type_;
  std::shared_ptr<MdDomain> domain_;  // null: serial
  int ranks_ = 1, n_items_ = 0, first_ = 0;
  std::vector<int> firsts_;  // first item of each rank's block (mpi::split)
  std::vector<std::int64_t> all_ids_;  // type >= 0: every chosen id, increasing (item k has all_ids_[k])
  std::vector<std::int64_t> ids_;
  std::vector<std::vector<double>> frames_;
  std::vector<double> cells_;  // 9 per frame
  mutable Kokkos::View<double* [4], MemSpace> rows_dev_;
  Kokkos::View<double* [4], Kokkos::HostSpace> owned_rows(const MdSystem& s) const;
};

}  // namespace ionhop::md
