// What `ionhop bvse --model-out` adds for two mobile ions at once (doc/theory/bvse.md §5): the hard
// exclusion at r(M+, VI) + r(O2-, VI), dropped with its reason where the structure's own ions do not
// fit under it (garnet's 24d-48g pairs), and interstitial sites from the BVSE minima: away from
// every crystallographic site, on their symmetry orbits (as many copies as the minimum's
// multiplicity), carried by the model file so that a run rebuilds the same network.
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <string>

#include "engine/bvse/bvse_model.hpp"
#include "engine/bvse/grid_minima.hpp"
#include "engine/bvse/report.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/models/model_spec.hpp"
#include "engine/network/site_network.hpp"

using namespace ionhop;
using namespace ionhop::bvse;

namespace {
nlohmann::json run_bvse(const std::string& file, const std::string& mobile, bool interstitials, const std::string& model_out) {
  AnalysisOptions o;
  o.field.mobile = mobile;
  o.spacing = 0.25;  // coarser than the default 0.2 Å: seconds, and the same minima
  o.model_out = model_out;
  o.model.exclusion_distance = default_exclusion_distance(mobile);
  o.interstitials = interstitials;
  return analyse(read_structure(std::string(IONHOP_REPO_DIR) + "/structures/" + file), o);
}
}  // namespace

TEST(BvseMobileIons, DefaultExclusionIsTheShannonCationOxideBond) {
  EXPECT_NEAR(default_exclusion_distance("Li"), 0.76 + 1.40, 1e-12);
  EXPECT_NEAR(default_exclusion_distance("Na"), 1.02 + 1.40, 1e-12);
}

TEST(BvseMobileIons, ExclusionIsDroppedWithItsReasonWhereTheIonsCannotFit) {
  const std::string path = ::testing::TempDir() + "garnet_bvse_model.toml";
  const nlohmann::json j = run_bvse("garnet_Li7La3Zr2O12.cif", "Li", false, path);
  ASSERT_TRUE(j.contains("exclusion_dropped"));
  EXPECT_NE(j["exclusion_dropped"].get<std::string>().find("cannot be placed"), std::string::npos);
  EXPECT_EQ(j["model"]["exclusion_distance"].get<double>(), 0.0);
  EXPECT_EQ(std::get<LatticeGasSpec>(read_model_file(path)).exclusion_distance, 0.0);
  // Cubic Na3PS4's 1.75 Å Na1-Na2 pairs: 6 Na per cell fit on the 6 Na1 sites, so it is kept.
  const nlohmann::json n = run_bvse("Na3PS4_cubic.cif", "Na", false, path);
  EXPECT_FALSE(n.contains("exclusion_dropped"));
  EXPECT_NEAR(std::get<LatticeGasSpec>(read_model_file(path)).exclusion_distance, 2.42, 1e-4);
  std::remove(path.c_str());
}

TEST(BvseMobileIons, InterstitialsAreMinimaAwayFromTheSitesOnTheirOrbits) {
  const std::string path = ::testing::TempDir() + "argyrodite_bvse_model.toml";
  const Crystal c = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/Li6PS5Cl.cif");
  const nlohmann::json j = run_bvse("Li6PS5Cl.cif", "Li", true, path);
  ASSERT_TRUE(j.contains("interstitials"));
  ASSERT_GE(j["interstitials"].size(), 2u);  // the 16e tetrahedra (lowest minimum) and the empty 4d
  const LatticeGasSpec m = std::get<LatticeGasSpec>(read_model_file(path));
  ASSERT_EQ(m.extra_sites.size(), j["interstitials"].size());
  NetworkOptions no;
  no.species = "Li";
  const SiteNetwork plain = build_network(c, no);
  no.extra_sites = m.extra_sites;
  const SiteNetwork net = build_network(c, no);
  for (size_t k = 0; k < m.extra_sites.size(); ++k) {
    const auto& x = j["interstitials"][k];
    const std::string label = "X" + std::to_string(k + 1);
    EXPECT_EQ(x["label"].get<std::string>(), label);
    EXPECT_LE(x["energy"].get<double>(), 0.4);
    int copies = 0;
    for (const auto& s : net.sites) {
      if (s.label != label) continue;
      ++copies;
      double nearest = std::numeric_limits<double>::infinity();
      for (const auto& p : plain.sites) nearest = std::min(nearest, periodic_distance(c.lattice, s.frac, p.frac));
      EXPECT_GE(nearest, 1.0) << label;
    }
    EXPECT_EQ(copies, x["multiplicity"].get<int>()) << label << ": the orbit of a symmetrized minimum";
    bool has_energy = false;
    for (const auto& [l, e] : m.site_energy) has_energy = has_energy || l == label;
    EXPECT_TRUE(has_energy) << label;
  }
  std::remove(path.c_str());
}
