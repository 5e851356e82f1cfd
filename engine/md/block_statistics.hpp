#pragma once
// Mean and fluctuation of a time series with errors from block averages: the series is cut into
// `blocks` equal consecutive blocks (a remainder at the end is dropped); the mean's error is the
// standard error of the block means, the standard deviation σ = sqrt(mean over blocks of the
// blocks' mean squared deviation from the overall mean), its error from the spread of those
// per-block values (δσ = δ(σ²)/(2σ)). Valid when a block is much longer than the correlation time.
#include <vector>

namespace ionhop::md {

struct BlockStatistics {
  double mean = 0, mean_err = 0;  // value and standard error
  double std = 0, std_err = 0;    // fluctuation (standard deviation of one sample) and its error
  int blocks = 0;                 // 0: too few samples (fewer than 2 per block)
};

BlockStatistics block_statistics(const std::vector<double>& x, int blocks);

}  // namespace ionhop::md
