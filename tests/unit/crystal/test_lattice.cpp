// Lattice geometry: parameters, conversions, and exact periodic distances in skewed cells.
#include <gtest/gtest.h>

#include <random>

#include "engine/crystal/crystal.hpp"

using namespace ionhop;

TEST(Lattice, HexagonalParametersRoundTrip) {
  const Lattice L = Lattice::from_parameters(9.1863, 9.1863, 22.181, 90, 90, 120);
  const auto p = L.parameters();
  EXPECT_NEAR(p[0], 9.1863, 1e-10);
  EXPECT_NEAR(p[2], 22.181, 1e-10);
  EXPECT_NEAR(p[3], 90.0, 1e-9);
  EXPECT_NEAR(p[5], 120.0, 1e-9);
  EXPECT_NEAR(L.volume(), 9.1863 * 9.1863 * 22.181 * std::sqrt(3.0) / 2.0, 1e-8);
  EXPECT_NEAR(L.rows[1][2], 0.0, 1e-12);  // b in the xy plane
}

TEST(Lattice, TriclinicVolumeFormula) {
  const double a = 5, b = 6, c = 7, al = 70, be = 80, ga = 100, d = M_PI / 180;
  const double v = a * b * c *
                   std::sqrt(1 - std::pow(std::cos(al * d), 2) - std::pow(std::cos(be * d), 2) -
                             std::pow(std::cos(ga * d), 2) + 2 * std::cos(al * d) * std::cos(be * d) * std::cos(ga * d));
  const Lattice L = Lattice::from_parameters(a, b, c, al, be, ga);
  EXPECT_NEAR(L.volume(), v, 1e-9);
  const auto p = L.parameters();
  EXPECT_NEAR(p[3], al, 1e-9);
  EXPECT_NEAR(p[4], be, 1e-9);
  EXPECT_NEAR(p[5], ga, 1e-9);
}

TEST(Lattice, FracCartRoundTrip) {
  const Lattice L = Lattice::from_parameters(5, 6, 7, 70, 80, 100);
  const Vec3 f{0.1, -0.7, 1.3};
  const Vec3 g = L.to_frac(L.to_cart(f));
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(g[i], f[i], 1e-12);
}

TEST(Lattice, DistanceAcrossBoundary) {
  const Lattice L = Lattice::from_parameters(4, 4, 4, 90, 90, 90);
  EXPECT_NEAR(L.distance({0.05, 0, 0}, {0.95, 0, 0}), 0.4, 1e-12);
  const Vec3 d = L.shortest_frac_vector({0.05, 0, 0}, {0.95, 0, 0});
  EXPECT_NEAR(d[0], -0.1, 1e-12);
}

// Brute force over many images is the reference; the rounded minimum image alone is wrong
// for strongly skewed cells, which this test must expose.
TEST(Lattice, DistanceExactInSkewedCell) {
  Lattice L;
  L.rows = {Vec3{4.0, 0.0, 0.0}, Vec3{3.7, 1.0, 0.0}, Vec3{3.5, 0.6, 1.1}};
  std::mt19937 rng(12345);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  int rounded_wrong = 0;
  for (int t = 0; t < 500; ++t) {
    const Vec3 a{u(rng), u(rng), u(rng)}, b{u(rng), u(rng), u(rng)};
    double best = 1e300;
    for (int i = -6; i <= 6; ++i)
      for (int j = -6; j <= 6; ++j)
        for (int k = -6; k <= 6; ++k) best = std::min(best, norm(L.to_cart(b - a + Vec3{double(i), double(j), double(k)})));
    EXPECT_NEAR(L.distance(a, b), best, 1e-10);
    if (norm(L.to_cart(min_image_frac(b - a))) > best + 1e-6) ++rounded_wrong;
  }
  EXPECT_GT(rounded_wrong, 0) << "cell not skewed enough to test the image search";
}
