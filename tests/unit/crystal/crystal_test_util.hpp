#pragma once
// Helpers shared by the crystal tests.
#include <string>

#include "engine/crystal/crystal.hpp"

namespace ionhop::test {

inline std::string valid(const std::string& name) { return std::string(IONHOP_TEST_DATA_DIR) + "/valid/" + name; }
inline std::string malformed(const std::string& name) {
  return std::string(IONHOP_TEST_DATA_DIR) + "/malformed/" + name;
}

inline const CrystalSite& site(const Crystal& c, const std::string& label) {
  for (const CrystalSite& s : c.sites)
    if (s.label == label) return s;
  throw std::runtime_error("no site " + label);
}

// Every symmetry operation maps every atom onto an atom of the same site (within tol, Å).
inline bool ops_map_structure_onto_itself(const Crystal& c, double tol) {
  for (const SymOp& op : c.symmetry.ops)
    for (const CellAtom& a : c.atoms) {
      Vec3 p = op.trans;
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) p[i] += op.rot[i][j] * a.frac[j];
      bool found = false;
      for (const CellAtom& b : c.atoms)
        if (b.site == a.site && c.lattice.distance(p, b.frac) < tol) found = true;
      if (!found) return false;
    }
  return true;
}

}  // namespace ionhop::test
