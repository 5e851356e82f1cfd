// Reduced formulas: gcd of integer counts, fractional counts, electronegativity order.
#include <gtest/gtest.h>

#include "engine/crystal/crystal.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"

using namespace ionhop;

namespace {
// A crystal with given (element, occupancy, atoms-per-cell) sites; geometry irrelevant here.
Crystal made_of(const std::vector<std::tuple<std::string, double, int>>& spec) {
  Crystal c;
  for (const auto& [el, occ, n] : spec) {
    c.sites.push_back({el + "1", {{el, occ, 0}}, {0, 0, 0}});
    for (int i = 0; i < n; ++i) c.atoms.push_back({static_cast<int>(c.sites.size()) - 1, {0, 0, 0}});
  }
  return c;
}
}  // namespace

TEST(Formula, NasiconCellReducesToFormulaUnit) {
  // Na18 Zr12 Si12 P6 O72 per hexagonal cell (Z = 6), Si/P mixed and Na2 at 2/3.
  const Crystal c = made_of({{"O", 1.0, 72}, {"P", 1.0 / 3, 18}, {"Si", 2.0 / 3, 18}, {"Zr", 1.0, 12},
                             {"Na", 1.0, 6}, {"Na", 2.0 / 3, 18}});
  EXPECT_EQ(c.formula(), "Na3Zr2Si2PO12");
}

TEST(Formula, RoundedOccupanciesStillReduce) {
  const Crystal c = made_of({{"Na", 1.0, 6}, {"Na", 0.6667, 18}, {"Zr", 1.0, 12}, {"Si", 0.667, 18},
                             {"P", 0.333, 18}, {"O", 1.0, 72}});
  EXPECT_EQ(c.formula(), "Na3Zr2Si2PO12");
}

TEST(Formula, FractionalCountsPrintWithDecimals) {
  // Li6.4La3Zr1.4Ta0.6O12 with Z = 8.
  const Crystal c = made_of({{"Li", 51.2 / 72, 72}, {"La", 1.0, 24}, {"Zr", 0.7, 16}, {"Ta", 0.3, 16}, {"O", 1.0, 96}});
  EXPECT_EQ(c.formula(), "Li6.4La3Zr1.4Ta0.6O12");
}

TEST(Formula, ElectropositiveFirst) {
  EXPECT_EQ(made_of({{"S", 1.0, 5}, {"Cl", 1.0, 1}, {"P", 1.0, 1}, {"Li", 1.0, 6}}).formula(), "Li6PS5Cl");
  EXPECT_EQ(made_of({{"S", 1.0, 24}, {"P", 1.0, 4}, {"Ge", 1.0, 2}, {"Li", 1.0, 20}}).formula(), "Li10GeP2S12");
}

// The file's Z gives the standard form where the gcd would halve it (NASICON x = 1.6: Z = 6).
TEST(Formula, FileFormulaUnitsGiveTheStandardForm) {
  Crystal c = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  EXPECT_EQ(c.formula_units, 6);
  for (auto& s : c.sites)
    for (auto& o : s.occupants) {
      if (o.element == "Si") o.occupancy = 1.6 / 3;
      if (o.element == "P") o.occupancy = 1 - 1.6 / 3;
      if (s.label == "Na2") o.occupancy = 1.6 / 3;  // Na 1 + 3 x 0.5333 = 2.6
    }
  EXPECT_EQ(c.formula(), "Na2.6Zr2Si1.6P1.4O12");
  c.formula_units = 0;  // without Z: the gcd rule
  EXPECT_EQ(c.formula(), "Na1.3ZrSi0.8P0.7O6");
  EXPECT_EQ(make_supercell(read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif"), {2, 1, 1}).formula_units, 12);
}
