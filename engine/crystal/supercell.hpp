#pragma once
// Mapping (cell, basis index) <-> flat index for an n1 x n2 x n3 supercell.
// Flat index = basis + n_basis * (i + n1 * (j + n2 * k)), cells (i,j,k) with 0 <= i < n1 etc.
#include <array>

#include "engine/crystal/crystal.hpp"

namespace ionhop {

struct SupercellMap {
  std::array<int, 3> n{1, 1, 1};
  int n_basis = 0;

  int size() const { return n_basis * n[0] * n[1] * n[2]; }
  int n_cells() const { return n[0] * n[1] * n[2]; }
  // Cell indices are wrapped periodically, so neighbours across the boundary map correctly.
  int index(int basis, std::array<int, 3> cell) const;
  struct Entry {
    int basis;
    std::array<int, 3> cell;
  };
  Entry decompose(int index) const;
};

// The supercell lattice (rows scaled by n).
Lattice supercell_lattice(const Lattice& unit, std::array<int, 3> n);

// The supercell as a Crystal: same sites, atoms replicated, fractional coordinates rescaled;
// atom index = SupercellMap{n, crystal.atoms.size()}.index(atom, cell). Symmetry is not recomputed
// (translations of the supercell are not in the unit-cell space group): symmetry.ops is cleared.
Crystal make_supercell(const Crystal& unit, std::array<int, 3> n);

}  // namespace ionhop
