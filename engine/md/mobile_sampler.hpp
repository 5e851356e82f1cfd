#pragma once
// Unwrapped positions of the mobile ions sampled during production, and their block mean-squared
// displacements with multiple time origins per block: the blocks play the role of KMC replicas
// for the transport estimators (doc/theory/md.md §Transport).
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/core/state_arrays.hpp"
#include "engine/md/frame_store.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

struct BlockMsd {
  int n_blocks = 0, n_lags = 0;  // lags 0 .. n_lags-1 in units of the sampling interval
  int n_ions = 0;
  // index (block * n_lags + lag) * 3 + a, Å^2, averaged over the time origins of the block:
  std::vector<double> tracer_sq;      // Σ_i Δr_{i,a}^2
  std::vector<double> collective_sq;  // (Σ_i Δr_{i,a})^2
};

// The samples are a FrameStore (frame_store.hpp): under a domain decomposition each rank keeps
// the history of a block of ions, whatever rank owns them; constructor, sample(), block_msd(),
// save() and restore() are then collective.
class MobileSampler {
 public:
  MobileSampler(const MdSystem& s, int mobile_type);
  void sample(const MdSystem& s) { frames_.add(s); }
  int n_samples() const { return frames_.n_frames(); }
  int n_ions() const { return frames_.n_items(); }  // over all ranks
  // Serial systems: the mobile ions' atom indices, and their fractional coordinates (box frame,
  // any image) now.
  const std::vector<std::int64_t>& atoms() const { return frames_.ids(); }
  std::vector<Vec3> fractional(const MdSystem& s) const;
  // n_blocks equal blocks of the samples; lags up to half a block. The same on every rank.
  BlockMsd block_msd(int n_blocks) const;
  // The fewest samples block_msd accepts: blocks of at least 4 samples.
  static long min_samples(int n_blocks) { return 4L * n_blocks; }
  // The samples so far ("sampler/frames": per sample, the ions' coordinates by increasing id), for
  // checkpoints: save() fills rank 0's `a`; restore() reads the same checkpoint on every rank.
  void save(StateArrays& a) const { frames_.save(a, "sampler/frames"); }
  void restore(const StateArrays& a) { frames_.restore(a, "sampler/frames"); }

 private:
  FrameStore frames_;
};

// Unwrapped Cartesian positions (x + image · h) of all atoms, host copy, 3 per atom.
std::vector<double> unwrapped_positions(const MdSystem& s);

}  // namespace ionhop::md
