// [composition] occupancy on the shipped NASICON CIF: Na(1+x)Zr2Si(x)P(3-x)O12 for x = 0, 2.4, 3
// from the one Na3Zr2Si2PO12 file (framework charge, ions from neutrality, formula), and every
// error naming composition.occupancy.<label> with the reason.
#include <gtest/gtest.h>

#include <sstream>

#include "engine/composition/apply_occupancy.hpp"
#include "engine/composition/parse_composition.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"

using namespace ionhop;

namespace {

const Crystal& nasicon() {
  static const Crystal c = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  return c;
}

CompositionSpec parse(const std::string& text) {
  std::istringstream in(text);
  return parse_composition(toml::parse(in, "in.toml"), "in.toml: composition");
}

// The crystal after [composition] `text`, mobile species Na.
Crystal applied(const std::string& text, const std::map<std::string, int>& oxidation = {}) {
  Crystal c = nasicon();
  apply_occupancy(c, parse(text), "Na", "in.toml: composition", oxidation);
  return c;
}

std::string error_of(const std::string& text) {
  try {
    (void)applied(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Formal charge per cell of everything but Na.
double framework_charge(const Crystal& c) {
  double q = 0;
  for (const CellAtom& a : c.atoms)
    for (const Occupant& o : c.sites[static_cast<size_t>(a.site)].occupants)
      if (o.element != "Na") q += o.occupancy * o.oxidation;
  return q;
}

std::string occupancy_for(double x) {  // Si = x/3, P = 1 - x/3; an element with none left out
  std::string t;
  if (x > 0) t += fmt::format("Si = {:.17g}", x / 3);
  if (x < 3) t += fmt::format("{}P = {:.17g}", t.empty() ? "" : ", ", 1 - x / 3);
  return "occupancy = { Si1 = { " + t + " } }\n";
}

}  // namespace

TEST(ApplyOccupancy, ParsesTheTable) {
  const CompositionSpec s = parse("occupancy = { Si1 = { Si = 0.8, P = 0.2 } }\n");
  ASSERT_EQ(s.occupancy.size(), 1u);
  EXPECT_DOUBLE_EQ(s.occupancy.at("Si1").at("Si"), 0.8);
  EXPECT_DOUBLE_EQ(s.occupancy.at("Si1").at("P"), 0.2);
  EXPECT_TRUE(parse("ions = 3\n").occupancy.empty());
}

// Z = 6 formula units per hexagonal cell: framework charge -6(1+x); a 5x1x1 supercell makes every
// count an integer for x = 2.4 (90 Si/P positions: 72 Si + 18 P; 102 Na).
class NasiconSeries : public ::testing::TestWithParam<double> {};

TEST_P(NasiconSeries, IonsFollowNeutrality) {
  const double x = GetParam();
  const Crystal unit = applied(occupancy_for(x));
  EXPECT_NEAR(framework_charge(unit), -6 * (1 + x), 1e-9);
  const CrystalSite& mixed = unit.sites[1 + 2];  // Na1, Na2, Zr1, Si1 in file order
  ASSERT_EQ(mixed.label, "Si1");
  for (const Occupant& o : mixed.occupants) EXPECT_EQ(o.oxidation, o.element == "Si" ? 4 : 5);
  NetworkOptions o;
  o.species = "Na";
  const std::array<int, 3> n{5, 1, 1};
  const SiteNetwork net = make_supercell_network(build_network(unit, o), n);
  const int ions = count_mobile_ions(make_supercell(unit, n), net, {});
  EXPECT_EQ(ions, static_cast<int>(std::lround(5 * 6 * (1 + x))));
  EXPECT_NEAR(ions / (5.0 * 6.0), 1 + x, 1e-9);  // Na per formula unit
}

INSTANTIATE_TEST_SUITE_P(X, NasiconSeries, ::testing::Values(0.0, 2.4, 3.0));

TEST(ApplyOccupancy, KeepsOrderAndAcceptsMergedRowLabel) {
  const Crystal a = applied("occupancy = { Si1 = { P = 0.2, Si = 0.8 } }\n");
  const Crystal b = applied("occupancy = { P1 = { Si = 0.8, P = 0.2 } }\n");  // the CIF row merged into Si1
  for (const Crystal* c : {&a, &b}) {
    const CrystalSite& s = c->sites[3];
    ASSERT_EQ(s.occupants.size(), 2u);
    EXPECT_EQ(s.occupants[0].element, "Si");  // the file's order, not the input's
    EXPECT_DOUBLE_EQ(s.occupants[0].occupancy, 0.8);
    EXPECT_EQ(s.occupants[1].element, "P");
    EXPECT_DOUBLE_EQ(s.occupants[1].occupancy, 0.2);
  }
  EXPECT_EQ(simulated_formula(a, "Na", 6 * 3.4), "Na3.4Zr2Si2.4P0.6O12");  // per the file's Z = 6 (standard form)
  EXPECT_EQ(simulated_formula(nasicon(), "Na", 18), "Na3Zr2Si2PO12");
  EXPECT_EQ(applied("").formula(), "Na3Zr2Si2PO12");  // no occupancy: untouched
}

TEST(ApplyOccupancy, SaysWhenTheSupercellRoundsTheFractions) {
  const std::string text = "occupancy = { Si1 = { Si = 0.8, P = 0.2 } }\n";
  const std::string r = occupancy_rounding(applied(text), parse(text), 4);  // 72 positions: 57.6 Si, 14.4 P
  EXPECT_NE(r.find("composition.occupancy.Si1: "), std::string::npos) << r;
  EXPECT_NE(r.find(" x 72 positions"), std::string::npos) << r;
  EXPECT_EQ(occupancy_rounding(applied(text), parse(text), 5), "");  // 90 positions: 72 Si + 18 P
}

TEST(ApplyOccupancy, OxidationOfNewElements) {
  const Crystal c = applied("occupancy = { Zr1 = { Zr = 0.5, Sc = 0.5 }, Si1 = { Ge = 1 } }\n");
  EXPECT_EQ(c.sites[2].find("Sc")->oxidation, 3);  // built-in table
  EXPECT_EQ(c.sites[2].find("Zr")->oxidation, 4);  // the site's own
  EXPECT_EQ(c.sites[3].find("Ge")->oxidation, 4);
  EXPECT_EQ(applied("occupancy = { Si1 = { Si = 0.5, Ge = 0.5 } }\n", {{"Ge", 2}}).sites[3].find("Ge")->oxidation, 2);
  EXPECT_EQ(applied("occupancy = { Zr1 = { P = 1 } }\n").sites[2].find("P")->oxidation, 5);  // another site's
}

TEST(ApplyOccupancy, ErrorsNameTheKeyAndReason) {
  auto expect = [](const std::string& text, const std::vector<std::string>& needles) {
    const std::string e = error_of(text);
    for (const std::string& n : needles)
      EXPECT_NE(e.find(n), std::string::npos) << "error: '" << e << "' expected '" << n << "'";
  };
  expect("occupancy = { Si1 = { Si = 0.8, P = 0.3 } }\n",
         {"in.toml: composition.occupancy.Si1: fractions sum to 1.1, not 1"});
  expect("occupancy = { Si1 = { Si = 0.6, P = 0.3 } }\n", {"composition.occupancy.Si1: fractions sum to 0.9"});
  expect("occupancy = { Si1 = { Si = 1.2 } }\n", {"composition.occupancy.Si1.Si: fraction must be in (0, 1]"});
  expect("occupancy = { Si1 = { Si = 1, P = 0 } }\n", {"composition.occupancy.Si1.P: fraction must be in (0, 1]"});
  expect("occupancy = { Si1 = { Si = 1.5, P = -0.5 } }\n", {"composition.occupancy.Si1.", "must be in (0, 1]"});
  expect("occupancy = { Si1 = { Si = \"0.5\", P = 0.5 } }\n", {"composition.occupancy.Si1.Si: must be a number"});
  expect("occupancy = { Si9 = { Si = 1 } }\n",
         {"in.toml: composition.occupancy.Si9: no site 'Si9'", "Na1, Na2, Zr1, Si1/P1, O1, O2"});
  expect("occupancy = { Si1 = { Xx = 1 } }\n", {"composition.occupancy.Si1.Xx: 'Xx' is not an element symbol"});
  expect("occupancy = { Si1 = { si = 1 } }\n", {"'si' is not an element symbol"});
  expect("occupancy = { Na2 = { K = 1 } }\n", {"composition.occupancy.Na2: site Na2 holds the mobile species Na"});
  expect("occupancy = { Zr1 = { Zr = 0.9, Na = 0.1 } }\n", {"composition.occupancy.Zr1: the mobile species Na"});
  expect("occupancy = {}\n", {"composition.occupancy: empty table"});
  expect("occupancy = { Si1 = {} }\n", {"composition.occupancy.Si1: empty table"});
  expect("occupancy = { Si1 = 1 }\n", {"composition.occupancy.Si1: must be a table"});
  expect("occupancy = 3\n", {"composition.occupancy: must be a table"});
  expect("occupancy = { Si1 = { Si = 1 }, P1 = { P = 1 } }\n", {"name the same site"});
  expect("occupancy = { Si1 = { Xe = 1 } }\n", {"composition.occupancy.Si1.Xe: no default oxidation state"});
}
