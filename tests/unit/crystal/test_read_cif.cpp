// CIF reader on small fixtures: lattice, expansion, Wyckoff letters, oxidation states.
#include <gtest/gtest.h>

#include "crystal_test_util.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"

using namespace ionhop;
using ionhop::test::site;
using ionhop::test::valid;

TEST(ReadCif, RockSaltNaCl) {
  const Crystal c = read_cif(valid("nacl.cif"));
  EXPECT_EQ(c.title, "NaCl");
  const auto p = c.lattice.parameters();
  EXPECT_NEAR(p[0], 5.6402, 1e-9);
  EXPECT_NEAR(c.lattice.volume(), std::pow(5.6402, 3), 1e-6);
  ASSERT_EQ(c.sites.size(), 2u);
  ASSERT_EQ(c.atoms.size(), 8u);
  EXPECT_EQ(c.symmetry.number, 225);
  EXPECT_EQ(c.symmetry.international, "Fm-3m");
  EXPECT_EQ(c.symmetry.ops.size(), 192u);  // 48 point operations x 4 centring translations
  EXPECT_DOUBLE_EQ(c.symmetry.symprec, 1e-3);
  const CrystalSite& na = site(c, "Na1");
  const CrystalSite& cl = site(c, "Cl1");
  EXPECT_EQ(na.wyckoff, 'a');
  EXPECT_EQ(cl.wyckoff, 'b');
  EXPECT_EQ(na.multiplicity, 4);
  EXPECT_EQ(cl.multiplicity, 4);
  EXPECT_EQ(na.site_symmetry, "m-3m");
  EXPECT_EQ(na.occupants.at(0).oxidation, 1);   // built-in table
  EXPECT_EQ(cl.occupants.at(0).oxidation, -1);
  EXPECT_NEAR(c.formal_charge(), 0.0, 1e-12);
  EXPECT_EQ(c.formula(), "NaCl");
  EXPECT_NEAR(c.composition().at("Na"), 4.0, 1e-12);
  EXPECT_TRUE(c.has_element("Cl"));
  EXPECT_FALSE(c.has_element("Li"));
  // Nearest Na-Cl distance a/2; atoms wrapped into [0, 1).
  double dmin = 1e9;
  for (const CellAtom& a : c.atoms) {
    for (double x : a.frac) {
      EXPECT_GE(x, 0.0);
      EXPECT_LT(x, 1.0);
    }
    if (c.sites[a.site].label == "Cl1") dmin = std::min(dmin, c.lattice.distance(na.frac, a.frac));
  }
  EXPECT_NEAR(dmin, 5.6402 / 2, 1e-9);
  EXPECT_TRUE(ionhop::test::ops_map_structure_onto_itself(c, 1e-6));
}

TEST(ReadCif, BareSimpleCubicLi) {
  const Crystal c = read_structure(valid("li_sc.cif"));
  EXPECT_EQ(c.symmetry.number, 221);
  ASSERT_EQ(c.atoms.size(), 1u);
  EXPECT_EQ(c.sites.at(0).wyckoff, 'a');
  EXPECT_EQ(c.sites.at(0).multiplicity, 1);
  EXPECT_EQ(c.formula(), "Li");
  EXPECT_NEAR(c.formal_charge(), 1.0, 1e-12);  // a bare lattice is not charge balanced
}

TEST(ReadCif, MixedSiteIsOneSiteWithTwoOccupants) {
  const Crystal c = read_cif(valid("mixed_site.cif"));
  EXPECT_EQ(c.symmetry.number, 216);
  ASSERT_EQ(c.sites.size(), 2u);  // Zn1 and the S1/Se1 mixed site
  ASSERT_EQ(c.atoms.size(), 8u);
  const CrystalSite& x = site(c, "S1");
  ASSERT_EQ(x.occupants.size(), 2u);
  EXPECT_NEAR(x.find("S")->occupancy, 0.75, 1e-12);
  EXPECT_NEAR(x.find("Se")->occupancy, 0.25, 1e-12);
  EXPECT_NEAR(x.total_occupancy(), 1.0, 1e-12);
  EXPECT_EQ(x.find("Cl"), nullptr);
  EXPECT_EQ(x.wyckoff, 'c');
  EXPECT_EQ(x.multiplicity, 4);
  EXPECT_EQ(x.find("Se")->oxidation, -2);
  EXPECT_EQ(site(c, "Zn1").occupants.at(0).oxidation, 2);
  EXPECT_NEAR(c.composition().at("S"), 3.0, 1e-12);
  EXPECT_NEAR(c.composition().at("Se"), 1.0, 1e-12);
  EXPECT_NEAR(c.formal_charge(), 0.0, 1e-12);
}

