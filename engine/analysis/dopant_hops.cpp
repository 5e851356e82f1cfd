#include "engine/analysis/dopant_hops.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/error.hpp"

namespace ionhop {

DopantHopStats dopant_hop_stats(const KmcSamples& s) {
  DopantHopStats d;
  if (s.hops_near_dopant.empty() && s.hops_far_from_dopant.empty() && s.available_near_dopant.empty() &&
      s.available_hops.empty())
    return d;
  const auto nr = static_cast<size_t>(s.n_replicas);
  if (s.hops_near_dopant.size() != nr || s.hops_far_from_dopant.size() != nr || s.available_near_dopant.size() != nr ||
      s.available_hops.size() != nr)
    fail("KMC samples: dopant hop counts of {}/{}/{}/{} replicas, expected {}", s.hops_near_dopant.size(),
         s.hops_far_from_dopant.size(), s.available_near_dopant.size(), s.available_hops.size(), nr);
  d.present = true;
  // Per replica r with hops: f_r (executed near fraction) and a_r (available near fraction).
  double sf = 0, sa = 0, sff = 0, saa = 0, sfa = 0;
  int n = 0;
  for (size_t r = 0; r < nr; ++r) {
    const std::int64_t near = s.hops_near_dopant[r], far = s.hops_far_from_dopant[r];
    const std::int64_t a_near = s.available_near_dopant[r], avail = s.available_hops[r];
    if (near < 0 || far < 0 || a_near < 0 || avail < a_near) fail("KMC samples: dopant hop counts of replica {} are inconsistent", r);
    d.executed_near += near;
    d.executed_far += far;
    d.available_near += a_near;
    d.available += avail;
    if (near + far == 0 || avail == 0) continue;
    const double f = double(near) / double(near + far), a = double(a_near) / double(avail);
    sf += f, sa += a, sff += f * f, saa += a * a, sfa += f * a;
    ++n;
  }
  d.replicas_used = n;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (n == 0) {
    d.near_fraction = d.near_fraction_err = d.available_fraction = d.enrichment = d.enrichment_err = nan;
    return d;
  }
  const double f = sf / n, a = sa / n;
  // sample (co)variances over replicas, clamped at 0 against round-off
  const double vf = n > 1 ? std::max(0.0, (sff - n * f * f) / (n - 1)) : 0.0;
  const double va = n > 1 ? std::max(0.0, (saa - n * a * a) / (n - 1)) : 0.0;
  const double cfa = n > 1 ? (sfa - n * f * a) / (n - 1) : 0.0;
  d.near_fraction = f;
  d.near_fraction_err = std::sqrt(vf / n);
  d.available_fraction = a;
  if (a > 0) {
    d.enrichment = f / a;
    const double var = (vf / (a * a) + f * f * va / (a * a * a * a) - 2 * f * cfa / (a * a * a)) / n;
    d.enrichment_err = std::sqrt(std::max(0.0, var));
  } else {
    d.enrichment = d.enrichment_err = nan;
  }
  return d;
}

}  // namespace ionhop
