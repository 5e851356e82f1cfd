#pragma once
// How long the MD transport blocks must be (doc/theory/md.md §7): a block must span many hops of
// an ion, else the MSD slope fitted within it sees only the short-time motion (vibration and the
// uncorrelated first jump) and misses the back-jump correlations (NASICON: correlation factor ≈ 1
// from 1 ps blocks against 0.42 from KMC, with 12 ps between hops). The mean residence time
// τ_res = N_ions · t_production / N_hops (from the hop detector) sets the scale: blocks shorter
// than kBlocksPerResidence · τ_res make the result unreliable (a warning and reliable = false);
// blocks = "auto" picks the block count so that they are not.
#include <string>

namespace ionhop::md {

// Block length in mean residence times. With lags up to half a block and the slope fitted over the
// last 80 % of the lags (doc/theory/md.md §7), the fit window then starts at >= 1 τ_res and ends at
// >= 5 τ_res.
constexpr double kBlocksPerResidence = 10;
constexpr int kAutoMaxBlocks = 8;  // auto: at most this many blocks (longer blocks: better slopes)

// Mean time between hops of one ion (ps); +inf without hops.
double mean_residence_time(long n_hops, long n_ions, double production_ps);

struct BlockChoice {
  int blocks = 0;         // used for the transport and the cell statistics
  double block_ps = 0;    // length of one block
  int reliable = -1;      // 1: blocks >= kBlocksPerResidence τ_res; 0: shorter (or no hops); -1: τ_res unknown
  std::string note;       // why not reliable (empty when reliable)
};

// requested: a block count (>= 2) or 0 for "auto"; n_samples samples every sample_ps ps;
// tau_res_ps < 0: unknown (no hop detection).
BlockChoice choose_blocks(int requested, long n_samples, double sample_ps, double tau_res_ps);

}  // namespace ionhop::md
