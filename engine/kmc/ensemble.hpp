#pragma once
// Ensemble kinetic Monte Carlo (ARCHITECTURE.md §5): a block of replicas with consecutive global
// ids, advanced together by a Kokkos parallel_for over replicas. Two phases, so that the
// production time grid can be agreed on by all MPI ranks in between:
//   1. equilibrate(): events discarded; returns each replica's mean event rate per ion.
//   2. produce(time_grid): samples observables at the given times (s since end of equilibration).
// Replica r evolves from (seed, global id, event counter) only: results do not depend on how
// replicas are split over ranks, threads or devices.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "engine/kmc/ensemble_runner.hpp"

namespace ionhop {

struct KmcSystem;  // supercell network + per-replica decoration + energy model (engine/kmc/kmc_system.hpp)

struct EnsembleSettings {
  double temperature = 300;     // K
  std::uint64_t seed = 1;
  int first_replica = 0;        // global id of the first replica of this block
  int n_replicas = 1;           // replicas in this block
  // Device form of the lattice-gas state: the 16-bit coded state where the model allows it
  // (faster; doc/theory/kmc.md §8), else one double per site. false: always the latter (tests).
  bool coded_state = true;
  // Hops whose displacement updates are applied together (1..64; kernels/kmc/hop_journal.hpp):
  // a speed setting, results are bitwise the same for every value (1: each hop at once; tests).
  int hop_journal = 64;
  // Events per replica per kernel launch; 0: a few 10^5 events per launch over the block. Results
  // do not depend on it (tests use small batches to pause a run in many places).
  std::int64_t batch_events = 0;
};

// Called between batches: fraction done in [0, 1] and events executed so far in this phase.
using ProgressFn = std::function<void(double fraction, std::int64_t events)>;

// The Ensemble keeps a reference to the KmcSystem: the system must outlive it.
class Ensemble final : public EnsembleRunner {
 public:
  Ensemble(const KmcSystem& system, const EnsembleSettings& settings);
  ~Ensemble() override;
  Ensemble(const Ensemble&) = delete;
  Ensemble& operator=(const Ensemble&) = delete;

  // Run hops_per_ion * n_ions events per replica. Returns per replica the mean total event rate
  // divided by n_ions (1/s), measured over this phase: used to size the production time grid.
  std::vector<double> equilibrate(double hops_per_ion, const ProgressFn& progress = {},
                                  const std::atomic<bool>* stop = nullptr);
  // Advance each replica through the time grid (time[0] must be 0), recording observables at
  // each grid point. If *stop becomes true the samples so far are returned with partial = true.
  KmcSamples produce(const std::vector<double>& time_grid, const ProgressFn& progress = {},
                     const std::atomic<bool>* stop = nullptr);

  // The same phases step by step, for a driver that does work between batches (MPI agreement,
  // checkpoints, signals): begin a phase, then call step() until it returns true. Batches are the
  // same as in equilibrate() / produce(), and results do not depend on where a run is paused.
  void begin_equilibration(double hops_per_ion) override;
  void begin_production(const std::vector<double>& time_grid) override;
  bool step() override;                      // one batch per replica; true when every replica finished the phase
  double fraction_done() const override;     // of the phase under way, over this block
  std::int64_t events_done() const override; // events executed in the phase under way, all replicas of the block
  // Per replica the mean event rate per ion of the equilibration phase (call before production).
  std::vector<double> equilibration_rates() const override;
  // Production samples recorded so far (partial = true unless every replica reached the grid's end).
  KmcSamples samples() const override;
  // The phase and every replica's mutable state (occupancy, displacements, sum trees, model
  // state, RNG counters, clocks, counts, samples), bit for bit; load_state() continues from it.
  EnsemblePhase phase() const override;
  ReplicaArrays save_state() const override;
  void load_state(const EnsemblePhase& phase, const ReplicaArrays& state) override;

  // Current occupancy of every replica, index replica * n_sites + site (1 = ion). For tests and
  // snapshots: after produce() it is the state at time_grid.back() (unless stopped early).
  std::vector<std::uint8_t> occupancy() const;
  // Self-check of the incremental rate updates: recompute every site rate and model field from the
  // occupancy and return the largest difference from the maintained values, relative to the
  // largest site rate (0 up to round-off when only the affected sites are updated correctly).
  double rate_consistency_error() const;
  // Whether the lattice-gas state is held in the coded form (EnsembleSettings::coded_state).
  bool coded_state() const;
  // Rate (1/s) of every directed hop of replica `replica` (block index) in its current state, 0
  // where the hop is not possible (source empty or target full); from, to are network sites and
  // vector the hop vector (Å). For tests and diagnostics.
  struct HopRate {
    int from = 0, to = 0;
    std::array<double, 3> vector{};
    double rate = 0;
  };
  std::vector<HopRate> hop_rates(int replica) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ionhop
