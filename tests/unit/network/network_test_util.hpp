#pragma once
// Crystals built in code for the network tests: a lattice and sites with their positions listed
// explicitly (no symmetry unless the test asks finalize_crystal for it).
#include <string>
#include <vector>

#include "engine/crystal/crystal.hpp"

namespace ionhop::test {

struct SiteSpec {
  std::string label, element;
  int oxidation = 0;
  std::vector<Vec3> positions;
  double occupancy = 1.0;
};

inline Crystal make_crystal(const Mat3& rows, const std::vector<SiteSpec>& specs) {
  Crystal c;
  c.source = "test crystal";
  c.lattice.rows = rows;
  for (const auto& s : specs) {
    CrystalSite cs;
    cs.label = s.label;
    cs.occupants = {Occupant{s.element, s.occupancy, s.oxidation}};
    cs.frac = s.positions.front();
    cs.multiplicity = static_cast<int>(s.positions.size());
    c.sites.push_back(cs);
    for (const auto& p : s.positions) c.atoms.push_back(CellAtom{static_cast<int>(c.sites.size()) - 1, p});
  }
  return c;
}

inline Mat3 cubic(double a) { return {{{a, 0, 0}, {0, a, 0}, {0, 0, a}}}; }
inline Mat3 tetragonal(double a, double c) { return {{{a, 0, 0}, {0, a, 0}, {0, 0, c}}}; }

}  // namespace ionhop::test
