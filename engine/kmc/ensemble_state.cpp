// Ensemble::save_state / load_state: the mutable device state of every replica as named host
// arrays (engine/core/replica_arrays.hpp), bit for bit, so that a run continued from them is the
// same run. Derived data (sum trees, model weights) is saved as well, not recomputed: incremental
// updates and a fresh computation differ in the last bits.
#include <string>
#include <variant>

#include "engine/core/error.hpp"
#include "engine/kmc/ensemble_impl.hpp"

namespace ionhop {

namespace {

// Elements per replica of a View whose first index is the replica.
template <class V>
std::size_t per_replica(const V& v) {
  std::size_t n = 1;
  for (unsigned d = 1; d < V::rank; ++d) n *= v.extent(d);
  return n;
}

// Element e of replica r in replica-major order, whatever the View's layout (LayoutLeft on GPUs).
template <class H>
auto& element(const H& h, int r, std::size_t e) {
  if constexpr (H::rank == 1) return h(r);
  else if constexpr (H::rank == 2) return h(r, e);
  else return h(r, e / h.extent(2), e % h.extent(2));
}

template <class V>
void save(ReplicaArrays& out, const std::string& name, const V& v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  const std::size_t n = per_replica(v);
  std::vector<std::remove_const_t<typename V::value_type>> flat(n * static_cast<std::size_t>(out.n_replicas));
  for (int r = 0; r < out.n_replicas; ++r)
    for (std::size_t e = 0; e < n; ++e) flat[static_cast<std::size_t>(r) * n + e] = element(h, r, e);
  out.add(name, flat);
}

template <class V>
void load(const ReplicaArrays& in, const std::string& name, const V& v) {
  const std::size_t n = per_replica(v);
  const auto flat = in.get<std::remove_const_t<typename V::value_type>>(name, n);
  auto h = Kokkos::create_mirror_view(v);
  for (int r = 0; r < in.n_replicas; ++r)
    for (std::size_t e = 0; e < n; ++e) element(h, r, e) = flat[static_cast<std::size_t>(r) * n + e];
  Kokkos::deep_copy(v, h);
}

// Every mutable array of the ensemble, by name: the one list that save_state and load_state
// share (the model's own state is its site weights or its coded words).
template <class Impl, class F>  // Impl = Ensemble::Impl (private: deduced at the members' call)
void for_each_array(Impl& m, F&& f) {
  f("occupancy", m.st.occ);
  f("displacement", m.st.disp);
  f("sum_tree", m.st.tree);
  f("time", m.st.time);
  f("rng_counter", m.st.counter);
  f("events", m.st.events);
  f("hop_count", m.st.hop_count);
  f("finished", m.st.finished);
  f("equilibration_end", m.st.eq_end);
  if (m.st.dopant_hops.extent(0) != 0) f("dopant_hop_count", m.st.dopant_hops);
  std::visit([&](auto& dm) {
    using M = std::decay_t<decltype(dm)>;
    if constexpr (std::is_same_v<M, kernels::CodedLatticeGasModel<KmcMem>>) f("model_word", dm.word);
    else if constexpr (std::is_same_v<M, kernels::LocalClusterModel<KmcMem>>) f("model_code", dm.code);
    else f("model_weight", dm.weight);
    if constexpr (!std::is_same_v<M, kernels::LocalClusterModel<KmcMem>>)
      if (dm.blocked.extent(0) != 0) f("model_blocked", dm.blocked);
  }, m.model);
  if (m.phase.kind == EnsemblePhase::production) {
    f("next_sample", m.next_k);
    f("samples", m.samples);
  }
}

}  // namespace

EnsemblePhase Ensemble::phase() const { return impl_->phase; }

ReplicaArrays Ensemble::save_state() const {
  Impl& m = *impl_;
  ReplicaArrays out{m.settings.first_replica, m.n_rep, {}};
  for_each_array(m, [&](const char* name, const auto& v) { save(out, name, v); });
  return out;
}

void Ensemble::load_state(const EnsemblePhase& phase, const ReplicaArrays& in) {
  Impl& m = *impl_;
  if (in.first_replica != m.settings.first_replica || in.n_replicas != m.n_rep)
    fail("checkpoint: replica block {}+{} given to an ensemble of replicas {}+{}", in.first_replica, in.n_replicas,
         m.settings.first_replica, m.n_rep);
  if (phase.kind == EnsemblePhase::equilibration) {
    m.reset_phase();
    m.phase = phase;
  } else if (phase.kind == EnsemblePhase::production) {
    begin_production(phase.grid);
  } else {
    fail("checkpoint: no phase under way to continue");
  }
  for_each_array(m, [&](const char* name, const auto& v) { load(in, name, v); });  // phase set above
}

}  // namespace ionhop
