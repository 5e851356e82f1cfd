// The CIFs shipped in structures/ load with the expected space group, sites (Wyckoff letter,
// multiplicity), formula and charge balance.
#include <gtest/gtest.h>

#include "crystal_test_util.hpp"
#include "engine/crystal/read_structure.hpp"

using namespace ionhop;

namespace {
struct SiteExp {
  const char* label;
  int multiplicity;
  char wyckoff;
};
struct Shipped {
  const char* file;
  int space_group;
  const char* formula;
  std::vector<SiteExp> sites;
};

const std::vector<Shipped>& shipped() {
  static const std::vector<Shipped> s = {
      {"nasicon_Na3Zr2Si2PO12.cif", 167, "Na3Zr2Si2PO12",
       {{"Na1", 6, 'b'}, {"Na2", 18, 'e'}, {"Zr1", 12, 'c'}, {"Si1", 18, 'e'}, {"O1", 36, 'f'}, {"O2", 36, 'f'}}},
      {"garnet_Li7La3Zr2O12.cif", 230, "Li7La3Zr2O12",
       {{"Li1", 24, 'd'}, {"Li2", 48, 'g'}, {"La1", 24, 'c'}, {"Zr1", 16, 'a'}, {"O1", 96, 'h'}}},
      {"Na3PS4_cubic.cif", 217, "Na3PS4", {{"Na1", 6, 'b'}, {"Na2", 12, 'd'}, {"P1", 2, 'a'}, {"S1", 8, 'c'}}},
      {"Na3PS4_tetragonal.cif", 114, "Na3PS4", {{"Na1", 4, 'd'}, {"Na2", 2, 'a'}, {"P1", 2, 'b'}, {"S1", 8, 'e'}}},
      {"Li6PS5Cl.cif", 216, "Li6PS5Cl",
       {{"Li1", 48, 'h'}, {"P1", 4, 'b'}, {"S1", 16, 'e'}, {"S2", 4, 'a'}, {"S3", 4, 'c'}}},
      {"Li10GeP2S12.cif", 137, nullptr,  // Ge/P mixed site occupancies give a non-integer formula
       {{"Li1", 16, 'h'}, {"Li2", 4, 'd'}, {"Li3", 8, 'f'}, {"Ge1", 4, 'd'}, {"P2", 2, 'b'}, {"S1", 8, 'g'}}},
  };
  return s;
}

void PrintTo(const Shipped& s, std::ostream* os) { *os << s.file; }

class ShippedStructure : public ::testing::TestWithParam<Shipped> {};
}  // namespace

TEST_P(ShippedStructure, LoadsWithSymmetrySitesAndChargeBalance) {
  const Shipped& e = GetParam();
  const Crystal c = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/" + e.file);
  EXPECT_EQ(c.symmetry.number, e.space_group) << e.file;
  if (e.formula) EXPECT_EQ(c.formula(), e.formula);
  EXPECT_NEAR(c.formal_charge(), 0.0, 1e-2) << e.file;
  for (const SiteExp& s : e.sites) {
    const CrystalSite& site = ionhop::test::site(c, s.label);
    EXPECT_EQ(site.multiplicity, s.multiplicity) << e.file << " " << s.label;
    EXPECT_EQ(site.wyckoff, s.wyckoff) << e.file << " " << s.label;
  }
  EXPECT_TRUE(ionhop::test::ops_map_structure_onto_itself(c, 1e-3)) << e.file;
}

INSTANTIATE_TEST_SUITE_P(Structures, ShippedStructure, ::testing::ValuesIn(shipped()), [](const auto& info) {
  std::string n = info.param.file;
  n = n.substr(0, n.find('.'));
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
});

TEST(ShippedStructure, NasiconMixedSiteIsSiAndP) {
  const Crystal c = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  const CrystalSite& t = ionhop::test::site(c, "Si1");
  ASSERT_EQ(t.occupants.size(), 2u);
  EXPECT_NEAR(t.find("Si")->occupancy, 2.0 / 3, 1e-3);
  EXPECT_NEAR(t.find("P")->occupancy, 1.0 / 3, 1e-3);
  EXPECT_EQ(t.find("P")->oxidation, 5);
}
