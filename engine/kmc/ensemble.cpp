// Ensemble: the equilibration and production phases (doc/theory/kmc.md §Algorithm, §Sampling).
#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/kmc/ensemble_impl.hpp"

namespace ionhop {

namespace {

// Events per replica per kernel launch: a few 10^5 events in total per launch, so that progress
// and signals are seen within a fraction of a second.
std::int64_t batch_size(int n_rep) { return std::max<std::int64_t>(1000, 400000 / std::max(n_rep, 1)); }

template <class V>
auto to_host(const V& v) {
  return Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
}

}  // namespace

void check_time_grid(const std::vector<double>& time_grid) {
  if (time_grid.empty() || time_grid[0] != 0.0) fail("kmc: the production time grid must start at 0");
  for (size_t k = 1; k < time_grid.size(); ++k)
    if (!(time_grid[k] > time_grid[k - 1]) || !std::isfinite(time_grid[k]))
      fail("kmc: the production time grid must increase strictly (point {})", k);
}

Ensemble::Ensemble(const KmcSystem& system, const EnsembleSettings& settings)
    : impl_(std::make_unique<Impl>(system, settings)) {}
Ensemble::~Ensemble() = default;

void Ensemble::begin_equilibration(double hops_per_ion) {
  Impl& m = *impl_;
  if (!(hops_per_ion >= 0) || !std::isfinite(hops_per_ion))
    fail("kmc: equilibration hops per ion must be >= 0 (got {})", hops_per_ion);
  m.reset_phase();
  // First stage: half the hops; the second runs as long again in simulated time (advance.hpp).
  m.phase = EnsemblePhase{EnsemblePhase::equilibration, static_cast<std::int64_t>(std::ceil(0.5 * hops_per_ion * m.n_ions)), {}};
}

void Ensemble::begin_production(const std::vector<double>& time_grid) {
  Impl& m = *impl_;
  check_time_grid(time_grid);
  m.reset_phase();
  Kokkos::deep_copy(m.st.disp, 0.0);
  m.phase = EnsemblePhase{EnsemblePhase::production, 0, time_grid};
  const int n_t = static_cast<int>(time_grid.size());
  m.grid = Kokkos::View<double*, KmcMem>("grid", n_t);
  auto gh = Kokkos::create_mirror_view(m.grid);
  for (int k = 0; k < n_t; ++k) gh(k) = time_grid[static_cast<size_t>(k)];
  Kokkos::deep_copy(m.grid, gh);
  m.next_k = Kokkos::View<int*, KmcMem>("next_k", m.n_rep);
  m.samples = Kokkos::View<double***, KmcMem>("samples", m.n_rep, n_t, 6);
}

bool Ensemble::step() {
  Impl& m = *impl_;
  if (m.phase.kind == EnsemblePhase::none) fail("kmc: step() before a phase was begun");
  if (m.settings.batch_events < 0) fail("kmc: batch_events must be >= 0 (got {})", m.settings.batch_events);
  const std::int64_t batch = m.settings.batch_events > 0 ? m.settings.batch_events : batch_size(m.n_rep);
  std::visit([&](const auto& dm) {
    auto f = m.advance_functor(dm, batch);
    if (m.phase.kind == EnsemblePhase::equilibration) {
      f.target_events = m.phase.target_events;
      Kokkos::parallel_for("ionhop::kmc::equilibrate", Kokkos::RangePolicy<KmcExec>(0, m.n_rep), f);
    } else {
      f.grid_size = static_cast<int>(m.phase.grid.size());
      f.grid = m.grid;
      f.next_k = m.next_k;
      f.samples = m.samples;
      Kokkos::parallel_for("ionhop::kmc::produce", Kokkos::RangePolicy<KmcExec>(0, m.n_rep), f);
    }
  }, m.model);
  Kokkos::fence();
  auto h = to_host(m.st.finished);
  for (size_t r = 0; r < h.extent(0); ++r)
    if (!h(r)) return false;
  return true;
}

std::int64_t Ensemble::events_done() const {
  auto h = to_host(impl_->st.events);
  std::int64_t n = 0;
  for (size_t r = 0; r < h.extent(0); ++r) n += h(r);
  return n;
}

double Ensemble::fraction_done() const {
  const Impl& m = *impl_;
  if (m.phase.kind == EnsemblePhase::equilibration) {
    const double target = 2.0 * double(m.phase.target_events) * m.n_rep;  // about twice: time doubled
    return target > 0 ? std::min(1.0, double(events_done()) / target) : 1.0;
  }
  if (m.phase.kind != EnsemblePhase::production || !(m.phase.grid.back() > 0)) return 1.0;
  auto t = to_host(m.st.time);
  double frac = 0;
  for (int r = 0; r < m.n_rep; ++r) frac += std::min(1.0, t(r) / m.phase.grid.back());
  return frac / m.n_rep;
}

std::vector<double> Ensemble::equilibration_rates() const {
  const Impl& m = *impl_;
  if (m.phase.kind != EnsemblePhase::equilibration) fail("kmc: equilibration rates asked outside equilibration");
  auto ev = to_host(m.st.events);
  auto t = to_host(m.st.time);
  std::vector<double> rate(static_cast<size_t>(m.n_rep), 0.0);
  for (int r = 0; r < m.n_rep; ++r)
    if (t(r) > 0 && m.n_ions > 0) rate[static_cast<size_t>(r)] = double(ev(r)) / t(r) / m.n_ions;
  return rate;
}

KmcSamples Ensemble::samples() const {
  const Impl& m = *impl_;
  if (m.phase.kind != EnsemblePhase::production) fail("kmc: samples asked outside production");
  const int n_t = static_cast<int>(m.phase.grid.size());
  KmcSamples out;
  out.temperature = m.settings.temperature;
  out.n_replicas = m.n_rep;
  out.first_replica = m.settings.first_replica;
  out.n_ions = m.n_ions;
  out.n_sites = m.n_sites;
  out.n_classes = m.n_classes;
  out.volume = m.system.volume;
  auto kh = to_host(m.next_k);
  int n_keep = n_t;
  for (int r = 0; r < m.n_rep; ++r) n_keep = std::min(n_keep, kh(r));
  out.partial = n_keep < n_t;
  out.time.assign(m.phase.grid.begin(), m.phase.grid.begin() + n_keep);
  auto sh = to_host(m.samples);
  out.tracer_sq.resize(static_cast<size_t>(m.n_rep) * n_keep * 3);
  out.collective_sq.resize(out.tracer_sq.size());
  for (int r = 0; r < m.n_rep; ++r)
    for (int k = 0; k < n_keep; ++k)
      for (int a = 0; a < 3; ++a) {
        const size_t i = (static_cast<size_t>(r) * n_keep + k) * 3 + a;
        out.tracer_sq[i] = sh(r, k, a);
        out.collective_sq[i] = sh(r, k, 3 + a);
      }
  auto hc = to_host(m.st.hop_count);
  auto ev = to_host(m.st.events);
  out.hops_per_class.resize(static_cast<size_t>(m.n_rep) * m.n_classes);
  out.events.resize(static_cast<size_t>(m.n_rep));
  for (int r = 0; r < m.n_rep; ++r) {
    for (int c = 0; c < m.n_classes; ++c) out.hops_per_class[static_cast<size_t>(r) * m.n_classes + c] = hc(r, c);
    out.events[static_cast<size_t>(r)] = ev(r);
  }
  if (m.st.dopant_hops.extent(0) != 0) {
    auto dh = to_host(m.st.dopant_hops);
    for (int r = 0; r < m.n_rep; ++r) {
      out.hops_near_dopant.push_back(dh(r, 0));
      out.hops_far_from_dopant.push_back(dh(r, 1));
      out.available_near_dopant.push_back(m.available_near[static_cast<size_t>(r)]);
      out.available_hops.push_back(m.available_all[static_cast<size_t>(r)]);
    }
  }
  const SiteNetwork& nw = m.system.network;
  out.n_site_classes = static_cast<int>(nw.site_classes.size());
  out.ions_per_site_class.assign(static_cast<size_t>(m.n_rep) * out.n_site_classes, 0);
  const std::vector<std::uint8_t> occ = occupancy();
  for (int r = 0; r < m.n_rep; ++r)
    for (int i = 0; i < m.n_sites; ++i)
      out.ions_per_site_class[static_cast<size_t>(r) * out.n_site_classes + nw.sites[static_cast<size_t>(i)].site_class] +=
          occ[static_cast<size_t>(r) * m.n_sites + i];
  return out;
}

std::vector<double> Ensemble::equilibrate(double hops_per_ion, const ProgressFn& progress, const std::atomic<bool>* stop) {
  begin_equilibration(hops_per_ion);
  while (true) {
    const bool done = step();
    if (progress) progress(fraction_done(), events_done());
    if (done || (stop && stop->load())) break;
  }
  return equilibration_rates();
}

KmcSamples Ensemble::produce(const std::vector<double>& time_grid, const ProgressFn& progress,
                             const std::atomic<bool>* stop) {
  begin_production(time_grid);
  while (true) {
    const bool done = step();
    if (progress) progress(fraction_done(), events_done());
    if (done || (stop && stop->load())) break;
  }
  return samples();
}

std::vector<std::uint8_t> Ensemble::occupancy() const {
  auto h = to_host(impl_->st.occ);
  std::vector<std::uint8_t> v(static_cast<size_t>(impl_->n_rep) * impl_->n_sites);
  for (int r = 0; r < impl_->n_rep; ++r)
    for (int i = 0; i < impl_->n_sites; ++i)
      v[static_cast<size_t>(r) * impl_->n_sites + i] = h(r, impl_->site_pos[static_cast<size_t>(i)]);
  return v;
}
double Ensemble::rate_consistency_error() const {
  const Impl& m = *impl_;
  kernels::KmcStateView<KmcMem> fresh = m.st;
  fresh.tree = decltype(fresh.tree)("tree_check", m.n_rep, m.net.tree.size);
  double field_err = 0;
  std::visit([&](const auto& dm) {
    using M = std::decay_t<decltype(dm)>;
    const M check = dm.with_fresh_state();
    kernels::InitReplicas<M, KmcMem> init{check, m.net, fresh};
    Kokkos::parallel_for("ionhop::kmc::check", Kokkos::RangePolicy<KmcExec>(0, m.n_rep), init);
    Kokkos::fence();
    field_err = dm.max_energy_difference(check);
  }, m.model);
  auto a = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.st.tree);
  auto b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), fresh.tree);
  double max_rate = 0, err = 0;
  for (int r = 0; r < m.n_rep; ++r)
    for (int i = 0; i < m.n_sites; ++i) {
      const int leaf = m.net.tree.leaf_offset + i;
      max_rate = std::max(max_rate, std::abs(b(r, leaf)));
      err = std::max(err, std::abs(a(r, leaf) - b(r, leaf)));
    }
  return std::max(max_rate > 0 ? err / max_rate : err, field_err);
}

bool Ensemble::coded_state() const {
  return std::holds_alternative<kernels::CodedLatticeGasModel<KmcMem>>(impl_->model);
}

}  // namespace ionhop
