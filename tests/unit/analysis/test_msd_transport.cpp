// Estimators on synthetic samples with known answers: linear MSD -> exact D, Haven ratio,
// correlation factor, sigma unit conversion against a hand calculation.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

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
  // relative errors 0.5 and 0.25; the two replica series are fully correlated: covariance of the
  // means 1e16 Å⁴/s² -> 2 cov / (D* D_J) = 0.25, so H_R error 0.5 * sqrt(0.25 + 0.0625 - 0.25)
  EXPECT_NEAR(t.haven.err, 0.5 * 0.25, 1e-12);
  // Anti-correlated replicas: the covariance adds instead: 0.5 * sqrt(0.3125 + 0.25).
  const TransportResult anti = compute_transport(test::linear_samples({1e8, 3e8}, {5e8, 3e8}, 10, 2000, 500), opt);
  EXPECT_NEAR(anti.haven.err, 0.5 * std::sqrt(0.5625), 1e-12);
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

// The Haven-ratio error bar against the actual spread of H_R: 2000 synthetic ensembles of 32
// replicas whose per-replica D* and D_J are bivariate normal (relative spreads 20 % and 40 %,
// correlation 0.8, as when both come from the same trajectories). The mean error bar must match
// the standard deviation of H_R over the ensembles; the sampling error of that standard deviation
// is 1/sqrt(2 * 2000) = 1.6 %, the first-order (delta-method) bias at these spreads ~1 %, so 8 %
// is a > 4 sigma bound. The independent-error formula (no covariance) is 2x too large here.
TEST(Transport, HavenErrorMatchesSpreadOfCorrelatedEnsembles) {
  std::mt19937_64 rng(20261122);
  const auto normal_pair = [&rng](double& z1, double& z2) {  // Box-Muller from the standard engine
    const double u1 = (static_cast<double>(rng() >> 11) + 0.5) / 9007199254740992.0;
    const double u2 = (static_cast<double>(rng() >> 11) + 0.5) / 9007199254740992.0;
    const double rad = std::sqrt(-2.0 * std::log(u1));
    z1 = rad * std::cos(2.0 * M_PI * u2);
    z2 = rad * std::sin(2.0 * M_PI * u2);
  };
  const int n_ens = 2000, n_rep = 32;
  const double ds0 = 1e8, dj0 = 2e8, ss = 0.2, sj = 0.4, rho = 0.8;
  std::vector<double> h(n_ens);
  double err_mean = 0, err_indep_mean = 0;
  for (int e = 0; e < n_ens; ++e) {
    std::vector<double> ds(n_rep), dj(n_rep);
    for (int r = 0; r < n_rep; ++r) {
      double z1 = 0, z2 = 0;
      normal_pair(z1, z2);
      ds[r] = ds0 * (1 + ss * z1);
      dj[r] = dj0 * (1 + sj * (rho * z1 + std::sqrt(1 - rho * rho) * z2));
    }
    const TransportResult t = compute_transport(test::linear_samples(ds, dj, 10, 2000, 500), TransportOptions{});
    h[e] = t.haven.value;
    err_mean += t.haven.err / n_ens;
    const double rs = t.d_tracer.stderr_ / t.d_tracer.value, rj = t.d_collective.stderr_ / t.d_collective.value;
    err_indep_mean += t.haven.value * std::sqrt(rs * rs + rj * rj) / n_ens;
  }
  double mean = 0, var = 0;
  for (double x : h) mean += x / n_ens;
  for (double x : h) var += (x - mean) * (x - mean) / (n_ens - 1);
  const double spread = std::sqrt(var);
  std::printf("H_R = %.4f: spread over ensembles %.4f, mean error bar %.4f (independent formula %.4f)\n", mean, spread,
              err_mean, err_indep_mean);
  EXPECT_NEAR(err_mean / spread, 1.0, 0.08) << "mean error bar " << err_mean << ", spread " << spread;
  EXPECT_GT(err_indep_mean / spread, 1.5);  // what the old formula would have claimed
}
