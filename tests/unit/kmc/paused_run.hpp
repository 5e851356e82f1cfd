#pragma once
// Test helper: an equilibration of `sys` that, after batch `pause_after` (-1: never), saves the
// ensemble's state, builds a fresh Ensemble and loads it there — what a checkpoint/restart does.
// Returns the equilibration rates and the final occupancy, to compare with the uninterrupted run.
#include <memory>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "engine/kmc/ensemble.hpp"

namespace ionhop::kmctest {

inline std::pair<std::vector<double>, std::vector<std::uint8_t>> paused_equilibration(
    const ionhop::KmcSystem& sys, const ionhop::EnsembleSettings& s, double hops_per_ion, int pause_after) {
  auto e = std::make_unique<ionhop::Ensemble>(sys, s);
  e->begin_equilibration(hops_per_ion);
  for (int batch = 1; !e->step(); ++batch)
    if (batch == pause_after) {
      const ionhop::EnsemblePhase phase = e->phase();
      const ionhop::ReplicaArrays state = e->save_state();
      e = std::make_unique<ionhop::Ensemble>(sys, s);
      e->load_state(phase, state);
    }
  EXPECT_LT(e->rate_consistency_error(), 1e-12);
  return {e->equilibration_rates(), e->occupancy()};
}

}  // namespace ionhop::kmctest
