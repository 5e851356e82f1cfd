// Ensemble bookkeeping: ion and event counts, incremental rate updates equal a full recomputation,
// the time grid, errors for bad arguments.
#include <gtest/gtest.h>

#include <numeric>

#include "engine/core/error.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "tests/unit/kmc/lattices.hpp"

using namespace ionhop;

namespace {

KmcSystem interacting_system(int ions) {
  LatticeGasSpec m = kmctest::sc_model(1e13, 0.25, 0.08);
  m.pair_shells = {{3.1, 0.06}, {4.3, -0.02}};  // 1st and 2nd shells (a = 3 Å)
  CompositionSpec c;
  c.ions = ions;
  return build_kmc_system(kmctest::simple_cubic(6, 3.0, true), c, m);
}

}  // namespace

TEST(Ensemble, CountsAreConsistentAndRatesStayExact) {
  const KmcSystem sys = interacting_system(100);
  EXPECT_EQ(sys.n_ions, 100);
  EXPECT_NEAR(sys.volume, 18.0 * 18 * 18, 1e-9);
  Ensemble ens(sys, {600.0, 7, 0, 3});
  EXPECT_LT(ens.rate_consistency_error(), 1e-12);
  const auto rate = ens.equilibrate(20);
  ASSERT_EQ(rate.size(), 3u);
  for (double r : rate) EXPECT_GT(r, 0);
  EXPECT_LT(ens.rate_consistency_error(), 1e-9);
  std::vector<double> grid{0, 1e-11, 2e-11, 5e-11};  // ~13 events per replica (rate ~2.6e11 /s)
  const KmcSamples s = ens.produce(grid);
  EXPECT_EQ(s.n_times(), 4);
  EXPECT_FALSE(s.partial);
  EXPECT_EQ(s.n_ions, 100);
  EXPECT_EQ(s.n_sites, 216);
  ASSERT_EQ(s.tracer_sq.size(), 3u * 4 * 3);
  for (int r = 0; r < 3; ++r) {
    for (int a = 0; a < 3; ++a) EXPECT_EQ(s.tracer_sq[(r * 4 + 0) * 3 + a], 0.0);  // t = 0
    EXPECT_GT(s.events[r], 0);
    EXPECT_EQ(s.hops_per_class[r], s.events[r]);  // one hop class
  }
  const auto occ = ens.occupancy();
  for (int r = 0; r < 3; ++r) EXPECT_EQ(std::accumulate(occ.begin() + r * 216, occ.begin() + (r + 1) * 216, 0), 100);
  // Ions per site class (checkerboard A/B) at the end: the final occupancy, summed by class.
  ASSERT_EQ(s.n_site_classes, 2);
  ASSERT_EQ(s.ions_per_site_class.size(), 6u);
  for (int r = 0; r < 3; ++r) {
    std::int64_t on_a = 0;
    for (int i = 0; i < 216; ++i) on_a += occ[r * 216 + i] && sys.network.sites[i].label == "A";
    EXPECT_EQ(s.ions_per_site_class[r * 2], on_a);
    EXPECT_EQ(s.ions_per_site_class[r * 2] + s.ions_per_site_class[r * 2 + 1], 100);
  }
  EXPECT_LT(ens.rate_consistency_error(), 1e-9);
}

TEST(Ensemble, FullLatticeIsFrozen) {
  CompositionSpec c;
  c.vacancies = 0;
  const KmcSystem sys = build_kmc_system(kmctest::simple_cubic(3, 2.0), c, kmctest::sc_model(1e13, 0.2));
  Ensemble ens(sys, {300.0, 1, 0, 2});
  ens.equilibrate(5);
  const KmcSamples s = ens.produce({0, 1.0, 2.0});
  EXPECT_EQ(s.n_times(), 3);
  for (double x : s.tracer_sq) EXPECT_EQ(x, 0.0);
  EXPECT_EQ(s.events[0], 0);
}

TEST(Ensemble, BadArgumentsAreErrors) {
  const KmcSystem sys = interacting_system(10);
  EXPECT_THROW(Ensemble(sys, {-5.0, 1, 0, 1}), Error);
  EXPECT_THROW(Ensemble(sys, {300.0, 1, 0, 0}), Error);
  Ensemble ens(sys, {300.0, 1, 0, 1});
  EXPECT_THROW(ens.produce({1.0, 2.0}), Error);
  EXPECT_THROW(ens.produce({0.0, 2.0, 1.0}), Error);
  EXPECT_THROW(ens.equilibrate(-1), Error);
}

TEST(Ensemble, StopFlagGivesPartialSamples) {
  const KmcSystem sys = interacting_system(50);
  Ensemble ens(sys, {600.0, 3, 0, 2});
  std::atomic<bool> stop{true};
  std::vector<double> grid(50);
  for (int k = 0; k < 50; ++k) grid[k] = k * 1e-3;  // far longer than one batch
  const KmcSamples s = ens.produce(grid, {}, &stop);
  EXPECT_TRUE(s.partial);
  EXPECT_LT(s.n_times(), 50);
  EXPECT_EQ(s.tracer_sq.size(), static_cast<size_t>(2 * s.n_times() * 3));
}
