// diffusion_from_msd (engine/analysis/msd_fit.cpp): least-squares slopes per replica over the fit
// window, mean and standard error over replicas, errors for inconsistent input.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/analysis/msd_fit.hpp"
#include "engine/core/error.hpp"

using namespace ionhop;

TEST(MsdFit, ExactLinesGiveTheirSlopes) {
  const std::vector<double> t{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<double> msd;
  const double d1 = 2.0, d2 = 4.0;  // D of two replicas, 3-D: MSD = 6 D t (+ offset, ignored)
  for (double x : t) msd.push_back(6 * d1 * x + 1.5);
  for (double x : t) msd.push_back(6 * d2 * x + (x < 2 ? 100.0 : 0.0));  // transient before the window
  const Estimate e = diffusion_from_msd(t, msd, 2, 3, 0.2);  // window t >= 1.8
  EXPECT_NEAR(e.value, 0.5 * (d1 + d2), 1e-12);
  EXPECT_NEAR(e.stderr_, std::sqrt(2.0 / 2.0), 1e-12);  // sample std sqrt(2), / sqrt(2)
  EXPECT_EQ(e.n, 2);
  const Estimate one = diffusion_from_msd(t, std::vector<double>(msd.begin(), msd.begin() + 10), 1, 1, 0.0);
  EXPECT_NEAR(one.value, 6 * d1 / 2, 1e-12);  // 1-D: slope / 2
  EXPECT_EQ(one.stderr_, 0.0);
}

TEST(MsdFit, BadInputIsAnError) {
  const std::vector<double> t{0, 1, 2};
  EXPECT_THROW(diffusion_from_msd(t, {0, 1}, 1, 3), Error);             // size mismatch
  EXPECT_THROW(diffusion_from_msd(t, {0, 1, 2}, 0, 3), Error);          // no replicas
  EXPECT_THROW(diffusion_from_msd(t, {0, 1, 2}, 1, 4), Error);          // dimension
  EXPECT_THROW(diffusion_from_msd(t, {0, 1, 2}, 1, 3, 1.0), Error);     // window fraction
  EXPECT_THROW(diffusion_from_msd(t, {0, 1, 2}, 1, 3, 0.9), Error);     // < 2 points in window
  EXPECT_THROW(diffusion_from_msd({0}, {0}, 1, 3), Error);
}
