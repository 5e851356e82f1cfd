#pragma once
// What a driver (engine/app/kmc_tasks.cpp) needs of a KMC ensemble, whichever way its replicas are
// laid out: the replica ensemble (engine/kmc/ensemble.hpp: whole replicas per rank) or the domain
// ensemble (engine/kmc/domain_ensemble.hpp: every replica split in space over a group of ranks).
// The phases go step by step: begin a phase, then call step() until it returns true.
#include <cstdint>
#include <vector>

#include "engine/core/replica_arrays.hpp"
#include "engine/kmc/kmc_samples.hpp"

namespace ionhop {

// Where an ensemble stands: the phase under way and its goal (what a checkpoint needs besides the
// replica arrays).
struct EnsemblePhase {
  enum Kind : int { none = 0, equilibration = 1, production = 2 };
  Kind kind = none;
  std::int64_t target_events = 0;  // equilibration: events per replica
  std::vector<double> grid;        // production: the time grid, s
};

// Throws ionhop::Error unless the grid starts at 0 and increases strictly (finite times, s).
void check_time_grid(const std::vector<double>& time_grid);

class EnsembleRunner {
 public:
  virtual ~EnsembleRunner() = default;
  virtual void begin_equilibration(double hops_per_ion) = 0;
  virtual void begin_production(const std::vector<double>& time_grid) = 0;
  virtual bool step() = 0;                       // true when the phase is complete (for this rank's part)
  virtual double fraction_done() const = 0;      // of the phase under way
  virtual std::int64_t events_done() const = 0;  // events of the phase so far on this rank
  // Per replica of this rank's block the mean event rate per ion of the equilibration phase (1/s).
  virtual std::vector<double> equilibration_rates() const = 0;
  // Production samples of this rank's block (partial = true unless the grid's end was reached).
  virtual KmcSamples samples() const = 0;
  virtual EnsemblePhase phase() const = 0;
  virtual ReplicaArrays save_state() const = 0;
  virtual void load_state(const EnsemblePhase& phase, const ReplicaArrays& state) = 0;
};

}  // namespace ionhop
