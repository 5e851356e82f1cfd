// Batched displacement updates (kernels/kmc/hop_journal.hpp): the recorded tracer and collective
// sums are bitwise the same whether each hop's displacement is applied at once (hop_journal = 1)
// or journalled and applied in batches, with grid points falling at every fill level of the
// journal (a missing flush before a record, or a lost entry, changes them).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/crystal/read_structure.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "tests/unit/kmc/nasicon_system.hpp"

using namespace ionhop;

namespace {

KmcSystem journal_system() { return kmctest::nasicon_system({3, 3, 2}); }

KmcSamples run(const KmcSystem& sys, int journal, double rate_per_ion) {
  EnsembleSettings s{600.0, 11, 0, 2};
  s.hop_journal = journal;
  Ensemble e(sys, s);
  e.equilibrate(2);
  // grid spacing of ~37 events per replica, so records fall at every fill level of a 64-entry journal
  std::vector<double> grid;
  const int n_ions = sys.n_ions;
  for (int k = 0; k < 60; ++k) grid.push_back(k * 37.0 / (rate_per_ion * n_ions));
  return e.produce(grid);
}

}  // namespace

TEST(HopJournal, BatchedDisplacementsGiveBitwiseTheSameSamples) {
  const KmcSystem sys = journal_system();
  double rate = 0;
  {
    Ensemble probe(sys, {600.0, 11, 0, 2});
    rate = probe.equilibrate(2)[0];
  }
  ASSERT_GT(rate, 0);
  const KmcSamples one = run(sys, 1, rate);
  ASSERT_GT(one.events[0], 64 * 10);  // many journal flushes
  for (int journal : {7, 64}) {
    const KmcSamples batched = run(sys, journal, rate);
    EXPECT_EQ(batched.events, one.events) << "journal " << journal;
    EXPECT_EQ(batched.tracer_sq, one.tracer_sq) << "journal " << journal;
    EXPECT_EQ(batched.collective_sq, one.collective_sq) << "journal " << journal;
  }
}

TEST(HopJournal, OutOfRangeSizeIsAnError) {
  const KmcSystem sys = journal_system();
  EnsembleSettings s{600.0, 1, 0, 1};
  s.hop_journal = 0;
  EXPECT_THROW(Ensemble(sys, s), std::exception);
  s.hop_journal = 65;
  EXPECT_THROW(Ensemble(sys, s), std::exception);
}
