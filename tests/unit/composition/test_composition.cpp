// [composition] parsing and per-replica decoration: exact counts, charge neutrality, dopants,
// reproducibility from (seed, replica), and errors for impossible requests.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <sstream>

#include "engine/composition/parse_composition.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/network/site_network.hpp"
#include "engine/core/error.hpp"

using namespace ionhop;

namespace {

std::string parse_error(const std::string& text) {
  try {
    std::istringstream in(text);
    (void)parse_composition(toml::parse(in, "in.toml"), "composition");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// A toy framework: 4 Zr(4+), 6 mixed Si/P (1/2 each, 4+/5+), 24 O(2-), 8 Na sites.
// Framework charge 16 + 12 + 15 - 48 = -5  ->  5 Na+ for neutrality.
struct Toy {
  Crystal crystal;
  SiteNetwork net;
  Toy() {
    crystal.lattice.rows = {{{10, 0, 0}, {0, 10, 0}, {0, 0, 10}}};
    crystal.sites = {{"Zr1", {{"Zr", 1.0, 4}}, {}, 'a', 4, ""},
                     {"P1", {{"Si", 0.5, 4}, {"P", 0.5, 5}}, {}, 'b', 6, ""},
                     {"O1", {{"O", 1.0, -2}}, {}, 'c', 24, ""},
                     {"Na1", {{"Na", 0.625, 1}}, {}, 'd', 8, ""}};
    const int counts[4] = {4, 6, 24, 8};
    int k = 0;
    for (int s = 0; s < 4; ++s)
      for (int i = 0; i < counts[s]; ++i, ++k) crystal.atoms.push_back({s, {0.01 * k, 0.37 * k - int(0.37 * k), 0.5}});
    net.species = "Na";
    net.lattice = crystal.lattice;
    net.site_classes.push_back({"Na1", 'd', 8, 0.625});
    for (int i = 0; i < 8; ++i) net.sites.push_back({"Na1", 3, 0, {0.1 * i, 0.5, 0.5}, 0.625, i});
    net.hop_offset.assign(9, 0);
  }
  int count(const Decoration& d, const std::string& el) const {
    return static_cast<int>(std::count(d.framework_element.begin(), d.framework_element.end(), el));
  }
};

}  // namespace

TEST(Composition, ParsesAllKeys) {
  std::istringstream in(R"(
ions = 12
placement = "boltzmann"
dopants = [{host = "Zr", dopant = "Sc", fraction = 0.25, oxidation = 3},
           {host = "Si", dopant = "Ge", count = 2, oxidation = 4}]
)");
  const CompositionSpec s = parse_composition(toml::parse(in, "in.toml"), "composition");
  EXPECT_EQ(*s.ions, 12);
  EXPECT_FALSE(s.vacancies);
  EXPECT_EQ(s.placement, "boltzmann");
  ASSERT_EQ(s.dopants.size(), 2u);
  EXPECT_EQ(s.dopants[0].fraction, 0.25);
  EXPECT_EQ(s.dopants[1].count, 2);
  EXPECT_EQ(s.dopants[1].oxidation, 4);
}

TEST(Composition, ParseErrorsNameTheKey) {
  auto expect = [](const std::string& text, const std::string& needle) {
    const std::string e = parse_error(text);
    EXPECT_NE(e.find(needle), std::string::npos) << "error: '" << e << "' expected '" << needle << "'";
  };
  expect("ionz = 3\n", "composition.ionz: unknown key");
  expect("ions = -3\n", "composition.ions: must be >= 0");
  expect("ions = 2.5\n", "composition.ions: must be an integer");
  expect("ions = 3\nvacancies = 2\n", "give either ions or vacancies");
  expect("placement = \"best\"\n", "composition.placement: must be");
  expect("dopants = [{host = \"Zr\", dopant = \"Sc\", fraction = 1.5, oxidation = 3}]\n",
         "composition.dopants[0].fraction: must be in [0, 1]");
  expect("dopants = [{host = \"Zr\", dopant = \"Sc\", fraction = 0.5, count = 1, oxidation = 3}]\n",
         "composition.dopants[0]: give exactly one of fraction or count");
  expect("dopants = [{host = \"Zr\", dopant = \"Sc\", count = -1, oxidation = 3}]\n",
         "composition.dopants[0].count: must be >= 0");
  expect("dopants = [{host = \"Zr\", dopant = \"Sc\", count = 1}]\n", "composition.dopants[0].oxidation: missing");
  expect("dopants = [{host = \"Zr\", dopant = \"Sc\", count = 1, oxidation = 3, site = 2}]\n",
         "composition.dopants[0].site: unknown key");
}

TEST(Composition, MixedSitesAndNeutrality) {
  const Toy t;
  const Decoration d = decorate(t.crystal, t.net, {}, 42, 0);
  EXPECT_EQ(t.count(d, "Si"), 3);
  EXPECT_EQ(t.count(d, "P"), 3);
  EXPECT_EQ(t.count(d, "Zr"), 4);
  EXPECT_EQ(t.count(d, "O"), 24);
  EXPECT_EQ(t.count(d, ""), 8);  // Na positions are not framework
  EXPECT_EQ(d.n_ions, 5);
  EXPECT_EQ(d.charge, 0.0);
  EXPECT_EQ(std::accumulate(d.occupied.begin(), d.occupied.end(), 0), 5);
  EXPECT_EQ(count_mobile_ions(t.crystal, t.net, {}), 5);
}

TEST(Composition, ReplicasDifferAndAreReproducible) {
  const Toy t;
  const Decoration a = decorate(t.crystal, t.net, {}, 42, 3), b = decorate(t.crystal, t.net, {}, 42, 3);
  EXPECT_EQ(a.framework_element, b.framework_element);
  EXPECT_EQ(a.occupied, b.occupied);
  int differ = 0;
  for (int r = 0; r < 10; ++r) {
    const Decoration c = decorate(t.crystal, t.net, {}, 42, static_cast<std::uint64_t>(r));
    differ += (c.framework_element != a.framework_element) || (c.occupied != a.occupied);
  }
  EXPECT_GE(differ, 8);
}

TEST(Composition, DopantsChangeTheIonCount) {
  const Toy t;
  CompositionSpec s;
  s.dopants.push_back({"Zr", "Sc", -1, 2, 3});  // 2 Zr4+ -> Sc3+: 2 more Na+
  Decoration d = decorate(t.crystal, t.net, s, 1, 0);
  EXPECT_EQ(t.count(d, "Sc"), 2);
  EXPECT_EQ(t.count(d, "Zr"), 2);
  EXPECT_EQ(d.n_ions, 7);
  s.dopants[0] = {"Zr", "Sc", 0.5, -1, 3};  // fraction: round(0.5 * 4) = 2
  d = decorate(t.crystal, t.net, s, 1, 0);
  EXPECT_EQ(t.count(d, "Sc"), 2);
}

TEST(Composition, ImpossibleRequestsAreErrors) {
  const Toy t;
  auto err = [&](const CompositionSpec& s) -> std::string {
    try {
      decorate(t.crystal, t.net, s, 1, 0);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  };
  CompositionSpec s;
  s.ions = 9;
  EXPECT_NE(err(s).find("9 Na ions do not fit on 8 mobile sites"), std::string::npos) << err(s);
  s.ions.reset();
  s.vacancies = 9;
  EXPECT_NE(err(s).find("composition.vacancies"), std::string::npos) << err(s);
  s.vacancies.reset();
  s.dopants = {{"Hf", "Sc", -1, 1, 3}};
  EXPECT_NE(err(s).find("composition.dopants[0].host: no 'Hf' atoms"), std::string::npos) << err(s);
  s.dopants = {{"Zr", "Sc", -1, 5, 3}};
  EXPECT_NE(err(s).find("composition.dopants[0].count: 5 'Zr' atoms asked for"), std::string::npos) << err(s);
  s.dopants = {{"Zr", "Y", -1, 1, 3}, {"Si", "Al", -1, 1, 3}};  // -5-2 = -7 e: 7 Na, fine
  EXPECT_EQ(err(s), "");
  s.dopants = {{"Zr", "Nb", -1, 1, 5}, {"P", "S", -1, 3, 6}};  // -5+1+3 = -1: 1 Na, fine
  EXPECT_EQ(err(s), "");
  s.dopants = {{"Zr", "Nb", -1, 4, 6}, {"P", "S", -1, 3, 7}};  // -5+8+6 = +9: negative Na count
  EXPECT_NE(err(s).find("negative number"), std::string::npos) << err(s);
  Toy half = t;  // P occupancy 0.45: round(0.95 * 6) = 6 positions by largest remainders, 3 Si + 3 P;
  half.crystal.sites[1].occupants[1].occupancy = 0.45;
  half.crystal.sites[0].occupants[0].oxidation = 3;   // Zr3+ and O-: framework 12 + 12 + 15 - 24 = +15,
  half.crystal.sites[2].occupants[0].oxidation = -1;  // neutrality would need -15 Na+
  try {
    decorate(half.crystal, half.net, {}, 1, 0);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("negative"), std::string::npos) << e.what();
  }
  Toy frac = t;
  frac.crystal.sites[3].occupants[0].oxidation = 2;  // Na2+: -5/2 = 2.5 ions
  try {
    decorate(frac.crystal, frac.net, {}, 1, 0);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not an integer"), std::string::npos) << e.what();
  }
}

TEST(Composition, BoltzmannPlacementPrefersLowEnergySites) {
  const Toy t;
  CompositionSpec s;
  s.ions = 4;
  s.placement = "boltzmann";
  std::vector<double> e(8, 0.5);
  for (int i = 0; i < 4; ++i) e[i] = 0.0;  // sites 0-3 lower by 0.5 eV: at 300 K almost always taken
  int low = 0;
  for (int r = 0; r < 20; ++r) {
    const Decoration d = decorate(t.crystal, t.net, s, 5, static_cast<std::uint64_t>(r), PlacementWeights{&e, 300.0});
    low += d.occupied[0] + d.occupied[1] + d.occupied[2] + d.occupied[3];
  }
  EXPECT_EQ(low, 80);
  EXPECT_THROW(decorate(t.crystal, t.net, s, 5, 0), Error);  // no weights given
}

// A fully occupied mobile sublattice (tetragonal Na3PS4: every Na site filled) gets vacancies from an
// aliovalent anion: each Cl- on an S2- site removes one Na+ (neutrality), and the sites stay.
TEST(Composition, AnionDopantMakesVacanciesInAFullLattice) {
  const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/Na3PS4_tetragonal.cif");
  NetworkOptions o;
  o.species = "Na";
  const SiteNetwork unit_net = build_network(unit, o);
  const Crystal sc = make_supercell(unit, {2, 2, 2});
  const SiteNetwork net = make_supercell_network(unit_net, {2, 2, 2});
  EXPECT_EQ(count_mobile_ions(sc, net, {}), net.n_sites());  // 48 Na on 48 sites: no vacancy
  CompositionSpec s;
  s.dopants.push_back({"S", "Cl", 0.0625, -1, -1});  // 4 of the 64 S
  const Decoration d = decorate(sc, net, s, 1, 0);
  EXPECT_EQ(std::count(d.framework_element.begin(), d.framework_element.end(), "Cl"), 4);
  EXPECT_EQ(d.n_ions, net.n_sites() - 4);
}
