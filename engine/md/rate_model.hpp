#pragma once
// From MD hop statistics at several temperatures to a lattice-gas KMC model file
// (doc/model-files.md): per hop class and direction an Arrhenius fit of the rate of one hop to an
// empty site, Γ = ν exp(-E_a / k_B T); then E_KRA = (E_a,ab + E_a,ba)/2, ε_b - ε_a = E_a,ab - E_a,ba,
// per hop class ν = √(ν_ab ν_ba) (file level: exp(mean ln ν), a fallback). Site blocking only: no ion–ion interaction terms.
#include <string>
#include <vector>

#include "engine/network/site_network.hpp"

namespace ionhop::md {

struct DirectedRates {
  double temperature = 0;        // K
  std::vector<long> hops;        // index 2 * class + direction (see HopDetector)
  std::vector<double> exposure;  // ps, same index
};

struct ArrheniusLine {
  bool valid = false;
  double ea = 0, ln_nu = 0;  // eV, ln(1/s)
  int points = 0;
};

// Weighted least squares of ln Γ against 1/(k_B T), weights = hop counts (Poisson); points without
// hops are left out. Valid with >= 2 temperatures.
ArrheniusLine fit_rate(const std::vector<double>& temperature, const std::vector<double>& rate_per_s,
                       const std::vector<long>& hops);

struct RateModel {
  bool valid = false;
  std::string toml;                 // the model file text (when valid)
  std::vector<std::string> notes;   // why it is not valid, or caveats
  std::vector<ArrheniusLine> lines; // per 2 * class + direction
};

RateModel lattice_gas_from_md(const SiteNetwork& net, const std::vector<DirectedRates>& runs,
                              const std::string& provenance);

}  // namespace ionhop::md
