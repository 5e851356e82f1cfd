// Hard exclusion between mobile ions (model key exclusion_distance, doc/theory/kmc.md §2): after
// every single event of 10^6, no two ions sit closer than the exclusion distance (checked from the
// geometry, not from the engine's own lists), in both device forms of the state, with interactions;
// hops into a blocked site have rate 0 and the others keep their lattice-gas rate; the placement
// under exclusion, and its clear error when the ions cannot fit.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "tests/unit/kmc/lattices.hpp"
#include "tests/unit/kmc/paused_run.hpp"

using namespace ionhop;

namespace {

constexpr int kEdge = 8;
constexpr double kSpacing = 3.0;  // Å

// Squared periodic distance (in units of a²) between sites i and k of the L³ simple cubic lattice.
int dist2(int i, int k) {
  int s = 0;
  for (int d = 0, m = 1; d < 3; ++d, m *= kEdge) {
    int x = std::abs((i / m) % kEdge - (k / m) % kEdge);
    x = std::min(x, kEdge - x);
    s += x * x;
  }
  return s;
}

// Pairs of ions closer than sqrt(d2_max) a in one replica's occupancy (sites of replica r).
int violations(const std::vector<std::uint8_t>& occ, int r, int d2_max) {
  const int n = kEdge * kEdge * kEdge;
  std::vector<int> ions;
  for (int i = 0; i < n; ++i)
    if (occ[static_cast<size_t>(r) * n + i]) ions.push_back(i);
  int v = 0;
  for (size_t a = 0; a < ions.size(); ++a)
    for (size_t b = a + 1; b < ions.size(); ++b) v += dist2(ions[a], ions[b]) < d2_max;
  return v;
}

KmcSystem excluded_system(double distance, int ions, bool interacting) {
  LatticeGasSpec m = kmctest::sc_model(1e13, 0.2);
  m.exclusion_distance = distance;
  if (interacting) m.pair_shells = {{4.3, 0.03}, {5.3, -0.01}};  // 2nd/3rd shells beyond the exclusion
  CompositionSpec c;
  c.ions = ions;
  return build_kmc_system(kmctest::simple_cubic_cells(kEdge, kSpacing), c, m);  // periodic cells: the coded form fits
}

// One event per replica per step; returns the events executed. Fails on the first violation.
long run_checked(const KmcSystem& sys, bool coded, int d2_max, long events_per_replica, int replicas) {
  EnsembleSettings s{500.0, 17, 0, replicas};
  s.coded_state = coded;
  s.batch_events = 1;
  Ensemble e(sys, s);
  EXPECT_EQ(e.coded_state(), coded);
  std::vector<std::uint8_t> occ = e.occupancy();
  for (int r = 0; r < replicas; ++r) EXPECT_EQ(violations(occ, r, d2_max), 0) << "placement, replica " << r;
  e.begin_equilibration(static_cast<double>(events_per_replica) / sys.n_ions);
  long steps = 0;
  for (bool done = false; !done; ++steps) {
    done = e.step();
    occ = e.occupancy();
    for (int r = 0; r < replicas; ++r)
      if (violations(occ, r, d2_max) != 0) {
        ADD_FAILURE() << "two ions within the exclusion distance after event " << steps + 1 << " of replica " << r;
        return e.events_done();
      }
  }
  EXPECT_LT(e.rate_consistency_error(), 1e-12);
  return e.events_done();
}

}  // namespace

TEST(Exclusion, NoTwoIonsEverCloserThanTheDistanceInAMillionEvents) {
  long events = 0;
  // Nearest neighbours excluded (hops are between excluding sites: the hopping ion must not block
  // its own target), weight form, 4 replicas.
  events += run_checked(excluded_system(1.2 * kSpacing, 60, false), false, 2, 66000, 4);
  // First and second neighbours excluded, with interactions beyond: coded form.
  events += run_checked(excluded_system(1.5 * kSpacing, 24, true), true, 3, 66000, 4);
  // The same in the weight form.
  events += run_checked(excluded_system(1.5 * kSpacing, 24, true), false, 3, 66000, 4);
  // A third-neighbour exclusion (sqrt(3) a): a denser constraint.
  events += run_checked(excluded_system(1.8 * kSpacing, 12, true), true, 4, 66000, 4);
  EXPECT_GE(events, 1000000);
}

TEST(Exclusion, BlockedHopsHaveZeroRateAndTheOthersTheirLatticeGasRate) {
  const KmcSystem sys = excluded_system(1.5 * kSpacing, 30, false);
  Ensemble e(sys, {500.0, 3, 0, 1});
  e.equilibrate(5);
  const std::vector<std::uint8_t> occ = e.occupancy();
  const double nu = 1e13, kt = 8.617333262e-5 * 500.0, free_rate = nu * std::exp(-0.2 / kt);
  int blocked = 0, open = 0;
  for (const auto& h : e.hop_rates(0)) {
    if (!occ[static_cast<size_t>(h.from)] || occ[static_cast<size_t>(h.to)]) {
      EXPECT_EQ(h.rate, 0.0);
      continue;
    }
    bool excluded = false;
    for (int k = 0; k < kEdge * kEdge * kEdge; ++k)
      excluded = excluded || (k != h.from && occ[static_cast<size_t>(k)] && dist2(k, h.to) < 3);
    if (excluded) {
      EXPECT_EQ(h.rate, 0.0) << h.from << " -> " << h.to;
      ++blocked;
    } else {
      EXPECT_NEAR(h.rate / free_rate, 1.0, 1e-12) << h.from << " -> " << h.to;  // no energies: E_a = E_KRA
      ++open;
    }
  }
  EXPECT_GT(blocked, 0);
  EXPECT_GT(open, 0);
}

TEST(Exclusion, IonsThatCannotFitAreRefusedNamingTheDistance) {
  // Nearest-neighbour exclusion on an even L³ lattice holds at most L³/2 ions (the checkerboard).
  const KmcSystem sys = excluded_system(1.2 * kSpacing, kEdge * kEdge * kEdge / 2 + 20, false);
  try {
    Ensemble e(sys, {500.0, 1, 0, 1});
    ADD_FAILURE() << "no error";
  } catch (const Error& err) {
    EXPECT_NE(std::string(err.what()).find("exclusion_distance = 3.6"), std::string::npos) << err.what();
    EXPECT_NE(std::string(err.what()).find("cannot be placed"), std::string::npos) << err.what();
  }
}

// The blocked counts are part of the saved state: a run moved to a fresh Ensemble (decorated afresh,
// then overwritten) in the middle of equilibration continues bitwise as the uninterrupted one.
TEST(Exclusion, ContinuedRunFromSavedStateIsBitwiseTheSame) {
  const KmcSystem sys = excluded_system(1.5 * kSpacing, 24, true);
  for (bool coded : {true, false}) {
    EnsembleSettings s{500.0, 9, 0, 2};
    s.coded_state = coded;
    s.batch_events = 200;
    const auto run = [&](int pause_after) { return kmctest::paused_equilibration(sys, s, 200, pause_after); };
    const auto ref = run(-1);
    for (int pause : {1, 5}) EXPECT_EQ(run(pause), ref) << "coded " << coded << ", pause after batch " << pause;
  }
}
