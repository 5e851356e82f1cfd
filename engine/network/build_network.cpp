// build_network: sites -> hops (cutoff) -> bottlenecks -> hop classes -> threshold -> percolation.
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/network/network_detail.hpp"

namespace ionhop {

using namespace netdetail;

namespace {

void check_options(const Crystal& c, const NetworkOptions& o) {
  if (o.species.empty()) fail("network: the mobile species (--mobile / structure.mobile) is not given");
  if (!std::isfinite(o.cutoff) || o.cutoff < 0)
    fail("network: cutoff must be a finite number >= 0 Å (0 = automatic), got {}", o.cutoff);
  if (std::isnan(o.min_bottleneck)) fail("network: min_bottleneck must be a number (Å)");
  if (!(o.site_tolerance > 0)) fail("network: site_tolerance must be > 0 Å, got {}", o.site_tolerance);
  const double v = det(c.lattice.rows);
  if (!(std::abs(v) > 1e-6)) fail("{}: the cell has zero volume", c.source);
}

// Bottleneck per undirected hop, copied to its reverse (t -> 1 - t).
void assign_bottlenecks(SiteNetwork& net, const std::vector<FrameworkIon>& fw,
                        std::vector<std::vector<int>>& ions_of_hop) {
  ions_of_hop.assign(net.hops.size(), {});
  for (size_t h = 0; h < net.hops.size(); ++h) {
    Hop& hop = net.hops[h];
    const Vec3& p0 = net.sites[static_cast<size_t>(hop.from)].frac;
    const Vec3& f1 = net.sites[static_cast<size_t>(hop.to)].frac;
    const Vec3 p1{f1[0] + hop.image[0], f1[1] + hop.image[1], f1[2] + hop.image[2]};
    const Bottleneck b = hop_bottleneck(net.lattice, fw, p0, p1);
    hop.bottleneck_radius = b.radius;
    hop.bottleneck_t = b.t;
    ions_of_hop[h] = b.ions;
  }
}

}  // namespace

SiteNetwork build_network(const Crystal& c, const NetworkOptions& opt) {
  check_options(c, opt);
  SiteNetwork net;
  net.species = opt.species;
  net.lattice = c.lattice;
  collect_sites(c, opt, net);

  net.cutoff = opt.cutoff > 0 ? opt.cutoff : automatic_cutoff(net);
  net.hops = enumerate_hops(net, net.cutoff);
  if (net.hops.empty())
    log::warn("network: no {}-{} pair within the cutoff {:.3f} Å: the network has no hops", opt.species,
              opt.species, net.cutoff);

  // Framework ions (all atoms of sites without the mobile species); none for a bare lattice.
  bool has_framework = false;
  for (const auto& s : c.sites) {
    bool mobile = false;
    for (const auto& o : s.occupants) mobile |= (o.element == opt.species);
    has_framework |= !mobile;
  }
  std::vector<FrameworkIon> fw;
  if (has_framework) {
    const std::string path = opt.radii_file.empty() ? data_file("potentials/shannon_radii.toml") : opt.radii_file;
    fw = framework_ions(c, opt.species, read_radii(path), path);
  }
  std::vector<std::vector<int>> ions_of_hop;
  assign_bottlenecks(net, fw, ions_of_hop);

  const double tol = std::max(opt.site_tolerance, c.symmetry.symprec);
  assign_hop_classes(net, symmetry_ops(c), tol);

  // Class bottleneck: the smallest over its hops (equal by symmetry up to rounding), taken from a
  // hop leaving a class-a site so that t runs from site a to site b. Every hop of the class then
  // carries exactly that radius, so thresholds act on whole classes.
  std::vector<int> rep(net.hop_classes.size(), -1);
  for (size_t h = 0; h < net.hops.size(); ++h) {
    const Hop& hop = net.hops[h];
    const HopClass& hc = net.hop_classes[static_cast<size_t>(hop.hop_class)];
    if (net.sites[static_cast<size_t>(hop.from)].site_class != hc.site_class_a) continue;
    int& r = rep[static_cast<size_t>(hop.hop_class)];
    if (r < 0 || hop.bottleneck_radius < net.hops[static_cast<size_t>(r)].bottleneck_radius) r = static_cast<int>(h);
  }
  for (size_t h = 0; h < net.hops.size(); ++h)  // (both directions are stored: never needed)
    if (rep[static_cast<size_t>(net.hops[h].hop_class)] < 0) rep[static_cast<size_t>(net.hops[h].hop_class)] = static_cast<int>(h);
  for (size_t k = 0; k < net.hop_classes.size(); ++k) {
    HopClass& hc = net.hop_classes[k];
    const Hop& hop = net.hops[static_cast<size_t>(rep[k])];
    hc.bottleneck_radius = hop.bottleneck_radius;
    hc.bottleneck_t = hop.bottleneck_t;
    for (int i : ions_of_hop[static_cast<size_t>(rep[k])]) hc.bottleneck_ions.push_back(fw[static_cast<size_t>(i)].label);
    std::sort(hc.bottleneck_ions.begin(), hc.bottleneck_ions.end());
  }
  for (Hop& hop : net.hops) {
    const double r = net.hop_classes[static_cast<size_t>(hop.hop_class)].bottleneck_radius;
    if (std::abs(hop.bottleneck_radius - r) > 1e-6 && std::isfinite(r))
      log::warn("network: hop {}->{} has bottleneck {:.6f} Å but its class {:.6f} Å (symmetry tolerance?)",
                hop.from, hop.to, hop.bottleneck_radius, r);
    hop.bottleneck_radius = r;
  }

  // Threshold: drop hops (both directions) whose bottleneck is too narrow; keep their classes.
  net.min_bottleneck = opt.min_bottleneck;
  std::vector<Hop> kept;
  for (const Hop& h : net.hops) {
    if (h.bottleneck_radius < opt.min_bottleneck) {
      ++net.dropped_hops;
      net.hop_classes[static_cast<size_t>(h.hop_class)].dropped = true;
    } else {
      kept.push_back(h);
    }
  }
  if (net.dropped_hops > 0)
    log::info("network: dropped {} directed hops with bottleneck radius < {:.3f} Å", net.dropped_hops,
              opt.min_bottleneck);
  net.hops = std::move(kept);
  build_csr(net);
  net.percolation = compute_percolation(net);
  return net;
}

}  // namespace ionhop
