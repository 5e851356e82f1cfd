#pragma once
// The temperatures of one group of MPI ranks (temperature i on group i mod G, replicas in
// contiguous blocks over the group's ranks; engine/app/rank_groups.hpp), run one after the other
// and advanced one batch per tick, so that the driver (engine/app/kmc_run.cpp) can agree with every
// rank between batches on signals, checkpoints and finished results.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "engine/app/gather_samples.hpp"
#include "engine/app/kmc_checkpoint.hpp"
#include "engine/app/progress.hpp"
#include "engine/app/run_input.hpp"
#include "engine/kmc/domain_ensemble.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop {
struct KmcSystem;
}

namespace ionhop::app {

class GroupTasks {
 public:
  // Collective over MPI_COMM_WORLD (splits it into the groups). With p.domains, a group's ranks form
  // replica groups of p.domain_ranks ranks (consecutive group ranks), each running a block of the
  // replicas as DomainEnsembles; replica group 0's first rank is the group leader.
  GroupTasks(const KmcSystem& system, const KmcSettings& k, const ParallelSettings& p, int n_groups, Progress& progress);
  ~GroupTasks();
  // Continue from a checkpoint: its finished temperatures are skipped, its running ones resume
  // from their saved state (each rank takes its own replica block).
  void resume(const KmcCheckpoint& c);
  // One batch of the temperature under way (unless this rank's block has finished the phase);
  // then, collective over the group, the end of the phase once every rank has finished it.
  void tick();
  bool done() const { return next_ >= mine_.size(); }
  // On the group leader: temperatures finished since the last call.
  bool has_finished() const { return !finished_.empty(); }
  std::vector<TemperatureBatch> take_finished();
  // Collective over the group: the temperature under way with the state of all its replicas, on
  // the leader (nullopt elsewhere, or when no temperature is under way).
  std::optional<RunningTemperature> gather_running() const;
  // Collective over the group: the production samples so far of the temperature under way (a
  // stop), on the leader; nullopt elsewhere or when no production is under way.
  std::optional<TemperatureBatch> gather_partial() const;
  int group() const { return group_; }

 private:
  void start_next();
  TemperatureBatch gather_batch() const;
  double wall_seconds() const;

  const KmcSystem& system_;
  const KmcSettings& k_;
  const ParallelSettings& p_;
  int group_ = 0;
  mpi::Comm comm_;
  mpi::Comm domain_comm_;         // the ranks sharing this rank's replicas (domains); one rank otherwise
  mpi::Block block_;
  std::vector<int> mine_;         // temperature indices of this group, in order
  std::size_t next_ = 0;          // position in mine_ of the temperature under way
  std::set<int> skip_;            // finished in the checkpoint
  std::map<int, RunningTemperature> resume_;
  std::unique_ptr<EnsembleRunner> ensemble_;
  bool block_done_ = false;       // this rank's replicas finished the phase
  std::vector<double> rates_;     // this block's equilibration rates (production)
  double wall_before_ = 0;        // wall time spent on the temperature in earlier runs
  std::chrono::steady_clock::time_point started_;
  std::vector<TemperatureBatch> finished_;
  Progress& progress_;
};

}  // namespace ionhop::app
