#pragma once
// Unwrapped positions of the mobile ions sampled during production, and their block mean-squared
// displacements with multiple time origins per block: the blocks play the role of KMC replicas
// for the transport estimators (doc/theory/md.md §Transport).
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/core/state_arrays.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

struct BlockMsd {
  int n_blocks = 0, n_lags = 0;  // lags 0 .. n_lags-1 in units of the sampling interval
  int n_ions = 0;
  // index (block * n_lags + lag) * 3 + a, Å^2, averaged over the time origins of the block:
  std::vector<double> tracer_sq;      // Σ_i Δr_{i,a}^2
  std::vector<double> collective_sq;  // (Σ_i Δr_{i,a})^2
};

// Under a domain decomposition the history of ion (global id g) is kept by rank g mod P, whatever
// rank owns the ion at the moment: each sample sends the owned ions' unwrapped positions to their
// keepers (one MPI_Alltoallv), so memory and work are spread over the ranks and no rank holds
// every ion. Constructor, sample(), block_msd(), save() and restore() are then collective.
class MobileSampler {
 public:
  MobileSampler(const MdSystem& s, int mobile_type);
  void sample(const MdSystem& s);
  int n_samples() const { return static_cast<int>(frames_.size()); }
  int n_ions() const { return n_ions_; }  // over all ranks
  // Serial systems: the mobile ions' atom indices, and their fractional coordinates (box frame,
  // any image) now.
  const std::vector<std::int64_t>& atoms() const { return ids_; }
  std::vector<Vec3> fractional(const MdSystem& s) const;
  // n_blocks equal blocks of the samples; lags up to half a block. The same on every rank.
  BlockMsd block_msd(int n_blocks) const;
  // The fewest samples block_msd accepts: blocks of at least 4 samples.
  static long min_samples(int n_blocks) { return 4L * n_blocks; }
  // The samples so far ("sampler/frames": per sample, the ions' coordinates by increasing id), for
  // checkpoints: save() fills rank 0's `a`; restore() reads the same checkpoint on every rank.
  void save(StateArrays& a) const;
  void restore(const StateArrays& a);

 private:
  int mobile_type_;
  std::shared_ptr<MdDomain> domain_;      // null: serial
  int n_ions_ = 0;
  std::vector<std::int64_t> ids_;         // ions kept here, increasing id
  std::vector<int> ion_;                  // their places in the order of all ions (increasing id)
  std::vector<std::vector<double>> frames_; // per sample: 3 per kept ion, unwrapped Å
  // rows (id, unwrapped x, y, z) of the owned mobile ions, on the host
  Kokkos::View<double* [4], Kokkos::HostSpace> owned_rows(const MdSystem& s) const;
  mutable Kokkos::View<double* [4], MemSpace> rows_dev_;
};

// Unwrapped Cartesian positions (x + image · h) of all atoms, host copy, 3 per atom.
std::vector<double> unwrapped_positions(const MdSystem& s);

}  // namespace ionhop::md