TEST(ReadCif, OxidationFromAtomTypeLoopBeatsTable) {
  const Crystal c = read_cif(valid("feo_type_oxidation.cif"));
  EXPECT_EQ(site(c, "Fe1").occupants.at(0).oxidation, 2);  // the table says +3
  EXPECT_NEAR(c.formal_charge(), 0.0, 1e-12);
}

TEST(ReadCif, OxidationFromTypeSymbolCharge) {
  const Crystal c = read_cif(valid("feo_symbol_charge.cif"));
  EXPECT_EQ(c.symmetry.number, 225);  // space group given only by its number
  EXPECT_EQ(site(c, "Fe1").occupants.at(0).oxidation, 2);
  EXPECT_EQ(site(c, "O1").occupants.at(0).oxidation, -2);
  EXPECT_EQ(site(c, "Fe1").occupants.at(0).element, "Fe");
}

TEST(ReadCif, OxidationOverrideBeatsFile) {
  ReadOptions opt;
  opt.oxidation["Fe"] = 3;
  for (const char* f : {"feo_type_oxidation.cif", "feo_symbol_charge.cif"}) {
    const Crystal c = read_cif(valid(f), opt);
    EXPECT_EQ(site(c, "Fe1").occupants.at(0).oxidation, 3) << f;
    EXPECT_NEAR(c.formal_charge(), 4.0, 1e-12) << f;  // 4 Fe per cell, one e each too many
  }
}

TEST(ReadCif, ExplicitSymmetryOperationLoop) {
  const Crystal c = read_cif(valid("cscl_symops.cif"));
  EXPECT_EQ(c.symmetry.number, 47);  // Pmmm: the a, b, c differ
  EXPECT_EQ(site(c, "Na1").wyckoff, 'a');
  EXPECT_EQ(site(c, "Cl1").wyckoff, 'h');
  EXPECT_EQ(site(c, "Na1").occupants.at(0).oxidation, 1);
  EXPECT_EQ(c.atoms.size(), 2u);
}

TEST(ReadCif, SplitPartialSitesCloserThanMinDistanceAreLegal) {
  const Crystal c = read_cif(valid("split_sites.cif"));
  EXPECT_EQ(c.sites.size(), 3u);
  EXPECT_NEAR(c.lattice.distance(site(c, "Li1a").frac, site(c, "Li1b").frac), 0.3, 1e-9);
  EXPECT_EQ(c.formula(), "LiCl");
}

TEST(ReadCif, SymprecIsPassedToSpglib) {
  ReadOptions opt;
  opt.symprec = 0.01;
  const Crystal c = read_cif(valid("nacl.cif"), opt);
  EXPECT_DOUBLE_EQ(c.symmetry.symprec, 0.01);
  EXPECT_EQ(c.symmetry.number, 225);
}

TEST(DefaultOxidation, TableCoversCommonElements) {
  const std::map<std::string, int> expect = {
      {"H", 1},  {"Li", 1},  {"Na", 1}, {"K", 1},  {"Mg", 2}, {"Ca", 2}, {"Sr", 2}, {"Ba", 2}, {"Al", 3},
      {"Ga", 3}, {"In", 3},  {"Sc", 3}, {"Y", 3},  {"La", 3}, {"Ti", 4}, {"Zr", 4}, {"Hf", 4}, {"Ta", 5},
      {"Nb", 5}, {"Si", 4},  {"Ge", 4}, {"Sn", 4}, {"P", 5},  {"As", 5}, {"Sb", 5}, {"O", -2}, {"S", -2},
      {"Se", -2}, {"Cl", -1}, {"Br", -1}, {"I", -1}, {"F", -1}, {"B", 3},  {"C", 4},  {"N", -3}, {"Zn", 2},
      {"Mn", 2}, {"Fe", 3},  {"Co", 2}, {"Ni", 2}, {"Cu", 2}};
  for (const auto& [el, ox] : expect) EXPECT_EQ(default_oxidation_state(el), ox) << el;
  EXPECT_THROW(default_oxidation_state("Pr"), Error);
}

TEST(ReadCif, RoundedSpecialPositionIsSnapped) {
  const Crystal c = read_cif(valid("rounded_special_position.cif"));
  EXPECT_EQ(c.symmetry.number, 216);
  ASSERT_EQ(c.atoms.size(), 8u);
  const CrystalSite& s = site(c, "S1");
  EXPECT_EQ(s.multiplicity, 4);
  EXPECT_EQ(s.wyckoff, 'c');
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(s.frac[k], 0.25, 1e-12);
  // Without the snap, a merge distance too small to join the images leaves them 0.009 Å apart:
  ReadOptions strict;
  strict.merge_distance = 1e-4;
  EXPECT_THROW(read_cif(valid("rounded_special_position.cif"), strict), Error);
}
