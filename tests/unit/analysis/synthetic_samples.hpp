#pragma once
// KmcSamples with exactly linear MSD curves, for estimator tests with known answers.
#include <vector>

#include "engine/kmc/kmc_samples.hpp"

namespace ionhop::test {

// Replica r has tracer MSD 6 d_tracer[r] t and collective MSD 6 d_coll[r] t (Å²/s), split evenly
// over x, y, z; one hop class with hops[r] executed hops.
inline KmcSamples linear_samples(const std::vector<double>& d_tracer, const std::vector<double>& d_coll,
                                 int n_ions, double volume, double temperature, int n_t = 11,
                                 double t_end = 1e-6, std::vector<long> hops = {}) {
  KmcSamples s;
  s.temperature = temperature;
  s.n_replicas = static_cast<int>(d_tracer.size());
  s.n_ions = n_ions;
  s.n_sites = 2 * n_ions;
  s.n_classes = 1;
  s.volume = volume;
  for (int k = 0; k < n_t; ++k) s.time.push_back(t_end * k / (n_t - 1));
  for (int r = 0; r < s.n_replicas; ++r) {
    for (int k = 0; k < n_t; ++k)
      for (int a = 0; a < 3; ++a) {
        s.tracer_sq.push_back(2 * d_tracer[r] * s.time[k] * n_ions);
        s.collective_sq.push_back(2 * d_coll[r] * s.time[k] * n_ions);
      }
    s.hops_per_class.push_back(hops.empty() ? 0 : hops[r]);
    s.events.push_back(hops.empty() ? 0 : hops[r]);
  }
  return s;
}

}  // namespace ionhop::test
