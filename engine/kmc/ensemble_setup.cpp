// Building the device tables and the initial state of every replica (doc/theory/kmc.md).
#include <algorithm>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/kmc/ensemble_impl.hpp"
#include "engine/models/lattice_gas_tables.hpp"

namespace ionhop {

namespace {

template <class T>
Kokkos::View<T*, KmcMem> to_device(const std::vector<T>& v, const char* name) {
  Kokkos::View<T*, KmcMem> d(std::string(name), v.size());
  auto h = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < v.size(); ++i) h(i) = v[i];
  Kokkos::deep_copy(d, h);
  return d;
}

// Sites whose outgoing rate depends on the occupancy of x: a site s's rate reads n_s, n_t and the
// fields h_s, h_t of its hop targets t; h_k reads n of the interaction partners of k. So
// U(x) = {x} ∪ hops(x) ∪ partners(x) ∪ hops(partners(x)) (hops and partners are symmetric).
void update_lists(const SiteNetwork& net, const LatticeGasTables& t, std::vector<int>& offset, std::vector<int>& index) {
  const int n = net.n_sites();
  offset.assign(static_cast<size_t>(n) + 1, 0);
  std::vector<int> set;
  for (int x = 0; x < n; ++x) {
    set.clear();
    set.push_back(x);
    auto add_hops = [&](int s) {
      for (int h = net.hop_offset[static_cast<size_t>(s)]; h < net.hop_offset[static_cast<size_t>(s) + 1]; ++h)
        set.push_back(net.hops[static_cast<size_t>(h)].to);
    };
    add_hops(x);
    for (int k = t.nbr_offset[static_cast<size_t>(x)]; k < t.nbr_offset[static_cast<size_t>(x) + 1]; ++k) {
      set.push_back(t.nbr_index[static_cast<size_t>(k)]);
      add_hops(t.nbr_index[static_cast<size_t>(k)]);
    }
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    index.insert(index.end(), set.begin(), set.end());
    offset[static_cast<size_t>(x) + 1] = static_cast<int>(index.size());
  }
}

}  // namespace

