// make_supercell_network: site count, hops per site, hop vectors and classes preserved; indices
// follow the SupercellMap convention; images are supercell translations.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/crystal/read_structure.hpp"

#include "engine/crystal/supercell.hpp"
#include "engine/network/site_network.hpp"
#include "network_test_util.hpp"

namespace ionhop {
namespace {

using test::cubic;
using test::make_crystal;

TEST(SupercellNetwork, BccTwoByThreeByOne) {
  NetworkOptions o;
  o.species = "Li";
  const auto unit = build_network(make_crystal(cubic(3.5), {{"Li1", "Li", 1, {{0, 0, 0}, {0.5, 0.5, 0.5}}}}), o);
  const std::array<int, 3> n{2, 3, 1};
  const auto sc = make_supercell_network(unit, n);
  ASSERT_EQ(sc.n_sites(), unit.n_sites() * 6);
  EXPECT_EQ(sc.supercell, n);
  EXPECT_EQ(sc.hop_classes.size(), unit.hop_classes.size());
  ASSERT_EQ(static_cast<int>(sc.hop_offset.size()), sc.n_sites() + 1);
  for (int i = 0; i < sc.n_sites(); ++i) {
    const int basis = i % unit.n_sites();
    const int cell = i / unit.n_sites();
    const std::array<int, 3> c{cell % n[0], (cell / n[0]) % n[1], cell / (n[0] * n[1])};
    EXPECT_EQ(sc.sites[i].cell_site, basis);
    for (int k = 0; k < 3; ++k)
      EXPECT_NEAR(sc.sites[i].frac[k], (unit.sites[basis].frac[k] + c[k]) / n[k], 1e-12);
    EXPECT_EQ(sc.hop_offset[i + 1] - sc.hop_offset[i], 8);
    for (int h = sc.hop_offset[i]; h < sc.hop_offset[i + 1]; ++h) {
      const Hop& hop = sc.hops[h];
      EXPECT_EQ(hop.from, i);
      // The stored vector must agree with frac[to] + image - frac[from] in the supercell.
      const Vec3 d = sc.sites[hop.to].frac - sc.sites[i].frac +
                     Vec3{double(hop.image[0]), double(hop.image[1]), double(hop.image[2])};
      const Vec3 r = d[0] * sc.lattice.rows[0] + d[1] * sc.lattice.rows[1] + d[2] * sc.lattice.rows[2];
      EXPECT_NEAR(norm(r - hop.vector), 0.0, 1e-9);
      EXPECT_EQ(sc.sites[hop.to].cell_site, unit.hops[unit.hop_offset[basis] + (h - sc.hop_offset[i])].to);
    }
  }
  // The flat index convention is SupercellMap's.
  const SupercellMap map{n, unit.n_sites()};
  EXPECT_EQ(map.size(), sc.n_sites());
}

TEST(SupercellNetwork, OneCellAlongAnAxisWrapsOntoItself) {
  NetworkOptions o;
  o.species = "Li";
  const auto unit = build_network(make_crystal(cubic(3.0), {{"Li1", "Li", 1, {{0, 0, 0}}}}), o);
  const auto sc = make_supercell_network(unit, {3, 1, 1});
  ASSERT_EQ(sc.n_sites(), 3);
  int self = 0;
  for (const auto& h : sc.hops) {
    EXPECT_NEAR(h.length, 3.0, 1e-12);
    if (h.from == h.to) ++self;  // +-b and +-c hops land on the same site, next supercell image
  }
  EXPECT_EQ(self, 12);
  EXPECT_EQ(sc.hops.size(), 18u);
}

TEST(SupercellNetwork, NasiconHexagonalCellKeepsHopsPerSite) {
  const std::string path = std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not shipped yet";
  NetworkOptions o;
  o.species = "Na";
  const auto unit = build_network(read_structure(path), o);
  const auto sc = make_supercell_network(unit, {2, 2, 1});
  ASSERT_EQ(sc.n_sites(), 4 * unit.n_sites());
  ASSERT_EQ(sc.hops.size(), 4 * unit.hops.size());
  for (int i = 0; i < sc.n_sites(); ++i) {
    const int u = sc.sites[i].cell_site;
    EXPECT_EQ(sc.hop_offset[i + 1] - sc.hop_offset[i], unit.hop_offset[u + 1] - unit.hop_offset[u]);
    for (int h = sc.hop_offset[i]; h < sc.hop_offset[i + 1]; ++h) {
      const Hop& hop = sc.hops[h];
      const Vec3 d = sc.sites[hop.to].frac - sc.sites[i].frac +
                     Vec3{double(hop.image[0]), double(hop.image[1]), double(hop.image[2])};
      const Vec3 r = d[0] * sc.lattice.rows[0] + d[1] * sc.lattice.rows[1] + d[2] * sc.lattice.rows[2];
      EXPECT_NEAR(norm(r - hop.vector), 0.0, 1e-9);
    }
  }
  // Na1 (6 hops) and Na2 (2 hops) keep their coordination.
  for (int i = 0; i < sc.n_sites(); ++i)
    EXPECT_EQ(sc.hop_offset[i + 1] - sc.hop_offset[i], sc.sites[i].label == "Na1" ? 6 : 2) << sc.sites[i].label;
  EXPECT_EQ(sc.percolation.dimensionality, 3);
}

}  // namespace
}  // namespace ionhop
