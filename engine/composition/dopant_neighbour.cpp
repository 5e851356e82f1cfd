// Hops near dopants (engine/composition/dopant_neighbour.hpp, doc/theory/transport.md §10).
#include "engine/composition/dopant_neighbour.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <set>
#include <string>

#include "engine/core/error.hpp"

namespace ionhop {

namespace {

// Hop midpoints binned on a fractional grid whose bins are at least `radius` thick along each axis,
// so the midpoints within the radius of a point lie in its bin or the adjacent ones.
struct MidpointGrid {
  Lattice lattice;
  double radius = 0;
  std::vector<Vec3> mid;             // per directed hop, fractional in [0, 1)
  std::array<int, 3> n{1, 1, 1};     // bins per axis
  std::vector<int> offset, hops;     // CSR: hops of bin b are hops[offset[b] .. offset[b + 1])

  int bin_of(const Vec3& f, int axis) const { return std::min(n[axis] - 1, static_cast<int>(f[axis] * n[axis])); }

  MidpointGrid(const Crystal& supercell, const SiteNetwork& net, double r) : lattice(net.lattice), radius(r) {
    if (!(radius > 0) || !std::isfinite(radius)) fail("dopant radius must be > 0 Å (got {})", radius);
    for (int i = 0; i < 3 && !supercell.atoms.empty(); ++i)
      if (norm(supercell.lattice.rows[static_cast<size_t>(i)] - lattice.rows[static_cast<size_t>(i)]) > 1e-6)
        fail("hops near dopants: the network's lattice is not the supercell's");
    if (net.hops.empty()) return;
    const Mat3& m = lattice.rows;
    const double v = lattice.volume();
    for (int a = 0; a < 3; ++a) {  // thickness of the cell along axis a: V / |b × c|
      const double width = v / norm(cross(m[static_cast<size_t>((a + 1) % 3)], m[static_cast<size_t>((a + 2) % 3)]));
      n[static_cast<size_t>(a)] = std::max(1, std::min(1000, static_cast<int>(std::floor(width / radius))));
    }
    const Mat3 to_frac = inverse(transpose(m));  // f = (M^T)^-1 r
    std::vector<int> bin(net.hops.size());
    offset.assign(static_cast<size_t>(n[0]) * n[1] * n[2] + 1, 0);
    for (size_t h = 0; h < net.hops.size(); ++h) {
      const Hop& hop = net.hops[h];
      const Vec3 f = wrap01(net.sites.at(static_cast<size_t>(hop.from)).frac + matvec(to_frac, 0.5 * hop.vector));
      mid.push_back(f);
      bin[h] = (bin_of(f, 2) * n[1] + bin_of(f, 1)) * n[0] + bin_of(f, 0);
      ++offset[static_cast<size_t>(bin[h]) + 1];
    }
    for (size_t b = 1; b < offset.size(); ++b) offset[b] += offset[b - 1];
    hops.resize(net.hops.size());
    std::vector<int> fill(offset.begin(), offset.end() - 1);
    for (size_t h = 0; h < net.hops.size(); ++h) hops[static_cast<size_t>(fill[static_cast<size_t>(bin[h])]++)] = static_cast<int>(h);
  }

  // Marks the hops whose midpoint is within the radius of fractional position p.
  void mark(const Vec3& p, std::vector<std::uint8_t>& near) const {
    std::array<std::vector<int>, 3> cand;
    for (int a = 0; a < 3; ++a) {
      const int na = n[static_cast<size_t>(a)], b = bin_of(wrap01(p), a);
      if (na <= 3)
        for (int k = 0; k < na; ++k) cand[static_cast<size_t>(a)].push_back(k);
      else
        for (int d = -1; d <= 1; ++d) cand[static_cast<size_t>(a)].push_back((b + d + na) % na);
    }
    for (int z : cand[2])
      for (int y : cand[1])
        for (int x : cand[0]) {
          const auto b = static_cast<size_t>((z * n[1] + y) * n[0] + x);
          for (int e = offset[b]; e < offset[b + 1]; ++e) {
            const auto h = static_cast<size_t>(hops[static_cast<size_t>(e)]);
            if (!near[h] && lattice.distance(mid[h], p) <= radius) near[h] = 1;
          }
        }
  }

  std::vector<std::uint8_t> flags(const Crystal& supercell, const std::vector<int>& atoms,
                                  const std::vector<Vec3>& extra = {}) const {
    std::vector<std::uint8_t> near(mid.size(), 0);
    for (int a : atoms) {
      if (a < 0 || static_cast<size_t>(a) >= supercell.atoms.size())
        fail("hops near dopants: atom {} is not in the supercell ({} atoms)", a, supercell.atoms.size());
      mark(supercell.atoms[static_cast<size_t>(a)].frac, near);
    }
    for (const Vec3& p : extra) mark(p, near);  // dopants on mobile-ion sites
    return near;
  }
};

}  // namespace

std::vector<std::uint8_t> hops_near_atoms(const Crystal& supercell, const SiteNetwork& net, const std::vector<int>& atoms,
                                          double radius) {
  return MidpointGrid(supercell, net, radius).flags(supercell, atoms);
}

std::function<std::vector<std::uint8_t>(std::uint64_t, std::uint64_t)> hop_near_dopant_flags(const Crystal& supercell,
                                                                                            const SiteNetwork& net,
                                                                                            const CompositionSpec& spec,
                                                                                            double radius) {
  auto grid = std::make_shared<const MidpointGrid>(supercell, net, radius);
  auto sc = std::make_shared<const Crystal>(supercell);
  auto nw = std::make_shared<const SiteNetwork>(net);
  CompositionSpec framework = spec;  // the KMC replica's framework draws are those of placement = "random"
  framework.placement = "random";
  std::set<std::string> dopants;
  for (const auto& d : spec.dopants) dopants.insert(d.dopant);
  return [grid, sc, nw, framework, dopants](std::uint64_t seed, std::uint64_t replica) {
    const Decoration dec = decorate(*sc, *nw, framework, seed, replica);
    std::vector<int> atoms;
    for (size_t a = 0; a < dec.framework_element.size(); ++a)
      if (dopants.count(dec.framework_element[a])) atoms.push_back(static_cast<int>(a));
    std::vector<Vec3> on_sites;  // Al3+ on a Li site, ...: the site's position
    for (size_t i = 0; i < dec.site_dopant.size(); ++i)
      if (dec.site_dopant[i]) on_sites.push_back(nw->sites[i].frac);
    return grid->flags(*sc, atoms, on_sites);
  };
}

}  // namespace ionhop
