// Arrhenius fits on exact data and on two points with known errors.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/analysis/arrhenius.hpp"
#include "engine/core/units.hpp"

using namespace ionhop;

namespace {
std::vector<double> arrhenius(const std::vector<double>& T, double A, double ea, bool times_T) {
  std::vector<double> y;
  for (double t : T) y.push_back(A * std::exp(-ea / (units::kB_eV * t)) / (times_T ? t : 1.0));
  return y;
}
}  // namespace

TEST(Arrhenius, ExactDataRecoversParameters) {
  const std::vector<double> T{400, 450, 500, 600, 700};
  const auto y = arrhenius(T, 250.0, 0.35, false);
  const ArrheniusFit f = fit_arrhenius(T, y, {});
  ASSERT_TRUE(f.valid);
  EXPECT_FALSE(f.weighted);
  EXPECT_NEAR(f.ea, 0.35, 1e-10);
  EXPECT_NEAR(f.ln_prefactor, std::log(250.0), 1e-8);
  EXPECT_NEAR(f.ea_err, 0.0, 1e-8);
  EXPECT_EQ(f.n_points, 5);
}

TEST(Arrhenius, SigmaTimesTemperature) {
  // y = A exp(-Ea/kT) / T, so y*T is exactly Arrhenius with the same A and Ea.
  const std::vector<double> T{400, 500, 700};
  const auto y = arrhenius(T, 3e4, 0.42, true);
  const ArrheniusFit f = fit_arrhenius(T, y, {}, true);
  EXPECT_NEAR(f.ea, 0.42, 1e-10);
  EXPECT_NEAR(f.ln_prefactor, std::log(3e4), 1e-8);
  const ArrheniusFit g = fit_arrhenius(T, y, {}, false);  // plain fit of the same data differs
  EXPECT_LT(g.ea, 0.42);
}

TEST(Arrhenius, WeightedErrorsOfTwoPoints) {
  // Two points: Ea = -(ln y2 - ln y1)/(x2 - x1); its error sqrt(s1² + s2²)/|x2 - x1|, s = relative error.
  const std::vector<double> T{400, 600};
  const auto y = arrhenius(T, 10.0, 0.3, false);
  const std::vector<double> err{0.1 * y[0], 0.05 * y[1]};
  const ArrheniusFit f = fit_arrhenius(T, y, err);
  ASSERT_TRUE(f.valid);
  EXPECT_TRUE(f.weighted);
  const double dx = 1 / (units::kB_eV * 400) - 1 / (units::kB_eV * 600);
  EXPECT_NEAR(f.ea, 0.3, 1e-10);
  EXPECT_NEAR(f.ea_err, std::sqrt(0.01 + 0.0025) / dx, 1e-10);
}

TEST(Arrhenius, NonPositiveValuesAreDroppedAndNoted) {
  const std::vector<double> T{400, 500, 600};
  auto y = arrhenius(T, 10.0, 0.3, false);
  y[1] = -1e-5;
  const ArrheniusFit f = fit_arrhenius(T, y, {});
  EXPECT_TRUE(f.valid);
  EXPECT_EQ(f.n_points, 2);
  EXPECT_NEAR(f.ea, 0.3, 1e-10);
  EXPECT_FALSE(f.note.empty());
  const ArrheniusFit one = fit_arrhenius({400}, {1.0}, {});
  EXPECT_FALSE(one.valid);
}

// A fit exists from two points, but only three or more close, consistent points make it reliable.
TEST(Arrhenius, ReliabilityIsJudgedAndExplained) {
  const std::vector<double> T2{500, 600};
  const auto y2 = arrhenius(T2, 10.0, 0.5, false);
  const ArrheniusFit two = fit_arrhenius(T2, y2, {0.8 * y2[0], 0.8 * y2[1]});  // Ea 0.5 ± 1.3 eV
  EXPECT_TRUE(two.valid);
  EXPECT_FALSE(two.reliable);
  EXPECT_NE(two.note.find("unreliable: 2 temperatures"), std::string::npos) << two.note;

  const std::vector<double> T{400, 500, 600, 700};
  auto y = arrhenius(T, 10.0, 0.3, false);
  std::vector<double> err;
  for (double v : y) err.push_back(0.02 * v);
  const ArrheniusFit good = fit_arrhenius(T, y, err);
  EXPECT_TRUE(good.reliable) << good.note;
  EXPECT_TRUE(good.note.empty());

  std::vector<double> wide;
  for (double v : y) wide.push_back(2.0 * v);  // 200 % errors: Ea ± more than Ea/4
  const ArrheniusFit vague = fit_arrhenius(T, y, wide);
  EXPECT_FALSE(vague.reliable);
  EXPECT_NE(vague.note.find("quarter of Ea"), std::string::npos) << vague.note;

  auto bent = y;
  bent[1] *= 1.5;  // 20 error bars off the line
  const ArrheniusFit off = fit_arrhenius(T, bent, err);
  EXPECT_FALSE(off.reliable);
  EXPECT_NE(off.note.find("error bars off one line"), std::string::npos) << off.note;
}
