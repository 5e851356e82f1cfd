// Mobile sites: every position of a crystallographic site whose occupants include the mobile
// species (partial occupancy too), plus the symmetry orbits of user-added sites.
#include <cmath>
#include <set>

#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/network/network_detail.hpp"

namespace ionhop::netdetail {

namespace {

const Occupant* occupant_of(const CrystalSite& s, const std::string& el) {
  for (const auto& o : s.occupants)
    if (o.element == el) return &o;
  return nullptr;
}

std::string elements_of(const Crystal& c) {
  std::set<std::string> els;
  for (const auto& s : c.sites)
    for (const auto& o : s.occupants) els.insert(o.element);
  std::string out;
  for (const auto& e : els) out += (out.empty() ? "" : " ") + e;
  return out;
}

// The orbit of f under the operations, wrapped to [0,1), duplicates (within tol) removed.
std::vector<Vec3> orbit(const Lattice& l, const std::vector<SymOp>& ops, const Vec3& f, double tol) {
  std::vector<Vec3> out;
  for (const auto& op : ops) {
    Vec3 g = op.trans;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) g[i] += op.rot[i][j] * f[j];
    g = wrap01(g);
    if (find_position(l, out, g, tol) < 0) out.push_back(g);
  }
  return out;
}

}  // namespace

void collect_sites(const Crystal& c, const NetworkOptions& opt, SiteNetwork& net) {
  const std::string& sp = opt.species;
  for (size_t s = 0; s < c.sites.size(); ++s) {
    const CrystalSite& cs = c.sites[s];
    const Occupant* occ = occupant_of(cs, sp);
    if (!occ) continue;
    const int cls = static_cast<int>(net.site_classes.size());
    SiteClass sc{cs.label, cs.wyckoff, 0, occ->occupancy};
    for (const auto& a : c.atoms) {
      if (a.site != static_cast<int>(s)) continue;
      MobileSite m;
      m.label = cs.label;
      m.crystal_site = static_cast<int>(s);
      m.site_class = cls;
      m.frac = wrap01(a.frac);
      m.occupancy = occ->occupancy;
      net.sites.push_back(m);
      ++sc.multiplicity;
    }
    if (sc.multiplicity == 0)
      fail("{}: site {} holds {} but has no positions in the cell", c.source, cs.label, sp);
    net.site_classes.push_back(sc);
  }

  const std::vector<SymOp> ops = symmetry_ops(c);
  int n_added = 0;
  for (const Vec3& f : opt.extra_sites) {
    for (double x : f)
      if (!std::isfinite(x)) fail("added site ({}, {}, {}): coordinates must be finite", f[0], f[1], f[2]);
    std::vector<Vec3> existing;
    for (const auto& m : net.sites) existing.push_back(m.frac);
    const int hit = find_position(c.lattice, existing, wrap01(f), opt.site_tolerance);
    if (hit >= 0) {
      const MobileSite& m = net.sites[static_cast<size_t>(hit)];
      if (m.crystal_site >= 0)
        fail("added site ({}, {}, {}) coincides with mobile site {} of {} (within {} Å)", f[0], f[1],
             f[2], m.label, c.source, opt.site_tolerance);
      log::warn("added site ({}, {}, {}) is a symmetry copy of added site {}; skipped", f[0], f[1],
                f[2], m.label);
      continue;
    }
    const std::vector<Vec3> orb = orbit(c.lattice, ops, wrap01(f), opt.site_tolerance);
    // An orbit may not touch a crystallographic mobile site either (a copy closer than tol).
    for (const Vec3& g : orb) {
      const int h = find_position(c.lattice, existing, g, opt.site_tolerance);
      if (h >= 0)
        fail("added site ({}, {}, {}) has a symmetry copy on mobile site {} of {}", f[0], f[1], f[2],
             net.sites[static_cast<size_t>(h)].label, c.source);
    }
    // Nor sit on a framework atom (same 0.5 Å rule as overlapping atoms in a structure file).
    for (const auto& a : c.atoms) {
      if (occupant_of(c.sites[static_cast<size_t>(a.site)], sp)) continue;
      if (periodic_distance(c.lattice, orb.front(), a.frac) < 0.5)
        fail("added site ({}, {}, {}) is within 0.5 Å of framework atom {} of {}", f[0], f[1], f[2],
             c.sites[static_cast<size_t>(a.site)].label, c.source);
    }
    const int cls = static_cast<int>(net.site_classes.size());
    const std::string label = "X" + std::to_string(++n_added);
    net.site_classes.push_back(SiteClass{label, '?', static_cast<int>(orb.size()), 0.0});
    for (const Vec3& g : orb) {
      MobileSite m;
      m.label = label;
      m.site_class = cls;
      m.frac = g;
      net.sites.push_back(m);
    }
  }

  if (net.sites.empty())
    fail("{}: mobile species '{}' is not in the structure (elements: {}) and no sites were added",
         c.source, sp, elements_of(c));
}

}  // namespace ionhop::netdetail
