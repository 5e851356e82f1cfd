// Dopants on the mobile-ion sites (Al3+ / Ga3+ on the Li sites of garnet LLZO): counts, charge
// neutrality, no ion on a dopant site, reproducibility, errors; and decorations of compositions
// without such dopants unchanged (hashes recorded before the feature was added).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "engine/composition/composition.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/network/site_network.hpp"

using namespace ionhop;

namespace {

struct SdCell {
  Crystal sc;
  SiteNetwork net;
};

SdCell sd_cell(const std::string& file, const std::string& species) {
  const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/" + file);
  NetworkOptions o;
  o.species = species;
  return {make_supercell(unit, {1, 1, 1}), make_supercell_network(build_network(unit, o), {1, 1, 1})};
}

const SdCell& sd_garnet() {
  static const SdCell c = sd_cell("garnet_Li7La3Zr2O12.cif", "Li");
  return c;
}
const SdCell& sd_nasicon() {
  static const SdCell c = sd_cell("nasicon_Na3Zr2Si2PO12.cif", "Na");
  return c;
}

std::uint64_t sd_hash(const Decoration& d) {  // FNV-1a over elements, occupancy and n_ions
  std::uint64_t h = 1469598103934665603ull;
  const auto add = [&](unsigned char c) { h = (h ^ c) * 1099511628211ull; };
  for (const auto& e : d.framework_element) {
    for (char c : e) add(static_cast<unsigned char>(c));
    add(0);
  }
  for (auto o : d.occupied) add(o);
  for (int k = 0; k < 4; ++k) add(static_cast<unsigned char>(d.n_ions >> (8 * k)));
  return h;
}

}  // namespace

// Decorations of compositions without mobile-site dopants, recorded on main before they existed.
TEST(SiteDopants, OtherCompositionsUnchanged) {
  const SdCell& g = sd_garnet();
  const SdCell& n = sd_nasicon();
  CompositionSpec ta;
  ta.dopants.push_back({"Zr", "Ta", -1, 2, 5});
  CompositionSpec given;
  given.ions = 40;
  CompositionSpec sc;
  sc.dopants.push_back({"Zr", "Sc", 0.25, -1, 3});
  CompositionSpec boltz;
  boltz.placement = "boltzmann";
  std::vector<double> e(static_cast<size_t>(g.net.n_sites()));
  for (size_t i = 0; i < e.size(); ++i) e[i] = 0.013 * static_cast<double>(i % 7);
  std::vector<std::uint64_t> got;
  for (std::uint64_t r = 0; r < 2; ++r) {
    got.push_back(sd_hash(decorate(g.sc, g.net, {}, 7, r)));
    got.push_back(sd_hash(decorate(g.sc, g.net, ta, 7, r)));
    got.push_back(sd_hash(decorate(g.sc, g.net, given, 7, r)));
    got.push_back(sd_hash(decorate(n.sc, n.net, sc, 7, r)));
    got.push_back(sd_hash(decorate(g.sc, g.net, boltz, 7, r, PlacementWeights{&e, 600.0})));
  }
  const std::vector<std::uint64_t> want = {
      0x82e24a865ee1888dull, 0xbcc9647a7482e8c9ull, 0xa7d67a1c6b46a615ull, 0x56f4c03cc6d6a0f7ull,
      0xe7d2d5c23ef92067ull, 0x6490fabb08dc775full, 0x18b05ef6c9bf041bull, 0x37ab16c3834b689full,
      0x48b12bc8cb02a86bull, 0x55c88543460d146full};
  EXPECT_EQ(got, want);
  EXPECT_EQ(g.net.n_sites(), 72);
}

