#include "engine/md/md_structure.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "engine/core/error.hpp"

namespace ionhop::md {

MdAtoms decorate_ordered(const Crystal& sc, std::uint64_t seed) {
  MdAtoms out;
  out.cell = sc.lattice.rows;
  std::vector<std::vector<int>> by_site(sc.sites.size());
  for (size_t i = 0; i < sc.atoms.size(); ++i) by_site[sc.atoms[i].site].push_back(static_cast<int>(i));
  std::mt19937_64 rng(seed);
  std::vector<std::string> el(sc.atoms.size());
  double charge = 0;
  for (size_t s = 0; s < sc.sites.size(); ++s) {
    std::vector<int> pos = by_site[s];
    const CrystalSite& site = sc.sites[s];
    // Fisher–Yates with the raw 64-bit engine output (reproducible on every platform)
    for (size_t k = pos.size(); k > 1; --k) std::swap(pos[k - 1], pos[rng() % k]);
    size_t next = 0;
    for (const Occupant& o : site.occupants) {
      const double want = o.occupancy * pos.size();
      const size_t n = static_cast<size_t>(std::llround(want));
      if (next + n > pos.size())
        fail("{}: site {} occupancies sum above 1 after rounding ({} positions)", sc.source, site.label, pos.size());
      for (size_t k = 0; k < n; ++k) el[pos[next++]] = o.element;
      charge += static_cast<double>(n) * o.oxidation;
    }
  }
  if (std::abs(charge) > 1e-9)
    fail("{}: ordered MD decoration has formal charge {:+g} e (occupancies x positions do not round to a neutral "
         "cell); choose a supercell where they are integers",
         sc.source, charge);
  for (size_t i = 0; i < sc.atoms.size(); ++i)
    if (!el[i].empty()) {
      out.frac.push_back(sc.atoms[i].frac);
      out.element.push_back(el[i]);
    }
  return out;
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
    mass.push_back(element_mass(kv.first));
  }
  std::vector<int> t(atoms.element.size());
  for (size_t i = 0; i < t.size(); ++i) t[i] = types.at(atoms.element[i]);
  return make_system(atoms.cell, atoms.frac, t, species, charge, mass);
}

}  // namespace ionhop::md
