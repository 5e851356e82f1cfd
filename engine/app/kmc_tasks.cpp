#include "engine/app/kmc_tasks.hpp"

#include <cmath>

#include "engine/core/error.hpp"
#include "engine/kmc/kmc_system.hpp"

namespace ionhop::app {

namespace {

// Production grid, identical on every rank of the group: from all replicas' equilibration rates
// in global replica order.
std::vector<double> production_grid(const KmcSettings& k, const std::vector<double>& local_rates, double T,
                                    const mpi::Comm& comm) {
  double t_end = k.production_time;
  if (!(t_end > 0)) {
    // Harmonic mean of the replicas' rates (events / time, equal event counts of the first stage):
    // total events over total time. The plain mean of events / time is dominated by replicas whose
    // few events happened fast. Frozen replicas (rate 0) do not count.
    const std::vector<double> rates = mpi::allgather(local_rates, comm);
    double inv = 0;
    int moving = 0;
    for (double r : rates)
      if (r > 0) {
        inv += 1.0 / r;
        ++moving;
      }
    const double mean = moving > 0 ? moving / inv : 0.0;
    if (!(mean > 0) || !std::isfinite(mean))
      fail("T = {} K: the mean event rate per ion during equilibration is {} /s; no hop is possible "
           "(check the model's barriers and the network)",
           T, mean);
    t_end = k.production_hops_per_ion / mean;
  }
  std::vector<double> grid(k.samples + 1);
  for (int i = 0; i <= k.samples; ++i) grid[i] = t_end * i / k.samples;
  return grid;
}

}  // namespace

GroupTasks::GroupTasks(const KmcSystem& system, const KmcSettings& k, const ParallelSettings& p, int n_groups,
                       Progress& progress)
    : system_(system), k_(k), p_(p), progress_(progress) {
  group_ = mpi::rank() % n_groups;
  comm_ = mpi::Comm().split(group_);
  if (p.domains) {
    const int d = p.domain_ranks > 0 ? p.domain_ranks : comm_.size();
    if (comm_.size() % d != 0) fail("[parallel] domain_ranks = {} does not divide the {} ranks of a group", d, comm_.size());
    domain_comm_ = comm_.split(comm_.rank() / d);
    block_ = mpi::split(k.replicas, comm_.rank() / d, comm_.size() / d);
  } else {
    domain_comm_ = mpi::Comm().split(mpi::rank());  // alone
    block_ = mpi::split(k.replicas, comm_.rank(), comm_.size());
  }
  for (int ti = group_; ti < static_cast<int>(k.temperatures.size()); ti += n_groups) mine_.push_back(ti);
}

GroupTasks::~GroupTasks() = default;

void GroupTasks::resume(const KmcCheckpoint& c) {
  for (const auto& b : c.done) skip_.insert(b.index);
  for (const auto& r : c.running) resume_[r.index] = r;
}

double GroupTasks::wall_seconds() const {
  return wall_before_ + std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void GroupTasks::start_next() {
  while (next_ < mine_.size() && skip_.count(mine_[next_])) ++next_;
  if (done()) return;
  const int ti = mine_[next_];
  const double T = k_.temperatures[static_cast<std::size_t>(ti)];
  EnsembleSettings es;
  es.temperature = T;
  es.seed = k_.seed;
  es.first_replica = block_.first;
  es.n_replicas = block_.count;
  if (p_.domains) {
    DomainSettings ds;
    ds.grid = p_.grid;
    ds.sector_window = p_.sector_window;
    ds.n_stop = p_.sector_events;
    ensemble_ = std::make_unique<DomainEnsemble>(system_, es, domain_comm_, ds);
  } else {
    ensemble_ = std::make_unique<Ensemble>(system_, es);
  }
  started_ = std::chrono::steady_clock::now();
  wall_before_ = 0;
  block_done_ = false;
  rates_.clear();
  const auto saved = resume_.find(ti);
  if (saved == resume_.end()) {
    ensemble_->begin_equilibration(k_.equilibration_hops_per_ion);
  } else {
    const RunningTemperature& r = saved->second;
    ensemble_->load_state(r.phase, r.state.slice(block_.first, block_.count));
    if (r.phase.kind == EnsemblePhase::production) {
      if (r.rates.size() != static_cast<std::size_t>(k_.replicas))
        fail("checkpoint: temperature {} has {} equilibration rates for {} replicas", ti, r.rates.size(), k_.replicas);
      rates_.assign(r.rates.begin() + block_.first, r.rates.begin() + block_.first + block_.count);
    }
    wall_before_ = r.wall_seconds;
    resume_.erase(saved);
  }
  const bool production = ensemble_->phase().kind == EnsemblePhase::production;
  progress_.start(static_cast<int>(next_), T, production ? "production" : "equilibration");
}

void GroupTasks::tick() {
  if (!ensemble_) start_next();
  if (done()) return;
  if (!block_done_) {
    block_done_ = ensemble_->step();
    progress_.callback()(ensemble_->fraction_done(), ensemble_->events_done());
  }
  if (mpi::any_over_ranks(!block_done_, comm_)) return;  // some rank of the group is still in the phase
  const int ti = mine_[next_];
  if (ensemble_->phase().kind == EnsemblePhase::equilibration) {
    rates_ = ensemble_->equilibration_rates();
    ensemble_->begin_production(production_grid(k_, rates_, k_.temperatures[static_cast<std::size_t>(ti)], comm_));
    block_done_ = false;
    progress_.start(static_cast<int>(next_), k_.temperatures[static_cast<std::size_t>(ti)], "production");
    return;
  }
  TemperatureBatch b = gather_batch();
  progress_.finish_temperature();
  if (comm_.rank() == 0) finished_.push_back(std::move(b));
  ensemble_.reset();
  ++next_;
}

TemperatureBatch GroupTasks::gather_batch() const {
  TemperatureBatch b;
  b.index = mine_[next_];
  b.samples = gather_samples(ensemble_->samples(), comm_);
  b.rates = mpi::gather(rates_, comm_);
  b.wall_seconds = wall_seconds();
  return b;
}

std::vector<TemperatureBatch> GroupTasks::take_finished() {
  std::vector<TemperatureBatch> out;
  out.swap(finished_);
  return out;
}

std::optional<RunningTemperature> GroupTasks::gather_running() const {
  // Domain runs checkpoint their finished temperatures only: one under way starts over on a restart.
  if (!ensemble_ || p_.domains) return std::nullopt;
  RunningTemperature local;
  local.index = mine_[next_];
  local.phase = ensemble_->phase();
  local.state = ensemble_->save_state();
  if (local.phase.kind == EnsemblePhase::production) local.rates = rates_;
  local.wall_seconds = wall_seconds();
  RunningTemperature all = app::gather_running(local, comm_);
  if (comm_.rank() != 0) return std::nullopt;
  return all;
}

std::optional<TemperatureBatch> GroupTasks::gather_partial() const {
  if (!ensemble_ || ensemble_->phase().kind != EnsemblePhase::production) return std::nullopt;
  TemperatureBatch b = gather_batch();
  if (comm_.rank() != 0) return std::nullopt;
  return b;
}

}  // namespace ionhop::app
