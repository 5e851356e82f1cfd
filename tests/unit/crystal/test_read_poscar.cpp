// VASP 5 POSCAR reader: Direct/Cartesian, scale factors, selective dynamics, site grouping.
#include <gtest/gtest.h>

#include "crystal_test_util.hpp"
#include "engine/crystal/read_structure.hpp"

using namespace ionhop;
using ionhop::test::site;
using ionhop::test::valid;

TEST(ReadPoscar, SimpleCubicLiMatchesCif) {
  const Crystal p = read_structure(valid("POSCAR_li_sc"));
  const Crystal c = read_structure(valid("li_sc.cif"));
  EXPECT_EQ(p.symmetry.number, c.symmetry.number);
  EXPECT_NEAR(p.lattice.volume(), c.lattice.volume(), 1e-9);
  ASSERT_EQ(p.sites.size(), 1u);
  EXPECT_EQ(p.sites[0].label, "Li1");
  EXPECT_EQ(p.sites[0].wyckoff, 'a');
}

TEST(ReadPoscar, CartesianScaledSelectiveDynamicsNaCl) {
  const Crystal c = read_poscar(valid("POSCAR_nacl_cart"));
  EXPECT_NEAR(c.lattice.parameters()[0], 5.6402, 1e-9);
  EXPECT_EQ(c.symmetry.number, 225);
  ASSERT_EQ(c.atoms.size(), 8u);
  ASSERT_EQ(c.sites.size(), 2u);  // 8 atoms grouped into the two orbits
  EXPECT_EQ(site(c, "Na1").multiplicity, 4);
  EXPECT_EQ(site(c, "Na1").wyckoff, 'a');
  EXPECT_EQ(site(c, "Cl1").multiplicity, 4);
  EXPECT_EQ(site(c, "Cl1").wyckoff, 'b');
  EXPECT_NEAR(site(c, "Cl1").frac[0], 0.5, 1e-9);  // Cartesian 2.82 Å scaled by 2 -> 0.5
  EXPECT_NEAR(c.formal_charge(), 0.0, 1e-12);
  EXPECT_TRUE(ionhop::test::ops_map_structure_onto_itself(c, 1e-6));
}

TEST(ReadPoscar, NegativeScaleIsVolumeAndPotcarLabelsAreStripped) {
  const Crystal c = read_structure(valid("nacl_volume.vasp"));
  EXPECT_NEAR(c.lattice.volume(), 179.42523, 1e-6);
  EXPECT_NEAR(c.lattice.parameters()[0], 5.6402, 1e-5);
  EXPECT_TRUE(c.has_element("Na"));  // species "Na_pv"
  EXPECT_EQ(c.symmetry.number, 225);
}

TEST(ReadPoscar, OxidationOverride) {
  ReadOptions opt;
  opt.oxidation["Cl"] = -2;
  const Crystal c = read_poscar(valid("POSCAR_nacl_cart"), opt);
  EXPECT_EQ(site(c, "Cl1").occupants.at(0).oxidation, -2);
  EXPECT_NEAR(c.formal_charge(), -4.0, 1e-12);
}
