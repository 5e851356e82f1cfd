// Percolation dimensionality of toy networks (one site per tetragonal cell; the cutoff connects
// only along c, only in the ab plane, or all three) and percolation radii.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/network/site_network.hpp"
#include "network_test_util.hpp"

namespace ionhop {
namespace {

using test::make_crystal;
using test::tetragonal;

SiteNetwork toy(double a, double c, double cutoff, std::vector<Vec3> sites = {{0, 0, 0}}) {
  NetworkOptions o;
  o.species = "Li";
  o.cutoff = cutoff;
  return build_network(make_crystal(tetragonal(a, c), {{"Li1", "Li", 1, sites}}), o);
}

TEST(Percolation, ChainsAlongCAreOneDimensional) {
  EXPECT_EQ(toy(4.0, 2.0, 2.5).percolation.dimensionality, 1);
}
TEST(Percolation, LayersInAbAreTwoDimensional) {
  EXPECT_EQ(toy(2.0, 4.0, 2.5).percolation.dimensionality, 2);
}
TEST(Percolation, AllDirectionsAreThreeDimensional) {
  EXPECT_EQ(toy(2.0, 2.2, 2.5).percolation.dimensionality, 3);
}
TEST(Percolation, IsolatedDimersAreZeroDimensional) {
  const auto net = toy(6.0, 6.0, 2.0, {{0, 0, 0}, {0.25, 0, 0}});
  EXPECT_EQ(net.hops.size(), 2u);
  EXPECT_EQ(net.percolation.dimensionality, 0);
  EXPECT_TRUE(std::isinf(net.percolation.radius_1d) && net.percolation.radius_1d < 0);  // never
}
TEST(Percolation, ZigzagThroughTwoSitesWrapsInOneDimension) {
  // Two sites per cell, hops 0->1 in-cell and 1->0 in the next cell along c: a cycle only
  // through the periodic boundary, found by the BFS offsets.
  const auto net = toy(8.0, 4.0, 2.5, {{0, 0, 0}, {0.1, 0, 0.5}});
  EXPECT_EQ(net.percolation.dimensionality, 1);
}

TEST(Percolation, RadiiAreTheLargestThresholdsKeepingEachDimension) {
  auto net = toy(2.0, 2.0, 2.5);  // simple cubic: hops along x, y, z
  ASSERT_EQ(net.hops.size(), 6u);
  for (auto& h : net.hops) {
    const double r[3] = {1.0, 0.5, 0.2};
    for (int k = 0; k < 3; ++k)
      if (std::abs(h.vector[k]) > 1) h.bottleneck_radius = r[k];
  }
  const Percolation p = compute_percolation(net);
  EXPECT_EQ(p.dimensionality, 3);
  EXPECT_DOUBLE_EQ(p.radius_1d, 1.0);
  EXPECT_DOUBLE_EQ(p.radius_2d, 0.5);
  EXPECT_DOUBLE_EQ(p.radius_3d, 0.2);
  EXPECT_EQ(percolation_dimensionality(net, 0.6), 1);
  EXPECT_EQ(percolation_dimensionality(net, 1.1), 0);
}

}  // namespace
}  // namespace ionhop
