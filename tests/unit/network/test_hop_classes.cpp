// Hop classes from space-group operations: fcc (one class, 12 per site), user-added sites
// (symmetry copies deduplicated), and NASICON (Na1-Na2 one class, 6 per Na1, 2 per Na2).
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/crystal/read_structure.hpp"
#include "engine/network/site_network.hpp"
#include "network_test_util.hpp"

namespace ionhop {
namespace {

using test::cubic;
using test::make_crystal;

TEST(HopClasses, FccIsOneClassOfTwelve) {
  auto c = make_crystal(cubic(4.0), {{"Li1", "Li", 1, {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}}});
  finalize_crystal(c, ReadOptions{});
  ASSERT_EQ(c.symmetry.number, 225);
  NetworkOptions o;
  o.species = "Li";
  const auto net = build_network(c, o);
  ASSERT_EQ(net.hop_classes.size(), 1u);
  EXPECT_EQ(net.hop_classes[0].per_site_a, 12);
  EXPECT_EQ(net.hop_classes[0].per_site_b, 12);
}

TEST(HopClasses, WithoutOperationsEachPairIsItsOwnClass) {
  // No symmetry given: the three axes of a simple cubic lattice are separate classes.
  NetworkOptions o;
  o.species = "Li";
  const auto net = build_network(make_crystal(cubic(3.0), {{"Li1", "Li", 1, {{0, 0, 0}}}}), o);
  EXPECT_EQ(net.hop_classes.size(), 3u);
  for (const auto& hc : net.hop_classes) EXPECT_EQ(hc.per_site_a, 2);
}

TEST(HopClasses, AddedSitesGetTheirOrbitOnce) {
  auto c = make_crystal(cubic(3.0), {{"Li1", "Li", 1, {{0, 0, 0}}}});
  finalize_crystal(c, ReadOptions{});
  NetworkOptions o;
  o.species = "Li";
  o.cutoff = 1.6;
  o.extra_sites = {{0.5, 0, 0}, {0, 0.5, 0}};  // the second is a copy of the first (Pm-3m 3d)
  const auto net = build_network(c, o);
  ASSERT_EQ(net.site_classes.size(), 2u);
  EXPECT_EQ(net.site_classes[1].label, "X1");
  EXPECT_EQ(net.site_classes[1].multiplicity, 3);
  ASSERT_EQ(net.n_sites(), 4);
  // Li1 - X1 at a/2 = 1.5 Å: one class, 6 per Li1, 2 per X1.
  ASSERT_EQ(net.hop_classes.size(), 1u);
  EXPECT_EQ(net.hop_classes[0].per_site_a, 6);
  EXPECT_EQ(net.hop_classes[0].per_site_b, 2);
}

TEST(HopClasses, NasiconNa1Na2IsOneClassOfSixPerNa1) {
  const std::string path = std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not shipped yet";
  const Crystal c = read_structure(path);
  NetworkOptions o;
  o.species = "Na";
  const auto net = build_network(c, o);
  int na1 = -1, na2 = -1;
  for (size_t k = 0; k < net.site_classes.size(); ++k) {
    if (net.site_classes[k].label == "Na1") na1 = static_cast<int>(k);
    if (net.site_classes[k].label == "Na2") na2 = static_cast<int>(k);
  }
  ASSERT_GE(na1, 0);
  ASSERT_GE(na2, 0);
  EXPECT_EQ(net.site_classes[na1].multiplicity, 6);
  EXPECT_EQ(net.site_classes[na2].multiplicity, 18);
  int n12 = 0;
  for (const auto& hc : net.hop_classes) {
    if (hc.site_class_a == std::min(na1, na2) && hc.site_class_b == std::max(na1, na2)) {
      ++n12;
      EXPECT_EQ(na1 < na2 ? hc.per_site_a : hc.per_site_b, 6);
      EXPECT_EQ(na1 < na2 ? hc.per_site_b : hc.per_site_a, 2);
      EXPECT_GT(hc.length, 3.0);
      EXPECT_LT(hc.length, 3.8);
    }
  }
  EXPECT_EQ(n12, 1);
  EXPECT_EQ(net.percolation.dimensionality, 3);
}

}  // namespace
}  // namespace ionhop
