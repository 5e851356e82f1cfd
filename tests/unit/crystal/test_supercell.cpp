// Supercell mapping (cell, basis) <-> index, periodic wrap, and the replicated crystal.
#include <gtest/gtest.h>

#include "crystal_test_util.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"

using namespace ionhop;

TEST(SupercellMap, RoundTrip) {
  const SupercellMap m{{2, 3, 4}, 5};
  EXPECT_EQ(m.size(), 120);
  EXPECT_EQ(m.n_cells(), 24);
  for (int idx = 0; idx < m.size(); ++idx) {
    const auto e = m.decompose(idx);
    EXPECT_EQ(m.index(e.basis, e.cell), idx);
    EXPECT_GE(e.cell[2], 0);
    EXPECT_LT(e.cell[2], 4);
  }
  EXPECT_EQ(m.index(3, {1, 2, 3}), 3 + 5 * (1 + 2 * (2 + 3 * 3)));  // documented layout
}

TEST(SupercellMap, NeighbourAcrossBoundaryWraps) {
  const SupercellMap m{{2, 3, 4}, 5};
  EXPECT_EQ(m.index(1, {-1, 0, 0}), m.index(1, {1, 0, 0}));
  EXPECT_EQ(m.index(1, {2, 3, 4}), m.index(1, {0, 0, 0}));
  EXPECT_EQ(m.index(4, {-3, -1, -5}), m.index(4, {1, 2, 3}));
}

TEST(Supercell, LatticeAndReplicatedNaCl) {
  const Crystal unit = read_structure(ionhop::test::valid("nacl.cif"));
  const std::array<int, 3> n{2, 1, 3};
  const Crystal s = make_supercell(unit, n);
  const SupercellMap m{n, static_cast<int>(unit.atoms.size())};
  ASSERT_EQ(static_cast<int>(s.atoms.size()), m.size());
  EXPECT_NEAR(s.lattice.volume(), 6 * unit.lattice.volume(), 1e-6);
  EXPECT_NEAR(supercell_lattice(unit.lattice, n).rows[2][2], 3 * 5.6402, 1e-12);
  for (int idx = 0; idx < m.size(); ++idx) {
    const auto e = m.decompose(idx);
    const Vec3 cart_s = s.lattice.to_cart(s.atoms[idx].frac);
    const Vec3 cart_u = unit.lattice.to_cart(unit.atoms[e.basis].frac + Vec3{double(e.cell[0]), double(e.cell[1]), double(e.cell[2])});
    EXPECT_NEAR(norm(cart_s - cart_u), 0.0, 1e-9);
    EXPECT_EQ(s.atoms[idx].site, unit.atoms[e.basis].site);
  }
  EXPECT_EQ(s.formula(), "NaCl");
  EXPECT_NEAR(s.composition().at("Na"), 24.0, 1e-12);
  EXPECT_TRUE(s.symmetry.ops.empty());
  EXPECT_EQ(s.symmetry.number, 225);
  EXPECT_EQ(s.sites[0].multiplicity, 4 * 6);
  // Na at the origin of cell (0,0,0) and Cl at -a/2 x: the neighbour is the last cell's
  // Cl at (1.5 a, 0, 0) folded back across the boundary, a/2 away.
  int cl_basis = -1;
  for (size_t b = 0; b < unit.atoms.size(); ++b) {
    const Vec3 f = unit.atoms[b].frac;
    if (unit.sites[unit.atoms[b].site].label == "Cl1" && std::abs(f[0] - 0.5) < 1e-9 && f[1] < 1e-9 && f[2] < 1e-9)
      cl_basis = static_cast<int>(b);
  }
  ASSERT_GE(cl_basis, 0);
  const int cl = m.index(cl_basis, {-1, 0, 0});  // wraps to cell (1, 0, 0)
  EXPECT_EQ(m.decompose(cl).cell[0], 1);
  EXPECT_NEAR(s.lattice.distance(s.atoms[m.index(0, {0, 0, 0})].frac, s.atoms[cl].frac), 5.6402 / 2, 1e-9);
}

TEST(Supercell, RejectsNonPositiveSize) {
  const Crystal unit = read_structure(ionhop::test::valid("li_sc.cif"));
  EXPECT_THROW(make_supercell(unit, {0, 1, 1}), Error);
  EXPECT_THROW(supercell_lattice(unit.lattice, {1, -2, 1}), Error);
}
