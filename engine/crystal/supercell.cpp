// Supercells: flat index <-> (basis, cell) mapping, lattice and replicated Crystal.
#include "engine/crystal/supercell.hpp"

#include "engine/core/error.hpp"

namespace ionhop {

namespace {
int wrap(int i, int n) {
  const int r = i % n;
  return r < 0 ? r + n : r;
}
void check_n(std::array<int, 3> n) {
  if (n[0] < 1 || n[1] < 1 || n[2] < 1) fail("supercell size {}x{}x{} must be >= 1 in each direction", n[0], n[1], n[2]);
}
}  // namespace

int SupercellMap::index(int basis, std::array<int, 3> cell) const {
  const int i = wrap(cell[0], n[0]), j = wrap(cell[1], n[1]), k = wrap(cell[2], n[2]);
  return basis + n_basis * (i + n[0] * (j + n[1] * k));
}

SupercellMap::Entry SupercellMap::decompose(int idx) const {
  Entry e{};
  e.basis = idx % n_basis;
  int c = idx / n_basis;
  e.cell[0] = c % n[0];
  c /= n[0];
  e.cell[1] = c % n[1];
  e.cell[2] = c / n[1];
  return e;
}

Lattice supercell_lattice(const Lattice& unit, std::array<int, 3> n) {
  check_n(n);
  Lattice l = unit;
  for (int i = 0; i < 3; ++i) l.rows[i] = static_cast<double>(n[i]) * unit.rows[i];
  return l;
}

Crystal make_supercell(const Crystal& unit, std::array<int, 3> n) {
  check_n(n);
  Crystal s = unit;
  s.lattice = supercell_lattice(unit.lattice, n);
  s.formula_units = unit.formula_units * n[0] * n[1] * n[2];
  const SupercellMap map{n, static_cast<int>(unit.atoms.size())};
  s.atoms.resize(map.size());
  for (int idx = 0; idx < map.size(); ++idx) {
    const SupercellMap::Entry e = map.decompose(idx);
    const CellAtom& a = unit.atoms[e.basis];
    Vec3 f;
    for (int d = 0; d < 3; ++d) f[d] = (a.frac[d] + e.cell[d]) / n[d];
    s.atoms[idx] = {a.site, f};
  }
  for (CrystalSite& site : s.sites) {
    site.multiplicity *= map.n_cells();  // positions of the site in the supercell
    for (int d = 0; d < 3; ++d) site.frac[d] /= n[d];
  }
  s.symmetry.ops.clear();  // supercell translations are not unit-cell symmetry operations
  return s;
}

}  // namespace ionhop
