#include "engine/analysis/hop_statistics.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"

namespace ionhop {

BottleneckHistogram bottleneck_histogram(const std::vector<double>& class_radius,
                                         const std::vector<double>& class_available,
                                         const std::vector<std::int64_t>& class_executed,
                                         double bin_width) {
  const std::size_t nc = class_radius.size();
  if (class_available.size() != nc || class_executed.size() != nc)
    fail("bottleneck histogram: {} radii, {} available counts, {} executed counts", nc,
         class_available.size(), class_executed.size());
  if (!(bin_width > 0)) fail("bottleneck histogram: bin width {} must be > 0", bin_width);
  BottleneckHistogram h;
  if (nc == 0) return h;
  const auto [lo_it, hi_it] = std::minmax_element(class_radius.begin(), class_radius.end());
  const double lo = std::floor(*lo_it / bin_width) * bin_width;
  const int n_bins = std::max(1, static_cast<int>(std::floor((*hi_it - lo) / bin_width)) + 1);
  for (int b = 0; b <= n_bins; ++b) h.edges.push_back(lo + b * bin_width);
  h.available.assign(n_bins, 0.0);
  h.executed.assign(n_bins, 0.0);
  for (std::size_t c = 0; c < nc; ++c) {
    const int b = std::clamp(static_cast<int>(std::floor((class_radius[c] - lo) / bin_width)), 0, n_bins - 1);
    h.available[b] += class_available[c];
    h.executed[b] += static_cast<double>(class_executed[c]);
  }
  auto normalise = [](const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x;
    std::vector<double> f(v.size(), 0.0);
    if (sum > 0)
      for (std::size_t i = 0; i < v.size(); ++i) f[i] = v[i] / sum;
    return f;
  };
  h.available_fraction = normalise(h.available);
  h.executed_fraction = normalise(h.executed);
  return h;
}

}  // namespace ionhop
