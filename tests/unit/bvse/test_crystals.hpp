#pragma once
// Crystals built in code for the BVSE tests (no file readers involved).
#include <string>
#include <vector>

#include "engine/bvse/field.hpp"

namespace ionhop::bvse::test {

inline Lattice cubic(double a) {
  Lattice l;
  l.rows = {{{a, 0, 0}, {0, a, 0}, {0, 0, a}}};
  return l;
}

// All 48 operations of the cubic holohedry m-3m (signed permutations), no translation.
inline std::vector<SymOp> cubic_ops() {
  std::vector<SymOp> ops;
  const int perms[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
  for (const auto& p : perms)
    for (int s = 0; s < 8; ++s) {
      SymOp op;
      for (int i = 0; i < 3; ++i) op.rot[i][p[i]] = (s >> i & 1) ? -1 : 1;
      ops.push_back(op);
    }
  return ops;
}

// A cubic Pm-3m framework: La at 0,0,0 (1a), O at 1/2,0,0 (3d), Li at 1/2,1/2,1/2 (1b).
inline std::vector<FieldAtom> cubic_framework() {
  return {{"La", 3, 1.0, {0, 0, 0}},     {"O", -2, 1.0, {0.5, 0, 0}}, {"O", -2, 1.0, {0, 0.5, 0}},
          {"O", -2, 1.0, {0, 0, 0.5}},   {"Li", 1, 1.0, {0.5, 0.5, 0.5}}};
}

}  // namespace ionhop::bvse::test
