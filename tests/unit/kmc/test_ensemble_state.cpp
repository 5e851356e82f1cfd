// Ensemble::save_state / load_state (checkpoints, issue 17): a run paused after any batch of either
// phase, its state saved, and continued in a new Ensemble (other replica blocks included) gives
// bitwise the samples, events, hops near dopants and occupancies of the uninterrupted run -- for both device forms
// of the lattice gas (coded state and weights). A missing array in the state (say, of the other
// model form) is an error, not a silent reset.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/crystal/read_structure.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "tests/unit/kmc/nasicon_system.hpp"

using namespace ionhop;

namespace {

constexpr std::int64_t kBatch = 500;  // events per replica per launch

// With dopant-neighbour flags (about a third of the hops, per replica): their counts are state too.
KmcSystem state_system() {
  KmcSystem sys = kmctest::nasicon_system({2, 2, 2});
  const size_t n_hops = sys.network.hops.size();
  sys.hop_near_dopant = [n_hops](std::uint64_t, std::uint64_t replica) {
    std::vector<std::uint8_t> f(n_hops);
    for (size_t h = 0; h < n_hops; ++h) f[h] = (h * 7 + replica) % 3 == 0 ? 1 : 0;
    return f;
  };
  return sys;
}

std::vector<double> grid_for(double rate, int n_ions) {
  std::vector<double> g;
  // ~2000 events per replica: production spans several batches, so pauses fall inside it
  for (int k = 0; k <= 20; ++k) g.push_back(k * 2000.0 / (rate * n_ions) / 20);
  return g;
}

struct Outcome {
  std::vector<double> rates;
  KmcSamples samples;
  std::vector<std::uint8_t> occupancy;
};

// Runs both phases in batches of 500 events per replica (many pause points); after `pause_after` batches in total, the state moves to a fresh Ensemble.
Outcome run(const KmcSystem& sys, bool coded, int pause_after) {
  EnsembleSettings s{650.0, 5, 0, 3};
  s.coded_state = coded;
  s.batch_events = kBatch;
  auto e = std::make_unique<Ensemble>(sys, s);
  int batches = 0;
  auto step = [&] {
    const bool done = e->step();
    if (++batches == pause_after) {
      const EnsemblePhase phase = e->phase();
      const ReplicaArrays state = e->save_state();
      e = std::make_unique<Ensemble>(sys, s);  // a new process: decorated afresh, then overwritten
      e->load_state(phase, state);
    }
    return done;
  };
  Outcome out;
  e->begin_equilibration(30);
  while (!step()) {
  }
  out.rates = e->equilibration_rates();
  e->begin_production(grid_for(out.rates[0], sys.n_ions));
  while (!step()) {
  }
  out.samples = e->samples();
  out.occupancy = e->occupancy();
  return out;
}

}  // namespace

TEST(EnsembleState, ContinuedRunIsBitwiseTheUninterruptedOne) {
  const KmcSystem sys = state_system();
  for (bool coded : {true, false}) {
    const Outcome ref = run(sys, coded, -1);
    ASSERT_GT(ref.samples.events[0], 0);
    ASSERT_FALSE(ref.samples.partial);
    ASSERT_EQ(ref.samples.hops_near_dopant.size(), 3u);
    ASSERT_GT(ref.samples.hops_near_dopant[0], 0);
    ASSERT_GT(ref.samples.hops_far_from_dopant[0], 0);
    int n_batches = 0, n_eq = 0;
    {  // count the batches, to pause in both phases
      EnsembleSettings s{650.0, 5, 0, 3};
      s.coded_state = coded;
      s.batch_events = kBatch;
      Ensemble e(sys, s);
      e.begin_equilibration(30);
      while (!e.step()) ++n_batches;
      n_eq = ++n_batches;
      e.begin_production(grid_for(ref.rates[0], sys.n_ions));
      while (!e.step()) ++n_batches;
      ++n_batches;
    }
    ASSERT_GE(n_eq, 4) << "too few batches to pause inside equilibration";
    ASSERT_GE(n_batches - n_eq, 3) << "too few batches to pause inside production";
    for (int pause : {1, n_eq / 2, n_eq + 1, n_batches - 1}) {
      const Outcome o = run(sys, coded, pause);
      EXPECT_EQ(o.rates, ref.rates) << "coded " << coded << ", pause after batch " << pause;
      EXPECT_EQ(o.samples.tracer_sq, ref.samples.tracer_sq) << "coded " << coded << ", pause " << pause;
      EXPECT_EQ(o.samples.collective_sq, ref.samples.collective_sq) << "coded " << coded << ", pause " << pause;
      EXPECT_EQ(o.samples.events, ref.samples.events) << "coded " << coded << ", pause " << pause;
      EXPECT_EQ(o.samples.hops_per_class, ref.samples.hops_per_class) << "coded " << coded << ", pause " << pause;
      EXPECT_EQ(o.samples.hops_near_dopant, ref.samples.hops_near_dopant) << "coded " << coded << ", pause " << pause;
      EXPECT_EQ(o.samples.hops_far_from_dopant, ref.samples.hops_far_from_dopant) << "coded " << coded << ", pause " << pause;
      EXPECT_EQ(o.samples.available_near_dopant, ref.samples.available_near_dopant);
      EXPECT_EQ(o.occupancy, ref.occupancy) << "coded " << coded << ", pause " << pause;
    }
  }
}

TEST(EnsembleState, BlocksJoinAndSplitByReplica) {
  const KmcSystem sys = state_system();
  Ensemble all(sys, {650.0, 5, 0, 4});
  all.begin_equilibration(5);
  all.step();
  const ReplicaArrays state = all.save_state();
  // replicas 1..2 of the saved block, loaded into an ensemble of just those replicas
  Ensemble part(sys, {650.0, 5, 1, 2});
  part.load_state(all.phase(), state.slice(1, 2));
  const auto a = all.occupancy(), p = part.occupancy();
  const std::size_t n = a.size() / 4;
  EXPECT_EQ(std::vector<std::uint8_t>(a.begin() + n, a.begin() + 3 * n), p);
  EXPECT_THROW(part.load_state(all.phase(), state.slice(0, 2)), std::exception);  // wrong replicas
  EXPECT_THROW(state.slice(3, 2), std::exception);                               // past the block
}

TEST(EnsembleState, StateOfTheOtherModelFormIsRefused) {
  const KmcSystem sys = state_system();
  EnsembleSettings coded{650.0, 5, 0, 2}, plain = coded;
  plain.coded_state = false;
  Ensemble a(sys, coded), b(sys, plain);
  if (!a.coded_state()) GTEST_SKIP() << "this model has no coded form";
  a.begin_equilibration(5);
  a.step();
  EXPECT_THROW(b.load_state(a.phase(), a.save_state()), std::exception);
}
