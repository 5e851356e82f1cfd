// Hop enumeration within a cutoff over periodic images, the automatic cutoff rule and CSR offsets.
#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/network/network_detail.hpp"

namespace ionhop::netdetail {

std::vector<Hop> enumerate_hops(const SiteNetwork& net, double cutoff) {
  std::vector<Hop> hops;
  const int n = net.n_sites();
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const Vec3 d = net.sites[static_cast<size_t>(j)].frac - net.sites[static_cast<size_t>(i)].frac;
      for (const auto& im : images_within(net.lattice, d, cutoff)) {
        if (i == j && im == std::array<int, 3>{0, 0, 0}) continue;
        Hop h;
        h.from = i;
        h.to = j;
        h.image = im;
        h.vector = to_cart(net.lattice, {d[0] + im[0], d[1] + im[1], d[2] + im[2]});
        h.length = norm(h.vector);
        if (h.length < 1e-6) continue;  // coincident positions are rejected when sites are read
        hops.push_back(h);
      }
    }
  std::sort(hops.begin(), hops.end(), [](const Hop& a, const Hop& b) {
    if (a.from != b.from) return a.from < b.from;
    if (a.to != b.to) return a.to < b.to;
    return a.image < b.image;
  });
  return hops;
}

// Rule (doc/theory/network.md §Cutoff): distinct site-site distances s_1 < s_2 < ... up to
// max(3 s_1, 6 Å);
// take the fewest shells whose hops join all sites into one component that wraps the cell
// (dimensionality >= 1); absorb following shells closer than 5 % (the same shell, split by small
// distortions); put the cutoff halfway into the gap to the next shell.
double automatic_cutoff(const SiteNetwork& net) {
  const Lattice& l = net.lattice;
  double shortest_cell = 1e300;
  for (const auto& r : l.rows) shortest_cell = std::min(shortest_cell, norm(r));
  // Each site is at most one cell vector away from its own image: s_1 <= shortest_cell.
  double s1 = 1e300;
  for (const Hop& h : enumerate_hops(net, shortest_cell * (1 + 1e-9))) s1 = std::min(s1, h.length);
  // Split sites (two partial positions < 1 Å apart) make s_1 tiny: search at least to 6 Å.
  const double cap = std::max(3.0 * s1, 6.0);
  const std::vector<Hop> all = enumerate_hops(net, cap);

  std::vector<double> shells;
  {
    std::vector<double> len;
    for (const Hop& h : all) len.push_back(h.length);
    std::sort(len.begin(), len.end());
    for (double x : len)
      if (shells.empty() || x - shells.back() > 1e-3) shells.push_back(x);
  }
  constexpr double same_shell = 1.05;
  for (size_t k = 0; k < shells.size(); ++k) {
    std::vector<char> use(all.size());
    for (size_t h = 0; h < all.size(); ++h) use[h] = all[h].length <= shells[k] + 1e-3;
    const Topology t = hop_topology(net.n_sites(), all, &use);
    if (t.components != 1 || t.dimensionality < 1) continue;
    size_t K = k;
    while (K + 1 < shells.size() && shells[K + 1] < same_shell * shells[K]) ++K;
    return (K + 1 < shells.size()) ? 0.5 * (shells[K] + shells[K + 1]) : 0.5 * (1 + same_shell) * shells[K];
  }
  fail("automatic hop cutoff: no cutoff up to {:.3f} Å (max of 6 Å and 3x the shortest {}-{} distance {:.3f} Å) joins "
       "the {} mobile sites into one percolating network; give the cutoff explicitly (--cutoff)",
       cap, net.species, net.species, s1, net.n_sites());
}

void build_csr(SiteNetwork& net) {
  net.hop_offset.assign(static_cast<size_t>(net.n_sites()) + 1, 0);
  for (const Hop& h : net.hops) ++net.hop_offset[static_cast<size_t>(h.from) + 1];
  for (int i = 0; i < net.n_sites(); ++i)
    net.hop_offset[static_cast<size_t>(i) + 1] += net.hop_offset[static_cast<size_t>(i)];
}

}  // namespace ionhop::netdetail
