// Estimators on synthetic samples with known answers: linear MSD -> exact D, Haven ratio,
// correlation factor, sigma unit conversion against a hand calculation.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/analysis/msd_curves.hpp"
#include "engine/analysis/transport.hpp"
#include "engine/core/error.hpp"
#include "synthetic_samples.hpp"

using namespace ionhop;

TEST(MsdCurves, MeansAndErrorsOverReplicas) {
  // Two replicas with slopes 1 and 3 (Å²/s per direction pair): mean 2, std error 1 per unit 6t.
  auto s = test::linear_samples({1.0, 3.0}, {2.0, 2.0}, 4, 100, 300, 5, 4.0);
  const MsdCurves c = msd_curves(s);
  ASSERT_EQ(c.n_times(), 5);
  for (int k = 0; k < 5; ++k) {
    const double t = s.time[k];
    EXPECT_DOUBLE_EQ(c.tracer[k * 4 + 3], 6 * 2.0 * t);
    EXPECT_DOUBLE_EQ(c.tracer[k * 4 + 0], 2 * 2.0 * t);
    // sample std of {6t, 18t} is 6t*sqrt(2); / sqrt(2) -> 6t
    EXPECT_NEAR(c.tracer_err[k * 4 + 3], 6.0 * t, 1e-12);
    EXPECT_DOUBLE_EQ(c.collective[k * 4 + 3], 12.0 * t);
    EXPECT_DOUBLE_EQ(c.collective_err[k * 4 + 3], 0.0);
  }
}

TEST(Transport, LinearMsdGivesExactDiffusionCoefficients) {
  // D in Å²/s: tracer {1e8, 3e8} -> mean 2e8 Å²/s = 2e-8 cm²/s, collective 4e8 -> 4e-8 cm²/s.
  auto s = test::linear_samples({1e8, 3e8}, {3e8, 5e8}, 10, 2000, 500);
  TransportOptions opt;
  const TransportResult t = compute_transport(s, opt);
  EXPECT_NEAR(t.d_tracer.value, 2e-8, 1e-20);
  EXPECT_NEAR(t.d_tracer.stderr_, 1e-8, 1e-20);
  EXPECT_NEAR(t.d_collective.value, 4e-8, 1e-20);
  EXPECT_NEAR(t.haven.value, 0.5, 1e-12);
  // relative errors 0.5 and 0.25 -> H_R error 0.5 * sqrt(0.25 + 0.0625)
  EXPECT_NEAR(t.haven.err, 0.5 * std::sqrt(0.3125), 1e-12);
  EXPECT_TRUE(t.collective_noisy);  // 25% relative error > 20%
  EXPECT_FALSE(t.notes.empty());
}

TEST(Transport, SigmaMatchesHandCalculation) {
  // 10 ions in 2000 Å^3 at 500 K with D_J = 3e-7 cm²/s (3e9 Å²/s):
  // n = 5e21 cm^-3, sigma = n e² D / (k_B T) = 5.5777463349531336e-3 S/cm (hand calculation).
  EXPECT_NEAR(conductivity_S_cm(3e-7, 10, 2000, 500, 1), 5.5777463349531336e-3, 1e-15);
  EXPECT_NEAR(conductivity_S_cm(3e-7, 10, 2000, 500, 2), 4 * 5.5777463349531336e-3, 1e-15);
  auto s = test::linear_samples({3e9, 3e9, 3e9}, {3e9, 3e9, 3e9}, 10, 2000, 500);
  const TransportResult t = compute_transport(s, TransportOptions{});
  EXPECT_NEAR(t.sigma.value, 5.5777463349531336e-3, 1e-12);
  EXPECT_NEAR(t.sigma.err, 0.0, 1e-15);
  EXPECT_FALSE(t.collective_noisy);
  EXPECT_NEAR(t.sigma_tracer.value, t.sigma.value, 1e-15);
}

TEST(Transport, CorrelationFactorFromExecutedHops) {
  // 4 ions, one hop class of length 2 Å, each replica executes 400 hops in 1e-6 s:
  // nu = 400 / (4 * 1e-6) = 1e8 /s, D0 = nu a² / 6 = 4e8/6 Å²/s. Tracer D = 0.5 * D0 -> f = 0.5.
  const double d0 = 1e8 * 4.0 / 6.0;
  auto s = test::linear_samples({0.5 * d0, 0.5 * d0}, {d0, d0}, 4, 500, 600, 11, 1e-6, {400, 400});
  TransportOptions opt;
  opt.class_length = {2.0};
  const TransportResult t = compute_transport(s, opt);
  ASSERT_EQ(t.hops_per_class.size(), 1u);
  EXPECT_EQ(t.hops_per_class[0], 800);
  EXPECT_NEAR(t.hop_rate_per_class[0], 1e8, 1e-4);
  EXPECT_NEAR(t.d_uncorrelated, d0 * 1e-16, 1e-24);
  EXPECT_NEAR(t.correlation_factor.value, 0.5, 1e-12);
}

TEST(Transport, TooFewGridPointsGivesNaNAndANote) {
  auto s = test::linear_samples({1e8}, {1e8}, 4, 500, 600, 2);
  const TransportResult t = compute_transport(s, TransportOptions{});
  EXPECT_TRUE(std::isnan(t.d_tracer.value));
  EXPECT_FALSE(t.notes.empty());
  // Three points, but only the last one in a window starting at 90% of the run.
  auto w = test::linear_samples({1e8}, {1e8}, 4, 500, 600, 3);
  TransportOptions late;
  late.fit_start_fraction = 0.9;
  EXPECT_TRUE(std::isnan(compute_transport(w, late).d_tracer.value));
}

TEST(Transport, InconsistentSamplesAreAnError) {
  auto s = test::linear_samples({1e8}, {1e8}, 4, 500, 600);
  s.tracer_sq.pop_back();
  EXPECT_THROW(compute_transport(s, TransportOptions{}), Error);
  auto z = test::linear_samples({1e8}, {1e8}, 4, 500, 600);
  z.n_ions = 0;
  EXPECT_THROW(msd_curves(z), Error);
}
