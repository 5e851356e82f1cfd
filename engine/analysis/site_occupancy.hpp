#pragma once
// Mean occupancy of each mobile-site class at the end of production (doc/theory/transport.md §9):
// the fraction of the class's sites holding an ion, averaged over replicas, with the standard error
// of that mean (replicas are independent). To compare with the site occupancies a structure
// refinement gives (split sites, interstitials).
#include <string>
#include <vector>

#include "engine/kmc/kmc_samples.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop {

struct SiteOccupancy {
  std::string label;  // site class (crystallographic label, or X1, X2, ... for interstitials)
  int sites = 0;      // sites of the class per replica
  double mean = 0;    // ions per site, 0..1
  double err = 0;     // standard error over replicas (0 with one replica)
};

// Empty if the samples carry no per-class counts (domain runs). `net`: the supercell network.
std::vector<SiteOccupancy> site_occupancy(const KmcSamples& s, const SiteNetwork& net);

}  // namespace ionhop
