// spglib on a Crystal's expanded cell: dataset, and grouping of equivalent atoms into sites.
#include "engine/crystal/spglib_cell.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include <fmt/format.h>
#include <spglib.h>

#include "engine/core/error.hpp"

namespace ionhop {

void SpglibDatasetDeleter::operator()(SpglibDataset* d) const { spg_free_dataset(d); }

namespace {

std::string occupant_signature(const CrystalSite& s) {
  std::vector<Occupant> occ = s.occupants;
  std::sort(occ.begin(), occ.end(),
            [](const Occupant& a, const Occupant& b) { return a.element < b.element; });
  std::string sig;
  for (const Occupant& o : occ) sig += fmt::format("{}:{:.4f};", o.element, o.occupancy);
  return sig;
}

}  // namespace

SpglibDatasetPtr spglib_dataset(const Crystal& c, double symprec) {
  double lattice[3][3];  // spglib: cell vectors as columns
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) lattice[i][j] = c.lattice.rows[j][i];
  std::vector<std::array<double, 3>> pos;
  std::vector<int> types;
  std::map<std::string, int> type_of;
  for (const CellAtom& a : c.atoms) {
    pos.push_back(a.frac);
    const std::string sig = occupant_signature(c.sites.at(a.site));
    types.push_back(type_of.emplace(sig, static_cast<int>(type_of.size()) + 1).first->second);
  }
  SpglibDataset* ds = spg_get_dataset(lattice, reinterpret_cast<double(*)[3]>(pos.data()), types.data(),
                                      static_cast<int>(pos.size()), symprec);
  if (!ds || ds->spacegroup_number == 0) {
    if (ds) spg_free_dataset(ds);
    fail("{}: spglib could not determine the space group (tolerance {} Å): {}", c.source, symprec,
         spg_get_error_message(spg_get_error_code()));
  }
  return SpglibDatasetPtr(ds);
}

void group_sites_by_symmetry(Crystal& c, double symprec) {
  const SpglibDatasetPtr ds = spglib_dataset(c, symprec);
  std::vector<CrystalSite> sites;
  std::map<int, int> site_of_orbit;      // representative atom -> new site index
  std::map<std::string, int> n_per_element;
  for (size_t i = 0; i < c.atoms.size(); ++i) {
    const int rep = ds->equivalent_atoms[i];
    auto it = site_of_orbit.find(rep);
    if (it == site_of_orbit.end()) {
      CrystalSite s = c.sites.at(c.atoms[rep].site);
      s.frac = c.atoms[rep].frac;
      const std::string el = s.occupants.empty() ? std::string("X") : s.occupants.front().element;
      s.label = el + std::to_string(++n_per_element[el]);
      sites.push_back(s);
      it = site_of_orbit.emplace(rep, static_cast<int>(sites.size()) - 1).first;
    }
    c.atoms[i].site = it->second;
  }
  c.sites = std::move(sites);
}

}  // namespace ionhop
