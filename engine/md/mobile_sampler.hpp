#pragma once
// Unwrapped positions of the mobile ions sampled during production, and their block mean-squared
// displacements with multiple time origins per block: the blocks play the role of KMC replicas
// for the transport estimators (doc/theory/md.md §Transport).
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

class MobileSampler {
 public:
  MobileSampler(const MdSystem& s, int mobile_type);
  void sample(const MdSystem& s);
  int n_samples() const { return static_cast<int>(frames_.size()); }
  int n_ions() const { return static_cast<int>(atoms_.size()); }
  const std::vector<int>& atoms() const { return atoms_; }
  // Fractional coordinates (box frame, any image) of the mobile ions now.
  std::vector<Vec3> fractional(const MdSystem& s) const;
  // n_blocks equal blocks of the samples; lags up to half a block.
  BlockMsd block_msd(int n_blocks) const;
  // The fewest samples block_msd accepts: blocks of at least 4 samples.
  static long min_samples(int n_blocks) { return 4L * n_blocks; }
  // The samples so far ("sampler/frames"), for checkpoints.
  void save(StateArrays& a) const;
  void restore(const StateArrays& a);

 private:
  std::vector<int> atoms_;                  // indices of the mobile ions
  std::vector<std::vector<double>> frames_; // per sample: 3 * n_ions unwrapped coordinates
  Kokkos::View<int*, MemSpace> atoms_dev_;
  Kokkos::View<double* [3], MemSpace> frame_dev_;
};

// Unwrapped Cartesian positions (x + image · h) of all atoms, host copy, 3 per atom.
std::vector<double> unwrapped_positions(const MdSystem& s);

}  // namespace ionhop::md
