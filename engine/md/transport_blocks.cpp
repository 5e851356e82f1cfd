#include "engine/md/transport_blocks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace ionhop::md {

double mean_residence_time(long n_hops, long n_ions, double production_ps) {
  if (n_hops <= 0) return std::numeric_limits<double>::infinity();
  return static_cast<double>(n_ions) * production_ps / static_cast<double>(n_hops);
}

BlockChoice choose_blocks(int requested, long n_samples, double sample_ps, double tau_res_ps) {
  BlockChoice c;
  const long most = std::max(2L, n_samples / 4);  // blocks of at least 4 samples
  const double total_ps = static_cast<double>(n_samples) * sample_ps;
  if (requested > 0) {
    c.blocks = requested;
  } else if (tau_res_ps > 0 && std::isfinite(tau_res_ps)) {
    const long fit = static_cast<long>(std::floor(total_ps / (kBlocksPerResidence * tau_res_ps)));
    c.blocks = static_cast<int>(std::clamp(fit, 2L, std::min<long>(kAutoMaxBlocks, most)));
  } else {
    c.blocks = static_cast<int>(std::min<long>(kAutoMaxBlocks, most));
  }
  c.block_ps = static_cast<double>(n_samples / c.blocks) * sample_ps;
  if (tau_res_ps < 0) {
    c.note = "mean residence time unknown (hop detection off): block length not checked against it";
  } else if (!std::isfinite(tau_res_ps)) {
    c.reliable = 0;
    c.note = "no hops in the production run: the MSD is vibrational, D is not a diffusion coefficient";
  } else if (c.block_ps < kBlocksPerResidence * tau_res_ps) {
    c.reliable = 0;
    c.note = fmt::format("blocks of {:.3g} ps are shorter than {:g} mean residence times ({:.3g} ps each): the fitted "
                         "slopes miss the correlations between hops (run longer{})",
                         c.block_ps, kBlocksPerResidence, tau_res_ps, requested > 0 ? " or set blocks = \"auto\"" : "");
  } else {
    c.reliable = 1;
  }
  return c;
}

}  // namespace ionhop::md
