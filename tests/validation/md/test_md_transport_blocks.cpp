// Transport blocks against the mean residence time (md/transport_blocks.hpp, doc/theory/md.md §7),
// on a synthetic trajectory through the MD sampler and fit (MobileSampler, md_transport): 100 ions
// hop ±3 Å along x after exponential waiting times (mean τ = 1 ps), and each hop reverses the
// previous one with probability p = 0.7, so successive hops are correlated (<cos θ> = 1 − 2p) and
// the tracer correlation factor is f = (1 − p)/p = 3/7: D* = f a²/(2τ) per x over long times,
// while within a fraction of τ the MSD grows with the uncorrelated a²/(2τ).
// Blocks of 1 ps (the old fixed choice in units of τ) must give f far above 3/7 (measured 0.80: the check fails on the old
// behaviour) and be flagged unreliable; blocks = "auto" must be flagged reliable and give f = 3/7
// within 3 standard errors.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "engine/app/md_results.hpp"
#include "engine/md/md_system.hpp"
#include "engine/md/mobile_sampler.hpp"
#include "engine/md/transport_blocks.hpp"

namespace ionhop::md {
namespace {

constexpr int n_ions = 100;
constexpr double a = 3.0, tau = 1.0, p_back = 0.7, sample_ps = 0.1, total_ps = 1000;
constexpr double f_expected = (1 - p_back) / p_back;

struct Walk {
  MobileSampler sampler;
  long hops;
};

Walk synthetic_walk(MdSystem& s) {
  std::mt19937_64 rng(12345);
  std::exponential_distribution<double> wait(1 / tau);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> x(n_ions), next(n_ions);
  std::vector<int> dir(n_ions);
  for (int i = 0; i < n_ions; ++i) next[i] = wait(rng), dir[i] = u(rng) < 0.5 ? 1 : -1;
  auto h = Kokkos::create_mirror_view(s.x);
  Walk w{MobileSampler(s, 0), 0};
  const long n_samples = static_cast<long>(total_ps / sample_ps);
  for (long k = 0; k <= n_samples; ++k) {
    const double t = k * sample_ps;
    for (int i = 0; i < n_ions; ++i)
      while (next[i] <= t) {
        if (u(rng) < p_back) dir[i] = -dir[i];
        x[i] += dir[i] * a;
        next[i] += wait(rng);
        ++w.hops;
      }
    for (int i = 0; i < n_ions; ++i) h(i, 0) = x[i], h(i, 1) = 0, h(i, 2) = 0;
    Kokkos::deep_copy(s.x, h);
    w.sampler.sample(s);
  }
  return w;
}

// Correlation factor from the fitted D* (x only: D* over three directions = D_x / 3).
double correlation_factor(const TransportResult& tr, double& err) {
  const double d0 = a * a / (2 * tau) * 1e-16 / 1e-12 / 3;  // Å²/ps -> cm²/s, per 3D average
  err = tr.d_tracer.stderr_ / d0;
  return tr.d_tracer.value / d0;
}

TEST(MdTransportBlocks, BlocksMustSpanManyResidenceTimes) {
  std::vector<Vec3> frac(n_ions, Vec3{0, 0, 0});
  const Mat3 cell{{{50, 0, 0}, {0, 50, 0}, {0, 0, 50}}};
  MdSystem s = make_system(cell, frac, std::vector<int>(n_ions, 0), {"Na"}, {1.0}, {22.99});
  const Walk w = synthetic_walk(s);
  const double tau_res = mean_residence_time(w.hops, n_ions, total_ps);
  EXPECT_NEAR(tau_res, tau, 0.02);
  const long n = w.sampler.n_samples();

  // old behaviour: blocks of 1 ps (= τ; as NASICON's 1 ps blocks against 12 ps between hops)
  const BlockChoice short_blocks = choose_blocks(1000, n, sample_ps, tau_res);
  EXPECT_EQ(short_blocks.reliable, 0);
  EXPECT_FALSE(short_blocks.note.empty());
  double e_short;
  const double f_short =
      correlation_factor(app::md_transport(w.sampler, short_blocks.blocks, sample_ps, 300, 125000), e_short);

  const BlockChoice autob = choose_blocks(0, n, sample_ps, tau_res);
  EXPECT_EQ(autob.reliable, 1);
  EXPECT_GE(autob.block_ps, kBlocksPerResidence * tau_res);
  double e_auto;
  const double f_auto = correlation_factor(app::md_transport(w.sampler, autob.blocks, sample_ps, 300, 125000), e_auto);
  std::printf("  tau_res %.3f ps; 1 ps blocks: f = %.3f +- %.3f; auto (%d blocks of %.0f ps): f = %.3f +- %.3f; "
              "expected %.3f\n",
              tau_res, f_short, e_short, autob.blocks, autob.block_ps, f_auto, e_auto, f_expected);
  EXPECT_GT(std::abs(f_short - f_expected), 10 * e_short + 0.2);  // the old choice is far off
  EXPECT_LT(std::abs(f_auto - f_expected), 3 * e_auto);
  EXPECT_LT(e_auto, 0.1 * f_expected);  // precise enough to tell 3/7 from 1
}

}  // namespace
}  // namespace ionhop::md
