#include "engine/analysis/site_occupancy.hpp"

#include <cmath>

#include "engine/core/error.hpp"

namespace ionhop {

std::vector<SiteOccupancy> site_occupancy(const KmcSamples& s, const SiteNetwork& net) {
  std::vector<SiteOccupancy> out;
  const int nc = s.n_site_classes, nr = s.n_replicas;
  if (nc == 0 || s.ions_per_site_class.empty()) return out;
  if (nc != static_cast<int>(net.site_classes.size()) || s.ions_per_site_class.size() != static_cast<size_t>(nr) * nc)
    fail("KMC samples: ions per site class for {} classes and {} replicas do not match the network's {} classes", nc, nr,
         net.site_classes.size());
  std::vector<int> sites(static_cast<size_t>(nc), 0);
  for (const auto& site : net.sites) ++sites[static_cast<size_t>(site.site_class)];
  for (int c = 0; c < nc; ++c) {
    SiteOccupancy o;
    o.label = net.site_classes[static_cast<size_t>(c)].label;
    o.sites = sites[static_cast<size_t>(c)];
    if (o.sites > 0 && nr > 0) {
      double sum = 0, sq = 0;
      for (int r = 0; r < nr; ++r) {
        const double x = static_cast<double>(s.ions_per_site_class[static_cast<size_t>(r) * nc + c]) / o.sites;
        sum += x;
        sq += x * x;
      }
      o.mean = sum / nr;
      o.err = nr > 1 ? std::sqrt(std::max(0.0, (sq - nr * o.mean * o.mean) / (nr - 1)) / nr) : 0.0;
    }
    out.push_back(o);
  }
  return out;
}

}  // namespace ionhop
