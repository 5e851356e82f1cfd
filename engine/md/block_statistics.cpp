#include "engine/md/block_statistics.hpp"

#include <cmath>

namespace ionhop::md {

BlockStatistics block_statistics(const std::vector<double>& x, int blocks) {
  BlockStatistics r;
  if (blocks < 2 || static_cast<long>(x.size()) < 2L * blocks) return r;
  const long per = static_cast<long>(x.size()) / blocks, n = per * blocks;
  double mean = 0;
  for (long i = 0; i < n; ++i) mean += x[i] / n;
  std::vector<double> bm(blocks, 0.0), bv(blocks, 0.0);
  for (int b = 0; b < blocks; ++b)
    for (long i = b * per; i < (b + 1) * per; ++i) {
      bm[b] += x[i] / per;
      bv[b] += (x[i] - mean) * (x[i] - mean) / per;
    }
  auto mean_err = [&](const std::vector<double>& v, double& m, double& e) {
    m = 0;
    for (double a : v) m += a / blocks;
    double var = 0;
    for (double a : v) var += (a - m) * (a - m) / (blocks - 1);
    e = std::sqrt(var / blocks);
  };
  double var, var_err;
  mean_err(bm, r.mean, r.mean_err);
  mean_err(bv, var, var_err);
  r.std = std::sqrt(var);
  r.std_err = r.std > 0 ? var_err / (2 * r.std) : 0.0;
  r.blocks = blocks;
  return r;
}

}  // namespace ionhop::md
