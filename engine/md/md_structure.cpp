#include "engine/md/md_structure.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "engine/core/error.hpp"
#include "engine/crystal/elements.hpp"

namespace ionhop::md {

std::map<std::string, double> default_min_same_element_distance() { return {{"Li", 1.9}, {"Na", 2.7}}; }

namespace {

struct Shortfall {
  int site = -1;
  std::string element;
  size_t placed = 0, wanted = 0;
};

// One seeded fill; returns the element of every position ("" = empty) or, in `short_of`, the first
// occupant that could not be placed under the exclusion.
std::vector<std::string> try_fill(const Crystal& sc, const std::vector<std::vector<int>>& by_site,
                                  const DecorationOptions& opt, std::mt19937_64& rng, Shortfall& short_of) {
  std::vector<std::string> el(sc.atoms.size());
  std::map<std::string, std::vector<Vec3>> placed;  // Cartesian positions of excluded elements
  const Mat3 ht = transpose(sc.lattice.rows);
  auto too_close = [&](const std::string& e, const Vec3& f, double dmin) {
    for (const Vec3& g : placed[e])
      if (norm(matvec(ht, min_image_frac(g - f))) < dmin) return true;
    return false;
  };
  for (size_t s = 0; s < sc.sites.size(); ++s) {
    std::vector<int> pos = by_site[s];
    // Fisher–Yates with the raw 64-bit engine output (reproducible on every platform)
    for (size_t k = pos.size(); k > 1; --k) std::swap(pos[k - 1], pos[rng() % k]);
    for (const Occupant& o : sc.sites[s].occupants) {
      const size_t n = static_cast<size_t>(std::llround(o.occupancy * pos.size()));
      const auto rule = opt.min_distance.find(o.element);
      size_t got = 0;
      for (size_t k = 0; k < pos.size() && got < n; ++k) {
        const int a = pos[k];
        if (!el[a].empty()) continue;
        if (rule != opt.min_distance.end()) {
          if (too_close(o.element, sc.atoms[a].frac, rule->second)) continue;
          placed[o.element].push_back(sc.atoms[a].frac);
        }
        el[a] = o.element;
        ++got;
      }
      if (got < n) {
        short_of = {static_cast<int>(s), o.element, got, n};
        return {};
      }
    }
  }
  return el;
}

}  // namespace

MdAtoms decorate_ordered(const Crystal& sc, std::uint64_t seed, const DecorationOptions& opt) {
  for (const auto& [e, d] : opt.min_distance)
    if (!(d >= 0)) fail("MD decoration: minimum {}-{} distance must be >= 0 Å (got {})", e, e, d);
  if (opt.attempts < 1) fail("MD decoration: attempts must be >= 1 (got {})", opt.attempts);
  std::vector<std::vector<int>> by_site(sc.sites.size());
  for (size_t i = 0; i < sc.atoms.size(); ++i) by_site[sc.atoms[i].site].push_back(static_cast<int>(i));
  // counts and charge do not depend on the placement
  double charge = 0;
  for (size_t s = 0; s < sc.sites.size(); ++s) {
    size_t used = 0;
    for (const Occupant& o : sc.sites[s].occupants) {
      const size_t n = static_cast<size_t>(std::llround(o.occupancy * by_site[s].size()));
      used += n;
      charge += static_cast<double>(n) * o.oxidation;
    }
    if (used > by_site[s].size())
      fail("{}: site {} occupancies sum above 1 after rounding ({} positions)", sc.source, sc.sites[s].label,
           by_site[s].size());
  }
  if (std::abs(charge) > 1e-9)
    fail("{}: ordered MD decoration has formal charge {:+g} e (occupancies x positions do not round to a neutral "
         "cell); choose a supercell where they are integers",
         sc.source, charge);
  std::mt19937_64 rng(seed);
  Shortfall best;
  for (int attempt = 0; attempt < opt.attempts; ++attempt) {
    Shortfall sf;
    const std::vector<std::string> el = try_fill(sc, by_site, opt, rng, sf);
    if (sf.site < 0) {
      MdAtoms out;
      out.cell = sc.lattice.rows;
      for (size_t i = 0; i < sc.atoms.size(); ++i)
        if (!el[i].empty()) {
          out.frac.push_back(sc.atoms[i].frac);
          out.element.push_back(el[i]);
        }
      return out;
    }
    if (best.site < 0 || sf.site > best.site || (sf.site == best.site && sf.placed > best.placed)) best = sf;
  }
  fail("{}: MD decoration cannot place {} {} on site {} with no two {} closer than {} Å (at most {} placed in {} seeded "
       "fills); the occupancies need shorter {}-{} pairs than the minimum (doc/theory/md.md §6)",
       sc.source, best.wanted, best.element, sc.sites[best.site].label, best.element,
       opt.min_distance.at(best.element), best.placed, opt.attempts, best.element, best.element);
}

MdSystem system_from_atoms(const MdAtoms& atoms, const ForceField& ff) {
  std::map<std::string, int> types;
  for (const auto& e : atoms.element) types.emplace(e, 0);
  std::vector<std::string> species;
  std::vector<double> charge, mass;
  for (auto& kv : types) {
    kv.second = static_cast<int>(species.size());
    species.push_back(kv.first);
    charge.push_back(ff.charge_of(kv.first));
    mass.push_back(atomic_mass(kv.first));
  }
  std::vector<int> t(atoms.element.size());
  for (size_t i = 0; i < t.size(); ++i) t[i] = types.at(atoms.element[i]);
  return make_system(atoms.cell, atoms.frac, t, species, charge, mass);
}

}  // namespace ionhop::md
