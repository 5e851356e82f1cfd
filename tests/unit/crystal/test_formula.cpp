// Reduced formulas: gcd of integer counts, fractional counts, electronegativity order.
#include <gtest/gtest.h>

#include "engine/crystal/crystal.hpp"

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