namespace {

int sd_count(const Decoration& d, int code) {
  return static_cast<int>(std::count(d.site_dopant.begin(), d.site_dopant.end(), static_cast<std::uint8_t>(code)));
}

void sd_expect_no_ion_on_dopant(const Decoration& d) {
  ASSERT_EQ(d.site_dopant.size(), d.occupied.size());
  int ions = 0;
  for (size_t i = 0; i < d.occupied.size(); ++i) {
    if (d.site_dopant[i]) EXPECT_EQ(d.occupied[i], 0) << "ion on dopant site " << i;
    ions += d.occupied[i];
  }
  EXPECT_EQ(ions, d.n_ions);
}

std::string sd_error(const CompositionSpec& s) {
  try {
    (void)decorate(sd_garnet().sc, sd_garnet().net, s, 1, 0);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// Li7La3Zr2O12, one conventional cell (56 Li on 72 sites): each Al3+ on a Li site takes 3 Li+.
TEST(SiteDopants, AlOnGarnetLiSitesRemovesThreeLiEach) {
  const SdCell& g = sd_garnet();
  for (int n_al = 0; n_al <= 4; ++n_al) {
    CompositionSpec s;
    s.dopants.push_back({"Li", "Al", -1, n_al, 3});
    for (std::uint64_t r = 0; r < 5; ++r) {
      const Decoration d = decorate(g.sc, g.net, s, 3, r);
      EXPECT_EQ(d.n_ions, 56 - 3 * n_al);
      EXPECT_EQ(d.charge, 0.0);
      EXPECT_EQ(sd_count(d, 1), n_al);
      EXPECT_EQ(d.site_dopant_element.at(0), "Al");
      EXPECT_EQ(d.site_dopant_oxidation.at(0), 3);
      sd_expect_no_ion_on_dopant(d);
    }
    EXPECT_EQ(count_mobile_ions(g.sc, g.net, s), 56 - 3 * n_al);
  }
}

TEST(SiteDopants, AlGaFractionsVacanciesAndFrameworkDopants) {
  const SdCell& g = sd_garnet();
  CompositionSpec s;
  s.dopants.push_back({"Zr", "Ta", -1, 1, 5});       // framework: one Li fewer
  s.dopants.push_back({"Li", "Al", 2.0 / 72, -1, 3});  // fraction of all 72 mobile sites: 2 Al
  s.dopants.push_back({"Li", "Ga", -1, 1, 3});
  const Decoration d = decorate(g.sc, g.net, s, 5, 1);
  EXPECT_EQ(sd_count(d, 2), 2);
  EXPECT_EQ(sd_count(d, 3), 1);
  EXPECT_EQ(d.site_dopant_element.at(0), "");
  EXPECT_EQ(d.site_dopant_element.at(2), "Ga");
  EXPECT_EQ(std::count(d.framework_element.begin(), d.framework_element.end(), "Ta"), 1);
  EXPECT_EQ(d.n_ions, 56 - 1 - 3 * 3);
  sd_expect_no_ion_on_dopant(d);
  CompositionSpec v;
  v.dopants.push_back({"Li", "Al", -1, 1, 3});
  v.vacancies = 10;  // vacancies among the 71 free sites
  EXPECT_EQ(decorate(g.sc, g.net, v, 5, 1).n_ions, 61);
  v.vacancies.reset();
  v.ions = 71;
  EXPECT_EQ(decorate(g.sc, g.net, v, 5, 1).n_ions, 71);  // every free site
  CompositionSpec b = s;
  b.placement = "boltzmann";
  std::vector<double> e(72);
  for (size_t i = 0; i < e.size(); ++i) e[i] = 0.05 * static_cast<double>(i % 3);
  for (std::uint64_t r = 0; r < 10; ++r) sd_expect_no_ion_on_dopant(decorate(g.sc, g.net, b, 5, r, PlacementWeights{&e, 300.0}));
}

TEST(SiteDopants, ReproducibleFromSeedAndReplica) {
  const SdCell& g = sd_garnet();
  CompositionSpec s;
  s.dopants.push_back({"Li", "Al", -1, 3, 3});
  const Decoration a = decorate(g.sc, g.net, s, 9, 4), b = decorate(g.sc, g.net, s, 9, 4);
  EXPECT_EQ(a.site_dopant, b.site_dopant);
  EXPECT_EQ(a.occupied, b.occupied);
  int differ = 0;
  for (std::uint64_t r = 0; r < 8; ++r) differ += decorate(g.sc, g.net, s, 9, r).site_dopant != a.site_dopant;
  EXPECT_GE(differ, 6);  // other replicas, other dopant sites
}

TEST(SiteDopants, ImpossibleRequestsNameTheDopant) {
  CompositionSpec s;
  s.dopants.push_back({"Li", "Al", -1, 73, 3});
  EXPECT_NE(sd_error(s).find("composition.dopants[0].count: 73 'Li' sites asked for, the supercell has 72 free Li sites"),
            std::string::npos) << sd_error(s);
  s.dopants[0].count = 40;
  s.dopants.push_back({"Li", "Ga", -1, 40, 3});
  EXPECT_NE(sd_error(s).find("composition.dopants[1].count: 40 'Li' sites asked for, the supercell has 32 free Li sites"),
            std::string::npos) << sd_error(s);
  CompositionSpec f;
  f.dopants.push_back({"Li", "Al", 1.5, -1, 3});
  EXPECT_NE(sd_error(f).find("composition.dopants[0].fraction: must be <= 1"), std::string::npos) << sd_error(f);
  CompositionSpec i;
  i.dopants.push_back({"Li", "Al", -1, 1, 3});
  i.ions = 72;
  EXPECT_NE(sd_error(i).find("72 Li ions do not fit on 71 free mobile sites (1 more held by dopants)"), std::string::npos)
      << sd_error(i);
}