Ensemble::Impl::Impl(const KmcSystem& sys, const EnsembleSettings& s) : system(sys), settings(s) {
  const SiteNetwork& nw = sys.network;
  n_sites = nw.n_sites();
  n_ions = sys.n_ions;
  n_classes = static_cast<int>(nw.hop_classes.size());
  n_rep = s.n_replicas;
  if (n_rep < 1) fail("kmc: n_replicas must be >= 1 (got {})", n_rep);
  if (s.first_replica < 0) fail("kmc: first replica id must be >= 0 (got {})", s.first_replica);
  if (!(s.temperature > 0)) fail("kmc: temperature must be > 0 K (got {})", s.temperature);
  if (n_sites == 0) fail("kmc: the network has no sites");
  if (static_cast<int>(nw.hop_offset.size()) != n_sites + 1) fail("kmc: network hop offsets are inconsistent");

  // Network.
  net.n_sites = n_sites;
  net.tree_leaves = kernels::sum_tree_leaves(n_sites);
  std::vector<int> to(nw.hops.size()), cls(nw.hops.size());
  Kokkos::View<double* [3], KmcMem> vec("hop_vec", nw.hops.size());
  auto vh = Kokkos::create_mirror_view(vec);
  for (size_t h = 0; h < nw.hops.size(); ++h) {
    to[h] = nw.hops[h].to;
    cls[h] = nw.hops[h].hop_class;
    for (int a = 0; a < 3; ++a) vh(h, a) = nw.hops[h].vector[a];
  }
  Kokkos::deep_copy(vec, vh);
  net.hop_offset = to_device(nw.hop_offset, "hop_offset");
  net.hop_to = to_device(to, "hop_to");
  net.hop_class = to_device(cls, "hop_class");
  net.hop_vec = vec;

  // Model tables (one alternative today: lattice_gas).
  const LatticeGasSpec& spec = std::get<LatticeGasSpec>(sys.model);
  const LatticeGasTables tab = build_lattice_gas_tables(spec, nw);
  std::vector<int> uo, ui;
  update_lists(nw, tab, uo, ui);
  net.upd_offset = to_device(uo, "upd_offset");
  net.upd_index = to_device(ui, "upd_index");

  // Per-replica decoration and site energies.
  Kokkos::View<double**, KmcMem> eps("site_energy", n_rep, n_sites);
  st.occ = decltype(st.occ)("occ", n_rep, n_sites);
  st.ion_at = decltype(st.ion_at)("ion_at", n_rep, n_sites);
  auto eh = Kokkos::create_mirror_view(eps);
  auto oh = Kokkos::create_mirror_view(st.occ);
  auto ih = Kokkos::create_mirror_view(st.ion_at);
  for (int r = 0; r < n_rep; ++r) {
    const std::uint64_t gid = static_cast<std::uint64_t>(s.first_replica) + static_cast<std::uint64_t>(r);
    Decoration dec;
    std::vector<double> e;
    if (sys.decoration) {
      dec = sys.decoration(s.seed, gid, s.temperature);
      e = lattice_gas_site_energies(spec, tab, nw, sys.crystal, dec);
    } else {
      CompositionSpec random = sys.composition;
      random.placement = "random";
      dec = decorate(sys.crystal, nw, random, s.seed, gid);
      e = lattice_gas_site_energies(spec, tab, nw, sys.crystal, dec);
      if (sys.composition.placement == "boltzmann")  // same framework draws, weighted placement
        dec = decorate(sys.crystal, nw, sys.composition, s.seed, gid, PlacementWeights{&e, s.temperature});
    }
    if (dec.n_ions != n_ions || dec.occupied.size() != static_cast<size_t>(n_sites))
      fail("kmc: replica {} was decorated with {} ions on {} sites, expected {} on {}", gid, dec.n_ions,
           dec.occupied.size(), n_ions, n_sites);
    int ion = 0;
    for (int i = 0; i < n_sites; ++i) {
      eh(r, i) = e[static_cast<size_t>(i)];
      oh(r, i) = dec.occupied[static_cast<size_t>(i)] ? 1 : 0;
      ih(r, i) = oh(r, i) ? ion++ : -1;
    }
    if (ion != n_ions) fail("kmc: replica {} has {} occupied sites, expected {}", gid, ion, n_ions);
  }
  Kokkos::deep_copy(eps, eh);
  Kokkos::deep_copy(st.occ, oh);
  Kokkos::deep_copy(st.ion_at, ih);

  kernels::LatticeGasModel<KmcMem> m;
  m.nu = tab.attempt_frequency;
  m.beta = 1.0 / (units::kB_eV * s.temperature);
  m.site_energy = eps;
  m.hop_ekra = to_device(tab.hop_ekra, "hop_ekra");
  m.hop_pair = to_device(tab.hop_pair, "hop_pair");
  m.nbr_offset = to_device(tab.nbr_offset, "nbr_offset");
  m.nbr_index = to_device(tab.nbr_index, "nbr_index");
  m.nbr_j = to_device(tab.nbr_j, "nbr_j");
  model = m;

  // State.
  st.disp = decltype(st.disp)("disp", n_rep, std::max(n_ions, 1), 3);
  st.field = decltype(st.field)("field", n_rep, n_sites);
  st.tree = decltype(st.tree)("tree", n_rep, 2 * net.tree_leaves);
  st.stamp = decltype(st.stamp)("stamp", n_rep, n_sites);
  st.generation = decltype(st.generation)("generation", n_rep);
  st.time = decltype(st.time)("time", n_rep);
  st.counter = decltype(st.counter)("counter", n_rep);
  st.events = decltype(st.events)("events", n_rep);
  st.hop_count = decltype(st.hop_count)("hop_count", n_rep, std::max(n_classes, 1));
  st.finished = decltype(st.finished)("finished", n_rep);

  std::visit([&](const auto& dm) {
    using M = std::decay_t<decltype(dm)>;
    kernels::InitReplicas<M, KmcMem> init{dm, net, st};
    Kokkos::parallel_for("ionhop::kmc::init", Kokkos::RangePolicy<KmcExec>(0, n_rep), init);
  }, model);
  Kokkos::fence();
}

void Ensemble::Impl::reset_phase() {
  Kokkos::deep_copy(st.time, 0.0);
  Kokkos::deep_copy(st.events, 0);
  Kokkos::deep_copy(st.hop_count, 0);
  Kokkos::deep_copy(st.finished, 0);
}

}  // namespace ionhop
