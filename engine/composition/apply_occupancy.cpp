// [composition] occupancy applied to the unit cell (doc/input.md#composition).
#include "engine/composition/apply_occupancy.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"

namespace ionhop {

namespace {

// Index of the site with this label, or of the mixed site a merged CIF row of this label went into.
int find_site(const Crystal& c, const std::string& label) {
  std::string name = label;
  if (const auto it = c.merged_labels.find(label); it != c.merged_labels.end()) name = it->second;
  for (size_t s = 0; s < c.sites.size(); ++s)
    if (c.sites[s].label == name) return static_cast<int>(s);
  return -1;
}

std::string known_labels(const Crystal& c) {
  std::string out;
  for (const CrystalSite& s : c.sites) {
    out += (out.empty() ? "" : ", ") + s.label;
    for (const auto& [row, site] : c.merged_labels)
      if (site == s.label) out += "/" + row;
  }
  return out;
}

int oxidation_for(const Crystal& c, const CrystalSite& site, const std::string& el,
                  const std::map<std::string, int>& oxidation, const std::string& w) {
  if (const auto it = oxidation.find(el); it != oxidation.end()) return it->second;
  if (const Occupant* o = site.find(el)) return o->oxidation;
  if (c.has_element(el)) return c.oxidation_of(el);
  try {
    return default_oxidation_state(el);
  } catch (const Error& e) {
    fail("{}: {}", w, e.what());
  }
}

}  // namespace

void apply_occupancy(Crystal& unit, const CompositionSpec& spec, const std::string& mobile, const std::string& where,
                     const std::map<std::string, int>& oxidation) {
  std::map<int, std::string> done;  // site -> label that named it: "Si1" and "P1" are one site
  for (const auto& [label, fractions] : spec.occupancy) {
    const std::string w = where + ".occupancy." + label;
    const int s = find_site(unit, label);
    if (s < 0) fail("{}: no site '{}' in {} (sites: {})", w, label, unit.source, known_labels(unit));
    if (const auto [it, fresh] = done.emplace(s, label); !fresh)
      fail("{}: '{}' and '{}' name the same site; give it once", w, it->second, label);
    CrystalSite& site = unit.sites[static_cast<size_t>(s)];
    if (site.find(mobile))
      fail("{}: site {} holds the mobile species {}; its filling follows from [composition] ions/vacancies or "
           "charge neutrality, not from occupancy",
           w, site.label, mobile);
    if (fractions.count(mobile))
      fail("{}: the mobile species {} cannot be put on the framework site {}", w, mobile, site.label);
    // Old elements keep their order (same decoration draws when the fractions do not change).
    std::vector<Occupant> next;
    std::set<std::string> placed;
    for (const Occupant& o : site.occupants)
      if (const auto f = fractions.find(o.element); f != fractions.end()) {
        next.push_back({o.element, f->second, oxidation_for(unit, site, o.element, oxidation, w)});
        placed.insert(o.element);
      }
    for (const auto& [el, f] : fractions)
      if (!placed.count(el)) next.push_back({el, f, oxidation_for(unit, site, el, oxidation, w + "." + el)});
    site.occupants = std::move(next);
  }
}

std::string occupancy_rounding(const Crystal& unit, const CompositionSpec& spec, int cells) {
  for (const auto& [label, fractions] : spec.occupancy) {
    const int s = find_site(unit, label);
    const int m = cells * unit.sites[static_cast<size_t>(s)].multiplicity;
    for (const auto& [el, f] : fractions)
      if (std::abs(f * m - std::round(f * m)) > 1e-6)
        return fmt::format("composition.occupancy.{}: {} x {} positions of the supercell = {:.4g} {} atoms is not an "
                           "integer; the decoration rounds it, so the composition (and ion count) is not exactly the "
                           "one asked for: choose a supercell where it is",
                           label, f, m, f * m, el);
  }
  return "";
}

std::string simulated_formula(const Crystal& unit, const std::string& mobile, double ions_per_cell) {
  Crystal c = unit;
  double now = 0;  // mobile ions per cell in the file
  for (const CellAtom& a : c.atoms)
    if (const Occupant* o = c.sites[static_cast<size_t>(a.site)].find(mobile)) now += o->occupancy;
  if (now <= 0) return c.formula();
  for (CrystalSite& s : c.sites)
    for (Occupant& o : s.occupants)
      if (o.element == mobile) o.occupancy *= ions_per_cell / now;
  return c.formula();
}

}  // namespace ionhop
