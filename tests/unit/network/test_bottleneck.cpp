// Geometric bottleneck: a hop through the centre of an equilateral triangle of anions has the
// analytic free radius d/sqrt(3) - R at the triangle's centre (d: anion-anion distance).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/network/site_network.hpp"
#include "network_test_util.hpp"

namespace ionhop {
namespace {

using test::cubic;
using test::make_crystal;

constexpr double kA = 20.0;       // cubic cell, Å: images are far away
constexpr double kD = 3.0;        // O-O edge of the triangle, Å
constexpr double kR_O = 1.40;     // Shannon O2- (VI), potentials/shannon_radii.toml

// Triangle in the plane z = 1/2 centred on (1/2, 1/2, 1/2); Na above and below at +-h.
Crystal triangle_crystal(double h) {
  const double rc = kD / std::sqrt(3.0);  // centre-to-vertex distance
  std::vector<Vec3> o;
  for (int k = 0; k < 3; ++k) {
    const double phi = 2 * M_PI * k / 3 + 0.3;  // arbitrary rotation
    o.push_back({0.5 + rc * std::cos(phi) / kA, 0.5 + rc * std::sin(phi) / kA, 0.5});
  }
  return make_crystal(cubic(kA), {{"Na1", "Na", 1, {{0.5, 0.5, 0.5 - h / kA}, {0.5, 0.5, 0.5 + h / kA}}},
                                  {"O1", "O", -2, o}});
}

NetworkOptions na(double cutoff) {
  NetworkOptions o;
  o.species = "Na";
  o.cutoff = cutoff;
  return o;
}

TEST(Bottleneck, HopThroughEquilateralTriangleOfAnions) {
  const double h = 1.2;
  const auto net = build_network(triangle_crystal(h), na(2.5));
  ASSERT_EQ(net.hops.size(), 2u);  // Na(-h) <-> Na(+h), nothing else within 2.5 Å
  ASSERT_EQ(net.hop_classes.size(), 1u);
  const double expected = kD / std::sqrt(3.0) - kR_O;
  for (const auto& hop : net.hops) {
    EXPECT_NEAR(hop.length, 2 * h, 1e-12);
    EXPECT_NEAR(hop.bottleneck_radius, expected, 1e-9);
    EXPECT_NEAR(hop.bottleneck_t, 0.5, 1e-9);
  }
  const auto& hc = net.hop_classes[0];
  EXPECT_NEAR(hc.bottleneck_radius, expected, 1e-9);
  EXPECT_EQ(hc.bottleneck_ions, (std::vector<std::string>{"O1", "O1", "O1"}));
}

TEST(Bottleneck, EndpointLimitsWhenTheSiteIsTighterThanTheWindow) {
  // Hop far off the triangle plane but short: the closest approach is at the end nearer the plane.
  const auto c = make_crystal(cubic(kA), {{"Na1", "Na", 1, {{0.5, 0.5, 0.5 + 2.0 / kA}, {0.5, 0.5, 0.5 + 3.0 / kA}}},
                                          {"O1", "O", -2, {{0.5, 0.5, 0.5}}}});
  const auto net = build_network(c, na(1.5));
  ASSERT_EQ(net.hops.size(), 2u);
  for (const auto& hop : net.hops) {
    EXPECT_NEAR(hop.bottleneck_radius, 2.0 - kR_O, 1e-9);
    EXPECT_NEAR(hop.bottleneck_t, hop.vector[2] > 0 ? 0.0 : 1.0, 1e-9);
  }
}

TEST(Bottleneck, ThresholdDropsNarrowHopsAndReportsThem) {
  auto o = na(2.5);
  o.min_bottleneck = 0.5;  // above d/sqrt(3) - R = 0.332 Å
  const auto net = build_network(triangle_crystal(1.2), o);
  EXPECT_EQ(net.hops.size(), 0u);
  EXPECT_EQ(net.dropped_hops, 2);
  ASSERT_EQ(net.hop_classes.size(), 1u);
  EXPECT_TRUE(net.hop_classes[0].dropped);
  EXPECT_EQ(net.percolation.dimensionality, 0);
  o.min_bottleneck = 0.3;
  EXPECT_EQ(build_network(triangle_crystal(1.2), o).dropped_hops, 0);
}

TEST(Bottleneck, BareLatticeIsUnbounded) {
  NetworkOptions o;
  o.species = "Li";
  const auto net = build_network(make_crystal(cubic(3.0), {{"Li1", "Li", 1, {{0, 0, 0}}}}), o);
  for (const auto& hop : net.hops) EXPECT_TRUE(std::isinf(hop.bottleneck_radius) && hop.bottleneck_radius > 0);
  EXPECT_TRUE(net.hop_classes.at(0).bottleneck_ions.empty());
  EXPECT_EQ(net.percolation.dimensionality, 3);
  EXPECT_TRUE(std::isinf(net.percolation.radius_3d));
}

TEST(Bottleneck, MixedSiteUsesOccupancyWeightedRadius) {
  auto c = triangle_crystal(1.2);
  c.sites[1].occupants = {Occupant{"S", 0.25, -2}, Occupant{"Cl", 0.75, -1}};
  const auto net = build_network(c, na(2.5));
  const double r_mix = 0.25 * 1.84 + 0.75 * 1.81;  // Shannon S2- (VI), Cl- (VI)
  EXPECT_NEAR(net.hops.at(0).bottleneck_radius, kD / std::sqrt(3.0) - r_mix, 1e-9);
}

}  // namespace
}  // namespace ionhop
