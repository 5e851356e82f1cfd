#pragma once
// Shared helpers of the KMC validation tests: simple-cubic systems and MSD estimates.
#include <cmath>
#include <vector>

#include "engine/analysis/msd_fit.hpp"
#include "engine/core/units.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "engine/kmc/kmc_samples.hpp"
#include "tests/unit/kmc/lattices.hpp"

namespace ionhop::kmctest {

// Hop rate of one uphill-free hop with barrier e_kra at temperature t: Γ = ν exp(-E/kT), 1/s.
inline double gamma_hop(double nu, double e_kra, double t) { return nu * std::exp(-e_kra / (units::kB_eV * t)); }

inline std::vector<double> linear_grid(double t_end, int n) {
  std::vector<double> g(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) g[static_cast<size_t>(k)] = t_end * k / (n - 1);
  return g;
}

// Per-replica MSD curves (Å^2, summed over x, y, z, divided by n_ions) from the samples.
inline std::vector<double> msd_curves(const KmcSamples& s, bool collective) {
  const std::vector<double>& src = collective ? s.collective_sq : s.tracer_sq;
  std::vector<double> msd(static_cast<size_t>(s.n_replicas) * s.n_times());
  for (int r = 0; r < s.n_replicas; ++r)
    for (int k = 0; k < s.n_times(); ++k) {
      const size_t i = (static_cast<size_t>(r) * s.n_times() + k) * 3;
      msd[static_cast<size_t>(r) * s.n_times() + k] = (src[i] + src[i + 1] + src[i + 2]) / s.n_ions;
    }
  return msd;
}

}  // namespace ionhop::kmctest
