// DomainEnsemble: the phases as cycles of sector windows (doc/theory/kmc.md §9).
#include "engine/kmc/domain_ensemble.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/kmc/device_tables.hpp"
#include "engine/kmc/domain_impl.hpp"

namespace ionhop {

namespace {

template <class V>
auto to_host(const V& v) {
  return Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
}

// Events (over all ranks and replicas of the block) after which step() returns: progress and
// signals are seen within about a second.
constexpr double kEventsPerStep = 4e5;
constexpr int kMaxCyclesPerStep = 256;

}  // namespace

DomainEnsemble::DomainEnsemble(const KmcSystem& system, const EnsembleSettings& settings, const mpi::Comm& comm,
                               const DomainSettings& domain)
    : impl_(std::make_unique<Impl>(system, settings, comm, domain)) {}
DomainEnsemble::~DomainEnsemble() = default;

const std::array<int, 3>& DomainEnsemble::grid() const { return impl_->grid->dims(); }
const std::array<int, 3>& DomainEnsemble::reach() const { return impl_->lay.geo.reach; }
int DomainEnsemble::n_sectors() const { return impl_->lay.n_sector; }
DomainStats DomainEnsemble::stats() const {
  DomainStats s = impl_->stats;
  s.conflicts = 0;
  auto c = to_host(impl_->conflicts);
  for (size_t r = 0; r < c.extent(0); ++r) s.conflicts += c(r);
  return s;
}

void DomainEnsemble::Impl::measure_window() {
  double local = 0;
  const int n_leaves = sec.tree.n_leaves;
  Kokkos::parallel_reduce("ionhop::kmc::max_site_rate",
                          Kokkos::RangePolicy<KmcExec>(0, static_cast<int>(trees.tree.extent(0)) * n_leaves),
                          kernels::MaxSiteRate<KmcMem>{trees.tree, sec.tree.leaf_offset, n_leaves}, Kokkos::Max<double>(local));
  const std::vector<double> all = mpi::allgather({local}, comm);
  stats.max_site_rate = *std::max_element(all.begin(), all.end());
  window = domain.sector_window > 0 ? domain.sector_window
                                    : (stats.max_site_rate > 0 ? domain.n_stop / stats.max_site_rate : HUGE_VAL);
  stats.window = window;
}

void DomainEnsemble::Impl::run_cycle(double length) {
  // The sector order of this cycle: a permutation drawn from (seed, cycle), the same on every rank.
  std::vector<int> order(static_cast<size_t>(lay.n_sector));
  for (int k = 0; k < lay.n_sector; ++k) order[static_cast<size_t>(k)] = k;
  for (int k = lay.n_sector - 1; k > 0; --k) {
    const auto u = kernels::philox_uniform2(settings.seed, 0, static_cast<std::uint64_t>(cycle) * 8 + k,
                                            kernels::kStreamSectorOrder);
    std::swap(order[static_cast<size_t>(k)], order[static_cast<size_t>(std::min<int>(k, static_cast<int>(u.u[0] * (k + 1))))]);
  }
  for (const int k : order) {
    const auto t0 = std::chrono::steady_clock::now();
    dirty.window = static_cast<int>(stats.windows % 0x7FFFFFFF);
    std::visit([&](const auto& dm) {
      using M = std::decay_t<decltype(dm)>;
      kernels::AdvanceSector<M, KmcMem> f{{dm, net, st, sec, trees}, settings.seed, stream, k, length,
                                          settings.hop_journal, active, dirty};
      Kokkos::parallel_for("ionhop::kmc::sector", Kokkos::RangePolicy<KmcExec>(0, n_rep), f);
    }, model);
    Kokkos::fence();
    stats.kmc_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    exchange_ghosts();
    Kokkos::deep_copy(dirty.count, 0);
    ++stats.windows;
  }
  ++cycle;
  ++stats.cycles;
}

void DomainEnsemble::Impl::count_events() {
  auto ev = to_host(st.events);
  std::vector<double> local(static_cast<size_t>(n_rep));
  for (int r = 0; r < n_rep; ++r) local[static_cast<size_t>(r)] = static_cast<double>(ev(r));
  const std::vector<double> all = mpi::sum_in_rank_order(local, comm);
  for (int r = 0; r < n_rep; ++r) all_events[static_cast<size_t>(r)] = static_cast<std::int64_t>(all[static_cast<size_t>(r)]);
}

void DomainEnsemble::Impl::record(int k) {
  Kokkos::View<double* [6], KmcMem> out("owned_sums", n_rep);
  Kokkos::parallel_for("ionhop::kmc::owned_sums", Kokkos::RangePolicy<KmcExec>(0, n_rep),
                       kernels::SumOwnedDisplacements<KmcMem>{st, sec.site, out});
  auto h = to_host(out);
  std::vector<double> local(static_cast<size_t>(n_rep) * 6);
  for (int r = 0; r < n_rep; ++r)
    for (int c = 0; c < 6; ++c) local[static_cast<size_t>(r) * 6 + c] = h(r, c);
  const std::vector<double> all = mpi::sum_in_rank_order(local, comm);
  const size_t n_t = phase.grid.size();
  for (int r = 0; r < n_rep; ++r)
    for (int c = 0; c < 6; ++c) sums[(static_cast<size_t>(r) * n_t + k) * 6 + c] = all[static_cast<size_t>(r) * 6 + c];
}

void DomainEnsemble::begin_equilibration(double hops_per_ion) {
  Impl& m = *impl_;
  if (!(hops_per_ion >= 0) || !std::isfinite(hops_per_ion))
    fail("kmc: equilibration hops per ion must be >= 0 (got {})", hops_per_ion);
  m.reset_phase();
  m.phase = EnsemblePhase{EnsemblePhase::equilibration, static_cast<std::int64_t>(std::llround(hops_per_ion * m.n_ions)), {}};
  m.measure_window();
}

void DomainEnsemble::begin_production(const std::vector<double>& time_grid) {
  Impl& m = *impl_;
  check_time_grid(time_grid);
  m.reset_phase();
  Kokkos::deep_copy(m.st.disp, 0.0);
  m.phase = EnsemblePhase{EnsemblePhase::production, 0, time_grid};
  m.sums.assign(static_cast<size_t>(m.n_rep) * time_grid.size() * 6, 0.0);
  m.measure_window();
  m.record(0);
  m.next_k = 1;
}

bool DomainEnsemble::step() {
  Impl& m = *impl_;
  if (m.phase.kind == EnsemblePhase::none) fail("kmc: step() before a phase was begun");
  const bool equilibration = m.phase.kind == EnsemblePhase::equilibration;
  const auto done = [&] {
    if (!equilibration) return m.next_k >= static_cast<int>(m.phase.grid.size());
    return std::none_of(m.active_h.begin(), m.active_h.end(), [](std::uint8_t a) { return a != 0; });
  };
  if (equilibration) {  // replicas already at their goal (e.g. 0 hops) stop before any cycle
    m.count_events();
    for (int r = 0; r < m.n_rep; ++r)
      if (m.all_events[static_cast<size_t>(r)] >= m.phase.target_events) m.active_h[static_cast<size_t>(r)] = 0;
  }
  const std::int64_t before = std::accumulate(m.all_events.begin(), m.all_events.end(), std::int64_t(0));
  for (int c = 0; c < kMaxCyclesPerStep && !done(); ++c) {
    if (!(m.window < HUGE_VAL)) {  // no site of any rank can hop: the state is frozen for ever
      if (equilibration) std::fill(m.active_h.begin(), m.active_h.end(), 0);
      while (!equilibration && m.next_k < static_cast<int>(m.phase.grid.size())) m.record(m.next_k++);
      break;
    }
    double length = m.window;
    bool at_grid = false;
    if (!equilibration) {
      const double to = m.phase.grid[static_cast<size_t>(m.next_k)];
      if (!(m.time + length < to)) {
        length = to - m.time;
        at_grid = true;
      }
    }
    Kokkos::deep_copy(m.active, Kokkos::View<std::uint8_t*, Kokkos::HostSpace, Kokkos::MemoryUnmanaged>(m.active_h.data(), m.active_h.size()));
    m.run_cycle(length);
    m.time += length;
    m.count_events();
    if (equilibration) {
      for (int r = 0; r < m.n_rep; ++r)
        if (m.active_h[static_cast<size_t>(r)] && m.all_events[static_cast<size_t>(r)] >= m.phase.target_events) {
          m.active_h[static_cast<size_t>(r)] = 0;
          m.finish_time[static_cast<size_t>(r)] = m.time;
        }
    } else if (at_grid) {
      m.time = m.phase.grid[static_cast<size_t>(m.next_k)];
      m.record(m.next_k++);
    }
    const std::int64_t now = std::accumulate(m.all_events.begin(), m.all_events.end(), std::int64_t(0));
    if (now - before >= kEventsPerStep) break;
  }
  return done();
}

double DomainEnsemble::fraction_done() const {
  const Impl& m = *impl_;
  if (m.phase.kind == EnsemblePhase::equilibration) {
    if (m.phase.target_events <= 0) return 1.0;
    double f = 0;
    for (int r = 0; r < m.n_rep; ++r)
      f += std::min(1.0, double(m.all_events[static_cast<size_t>(r)]) / double(m.phase.target_events));
    return f / m.n_rep;
  }
  if (m.phase.kind != EnsemblePhase::production || !(m.phase.grid.back() > 0)) return 1.0;
  return std::min(1.0, m.time / m.phase.grid.back());
}

std::int64_t DomainEnsemble::events_done() const {  // all ranks (counted after every cycle)
  return std::accumulate(impl_->all_events.begin(), impl_->all_events.end(), std::int64_t(0));
}

std::vector<double> DomainEnsemble::equilibration_rates() const {
  const Impl& m = *impl_;
  if (m.phase.kind != EnsemblePhase::equilibration) fail("kmc: equilibration rates asked outside equilibration");
  if (m.comm.rank() != 0) return {};
  std::vector<double> rate(static_cast<size_t>(m.n_rep), 0.0);
  for (int r = 0; r < m.n_rep; ++r) {
    const double t = m.finish_time[static_cast<size_t>(r)] > 0 ? m.finish_time[static_cast<size_t>(r)] : m.time;
    if (t > 0 && m.n_ions > 0) rate[static_cast<size_t>(r)] = double(m.all_events[static_cast<size_t>(r)]) / t / m.n_ions;
  }
  return rate;
}

KmcSamples DomainEnsemble::samples() const {
  const Impl& m = *impl_;
  if (m.phase.kind != EnsemblePhase::production) fail("kmc: samples asked outside production");
  const int n_t = static_cast<int>(m.phase.grid.size()), n_keep = m.next_k;
  auto hc = to_host(m.st.hop_count);
  std::vector<double> local(static_cast<size_t>(m.n_rep) * (m.n_classes + 1));
  for (int r = 0; r < m.n_rep; ++r) {
    for (int c = 0; c < m.n_classes; ++c) local[static_cast<size_t>(r) * (m.n_classes + 1) + c] = static_cast<double>(hc(r, c));
  }
  auto ev = to_host(m.st.events);
  for (int r = 0; r < m.n_rep; ++r) local[static_cast<size_t>(r) * (m.n_classes + 1) + m.n_classes] = static_cast<double>(ev(r));
  const std::vector<double> all = mpi::sum_in_rank_order(local, m.comm);
  KmcSamples out;
  out.temperature = m.settings.temperature;
  out.first_replica = m.settings.first_replica;
  out.n_ions = m.n_ions;
  out.n_sites = m.n_sites;
  out.n_classes = m.n_classes;
  out.volume = m.system.volume;
  out.partial = n_keep < n_t;
  out.time.assign(m.phase.grid.begin(), m.phase.grid.begin() + n_keep);
  if (m.comm.rank() != 0) return out;  // no replicas here: rank 0 of the group holds the sums
  out.n_replicas = m.n_rep;
  out.tracer_sq.resize(static_cast<size_t>(m.n_rep) * n_keep * 3);
  out.collective_sq.resize(out.tracer_sq.size());
  for (int r = 0; r < m.n_rep; ++r)
    for (int k = 0; k < n_keep; ++k)
      for (int a = 0; a < 3; ++a) {
        const size_t i = (static_cast<size_t>(r) * n_keep + k) * 3 + a, j = (static_cast<size_t>(r) * n_t + k) * 6;
        out.tracer_sq[i] = m.sums[j + a];
        out.collective_sq[i] = m.sums[j + 3 + a] * m.sums[j + 3 + a];
      }
  out.hops_per_class.resize(static_cast<size_t>(m.n_rep) * m.n_classes);
  out.events.resize(static_cast<size_t>(m.n_rep));
  for (int r = 0; r < m.n_rep; ++r) {
    for (int c = 0; c < m.n_classes; ++c)
      out.hops_per_class[static_cast<size_t>(r) * m.n_classes + c] = static_cast<std::int64_t>(all[static_cast<size_t>(r) * (m.n_classes + 1) + c]);
    out.events[static_cast<size_t>(r)] = static_cast<std::int64_t>(all[static_cast<size_t>(r) * (m.n_classes + 1) + m.n_classes]);
  }
  return out;
}

EnsemblePhase DomainEnsemble::phase() const { return impl_->phase; }

ReplicaArrays DomainEnsemble::save_state() const {
  fail("kmc domains: checkpoints of [parallel] kmc = \"domains\" runs are not available yet");
}
void DomainEnsemble::load_state(const EnsemblePhase&, const ReplicaArrays&) {
  fail("kmc domains: continuing a [parallel] kmc = \"domains\" run from a checkpoint is not available yet");
}

std::vector<double> DomainEnsemble::equilibrate(double hops_per_ion) {
  begin_equilibration(hops_per_ion);
  while (!step()) {
  }
  return equilibration_rates();
}

KmcSamples DomainEnsemble::produce(const std::vector<double>& time_grid) {
  begin_production(time_grid);
  while (!step()) {
  }
  return samples();
}

}  // namespace ionhop
