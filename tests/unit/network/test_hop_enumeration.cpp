// Hop enumeration on simple lattices built in the test: the automatic cutoff must pick the first
// coordination shell, and every site must get that shell's coordination number.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/error.hpp"
#include "engine/network/site_network.hpp"
#include "network_test_util.hpp"

namespace ionhop {
namespace {

using test::cubic;
using test::make_crystal;

void expect_hops_per_site(const SiteNetwork& net, int n) {
  ASSERT_EQ(static_cast<int>(net.hop_offset.size()), net.n_sites() + 1);
  for (int i = 0; i < net.n_sites(); ++i) {
    EXPECT_EQ(net.hop_offset[i + 1] - net.hop_offset[i], n) << "site " << i;
    Vec3 sum{};
    for (int h = net.hop_offset[i]; h < net.hop_offset[i + 1]; ++h) {
      EXPECT_EQ(net.hops[h].from, i);
      sum += net.hops[h].vector;
    }
    // Centrosymmetric lattices: the neighbour vectors cancel.
    EXPECT_NEAR(norm(sum), 0.0, 1e-9) << "site " << i;
  }
}

NetworkOptions li() {
  NetworkOptions o;
  o.species = "Li";
  return o;
}

TEST(HopEnumeration, SimpleCubicSixNeighbours) {
  const auto c = make_crystal(cubic(3.0), {{"Li1", "Li", 1, {{0, 0, 0}}}});
  const auto net = build_network(c, li());
  EXPECT_EQ(net.n_sites(), 1);
  expect_hops_per_site(net, 6);
  for (const auto& h : net.hops) EXPECT_NEAR(h.length, 3.0, 1e-12);
  EXPECT_GT(net.cutoff, 3.0);
  EXPECT_LT(net.cutoff, 3.0 * std::sqrt(2.0));
}

TEST(HopEnumeration, CutoffBeyondHalfTheCellCountsEveryImage) {
  // One site per cell and a cutoff > a: self-images are hops; second shell (a sqrt2) gives 12 more.
  const auto c = make_crystal(cubic(3.0), {{"Li1", "Li", 1, {{0, 0, 0}}}});
  auto o = li();
  o.cutoff = 4.3;
  expect_hops_per_site(build_network(c, o), 18);
  o.cutoff = 6.01;  // up to 2a: 6 + 12 + 8 (a sqrt3 = 5.196) + 6 (2a)
  expect_hops_per_site(build_network(c, o), 32);
}

TEST(HopEnumeration, BccEightNeighbours) {
  const auto c = make_crystal(cubic(3.5), {{"Li1", "Li", 1, {{0, 0, 0}, {0.5, 0.5, 0.5}}}});
  const auto net = build_network(c, li());
  expect_hops_per_site(net, 8);  // not 14: the second shell (a) is 15 % farther
  for (const auto& h : net.hops) EXPECT_NEAR(h.length, 3.5 * std::sqrt(3.0) / 2, 1e-12);
}

TEST(HopEnumeration, FccTwelveNeighboursConventionalAndSkewedPrimitive) {
  const double a = 4.0;
  const auto conv = make_crystal(cubic(a), {{"Li1", "Li", 1,
                                             {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}}});
  expect_hops_per_site(build_network(conv, li()), 12);
  // Primitive rhombohedral cell (60 degree angles): only exact image enumeration finds all 12.
  const Mat3 prim{{{0, a / 2, a / 2}, {a / 2, 0, a / 2}, {a / 2, a / 2, 0}}};
  const auto net = build_network(make_crystal(prim, {{"Li1", "Li", 1, {{0, 0, 0}}}}), li());
  expect_hops_per_site(net, 12);
  for (const auto& h : net.hops) EXPECT_NEAR(h.length, a / std::sqrt(2.0), 1e-12);
}

TEST(HopEnumeration, DiamondFourNeighbours) {
  std::vector<Vec3> p;
  for (const Vec3& f : std::vector<Vec3>{{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}) {
    p.push_back(f);
    p.push_back(wrap01(f + Vec3{0.25, 0.25, 0.25}));
  }
  const auto net = build_network(make_crystal(cubic(5.43), {{"Li1", "Li", 1, p}}), li());
  ASSERT_EQ(net.n_sites(), 8);
  for (int i = 0; i < net.n_sites(); ++i) EXPECT_EQ(net.hop_offset[i + 1] - net.hop_offset[i], 4);
  for (const auto& h : net.hops) EXPECT_NEAR(h.length, 5.43 * std::sqrt(3.0) / 4, 1e-12);
}

TEST(HopEnumeration, HoneycombLayerThreeNeighbours) {
  const double a = 2.46, c = 20.0;
  const Mat3 hex{{{a, 0, 0}, {-a / 2, a * std::sqrt(3.0) / 2, 0}, {0, 0, c}}};
  const auto net = build_network(
      make_crystal(hex, {{"Li1", "Li", 1, {{1.0 / 3, 2.0 / 3, 0.5}, {2.0 / 3, 1.0 / 3, 0.5}}}}), li());
  ASSERT_EQ(net.n_sites(), 2);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(net.hop_offset[i + 1] - net.hop_offset[i], 3);
  for (const auto& h : net.hops) EXPECT_NEAR(h.length, a / std::sqrt(3.0), 1e-12);
  EXPECT_EQ(net.percolation.dimensionality, 2);
}

TEST(HopEnumeration, BothDirectionsStoredWithOppositeImages) {
  const auto net = build_network(make_crystal(cubic(3.5), {{"Li1", "Li", 1, {{0, 0, 0}, {0.5, 0.5, 0.5}}}}), li());
  for (const auto& h : net.hops) {
    int found = 0;
    for (const auto& r : net.hops)
      if (r.from == h.to && r.to == h.from && r.image[0] == -h.image[0] && r.image[1] == -h.image[1] &&
          r.image[2] == -h.image[2] && r.hop_class == h.hop_class)
        ++found;
    EXPECT_EQ(found, 1);
  }
}

TEST(HopEnumeration, AutomaticCutoffFailsWhenNothingPercolates) {
  // A dimer 1 Å long in a 10 Å cell: nothing up to 6 Å wraps the cell.
  const auto c = make_crystal(cubic(10.0), {{"Li1", "Li", 1, {{0, 0, 0}, {0.1, 0, 0}}}});
  try {
    build_network(c, li());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("give the cutoff explicitly"), std::string::npos) << e.what();
  }
  auto o = li();
  o.cutoff = 9.5;  // explicit: the dimer and its images at 9 Å
  EXPECT_EQ(build_network(c, o).percolation.dimensionality, 1);
}

TEST(HopEnumeration, AbsentSpeciesIsAnError) {
  const auto c = make_crystal(cubic(3.0), {{"Li1", "Li", 1, {{0, 0, 0}}}});
  NetworkOptions o;
  o.species = "Na";
  try {
    build_network(c, o);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'Na' is not in the structure"), std::string::npos) << e.what();
  }
  o.species = "Li";
  o.cutoff = -1;
  EXPECT_THROW(build_network(c, o), Error);
}

}  // namespace
}  // namespace ionhop
