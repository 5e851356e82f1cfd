// Building the device tables and the initial state of every replica (doc/theory/kmc.md).
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

#include "engine/core/error.hpp"
#include "engine/kmc/device_tables.hpp"
#include "engine/kmc/ensemble_impl.hpp"

namespace ionhop {

namespace {

// The network hop of every device hop slot (cell * n_t + template hop, n_t = hop_t.offset.back())
// and, in `reverse`, the reverse of every network hop (-1 if none).
std::vector<int> slot_network_hops(const SiteNetwork& nw, const DeviceTables& t, std::vector<int>& reverse) {
  const CellLayout& layout = t.layout;
  const SiteTemplate& hop_t = t.hop_t;
  const int nb = layout.n_basis, n_t = hop_t.offset.back();
  const std::vector<int> cnbr = layout.cell_nbr();
  const size_t nd = layout.dirs.size();
  std::vector<int> slot_hop(static_cast<size_t>(layout.n_cells) * static_cast<size_t>(n_t), -1);
  reverse.assign(nw.hops.size(), -1);
  std::map<std::tuple<int, int, long long, long long, long long>, int> by_key;  // (from, to, vector) -> hop
  const auto key = [](const Hop& h, double sign) {
    return std::make_tuple(h.from, h.to, std::llround(sign * h.vector[0] * 1e5), std::llround(sign * h.vector[1] * 1e5),
                           std::llround(sign * h.vector[2] * 1e5));
  };
  for (size_t h = 0; h < nw.hops.size(); ++h) by_key[key(nw.hops[h], 1.0)] = static_cast<int>(h);
  for (size_t h = 0; h < nw.hops.size(); ++h) {
    Hop rev = nw.hops[h];
    std::swap(rev.from, rev.to);
    if (const auto it = by_key.find(key(rev, -1.0)); it != by_key.end()) reverse[h] = it->second;
  }
  for (int c = 0; c < layout.n_cells; ++c)
    for (int b = 0; b < nb; ++b) {
      const int j = c * nb + b;
      for (int h = hop_t.offset[static_cast<size_t>(b)]; h < hop_t.offset[static_cast<size_t>(b) + 1]; ++h) {
        const auto& te = hop_t.entry[static_cast<size_t>(h)];
        const int tt = cnbr[static_cast<size_t>(c) * nd + static_cast<size_t>(te[1])] * nb + te[0];
        const Hop& tmpl = nw.hops[static_cast<size_t>(t.hop_src[static_cast<size_t>(t.hop_off[static_cast<size_t>(b)] + h - hop_t.offset[static_cast<size_t>(b)])])];
        Hop want = tmpl;
        want.from = t.site_order[static_cast<size_t>(j)];
        want.to = t.site_order[static_cast<size_t>(tt)];
        const auto it = by_key.find(key(want, 1.0));
        if (it == by_key.end()) fail("kmc: internal error: device hop slot without a network hop");
        slot_hop[static_cast<size_t>(c) * static_cast<size_t>(n_t) + static_cast<size_t>(h)] = it->second;
      }
    }
  return slot_hop;
}

Kokkos::View<double** [2], KmcMem> local_kra_table(const KmcSystem& sys, const EnsembleSettings& s,
                                                   const std::vector<int>& slot_hop, const std::vector<int>& reverse,
                                                   double beta) {
  const SiteNetwork& nw = sys.network;
  for (size_t h = 0; h < nw.hops.size(); ++h)
    if (reverse[h] < 0) fail("kmc: hop {} -> {} has no reverse hop; local barriers need one", nw.hops[h].from, nw.hops[h].to);
  Kokkos::View<double** [2], KmcMem> d("hop_dkra", s.n_replicas, slot_hop.size());
  auto hd = Kokkos::create_mirror_view(d);
  for (int r = 0; r < s.n_replicas; ++r) {
    const std::uint64_t gid = static_cast<std::uint64_t>(s.first_replica) + static_cast<std::uint64_t>(r);
    const std::vector<double> dk = sys.hop_kra_correction(s.seed, gid);
    if (dk.size() != nw.hops.size())
      fail("kmc: local barriers of replica {}: {} values for {} directed hops", gid, dk.size(), nw.hops.size());
    for (size_t h = 0; h < dk.size(); ++h) {
      if (!std::isfinite(dk[h])) fail("kmc: local barrier correction of hop {} (replica {}) is not finite", h, gid);
      if (dk[h] != dk[static_cast<size_t>(reverse[h])])
        fail("kmc: local barrier corrections of hop {} -> {} and its reverse differ ({} vs {} eV, replica {}): "
             "detailed balance needs one KRA per hop pair", nw.hops[h].from, nw.hops[h].to, dk[h],
             dk[static_cast<size_t>(reverse[h])], gid);
    }
    for (size_t q = 0; q < slot_hop.size(); ++q) {
      const double delta = dk[static_cast<size_t>(slot_hop[q])];
      hd(r, q, 0) = std::exp(-beta * delta);
      hd(r, q, 1) = std::exp(beta * delta);
    }
  }
  Kokkos::deep_copy(d, hd);
  return d;
}

// Dopant-neighbour flags of every replica as bits per hop slot (kernels/kmc/kmc_state.hpp), and per
// replica the number of directed network hops flagged near.
// closed (replica x device site, may be empty): sites held by dopants; the hops into or out of them
// can never run and are left out of the available counts n_near, n_all.
Kokkos::View<std::uint8_t**, KmcMem> dopant_flag_table(const KmcSystem& sys, const EnsembleSettings& s,
                                                      const std::vector<int>& slot_hop, const std::vector<std::uint8_t>& closed,
                                                      const std::vector<int>& site_pos, std::vector<std::int64_t>& n_near,
                                                      std::vector<std::int64_t>& n_all) {
  const SiteNetwork& nw = sys.network;
  Kokkos::View<std::uint8_t**, KmcMem> d("hop_near_dopant", s.n_replicas, (slot_hop.size() + 7) / 8);
  auto hd = Kokkos::create_mirror_view(d);
  Kokkos::deep_copy(hd, std::uint8_t{0});
  n_near.assign(static_cast<size_t>(s.n_replicas), 0);
  n_all.assign(static_cast<size_t>(s.n_replicas), 0);
  const size_t n_sites = static_cast<size_t>(nw.n_sites());
  for (int r = 0; r < s.n_replicas; ++r) {
    const std::uint64_t gid = static_cast<std::uint64_t>(s.first_replica) + static_cast<std::uint64_t>(r);
    const std::vector<std::uint8_t> near = sys.hop_near_dopant(s.seed, gid);
    if (near.size() != nw.hops.size())
      fail("kmc: dopant-neighbour flags of replica {}: {} values for {} directed hops", gid, near.size(), nw.hops.size());
    const auto held = [&](int site) {
      return !closed.empty() && closed[static_cast<size_t>(r) * n_sites + static_cast<size_t>(site_pos[static_cast<size_t>(site)])];
    };
    for (size_t h = 0; h < near.size(); ++h) {
      if (near[h] > 1) fail("kmc: dopant-neighbour flag of hop {} (replica {}) is {}, not 0 or 1", h, gid, int(near[h]));
      if (held(nw.hops[h].from) || held(nw.hops[h].to)) continue;
      n_near[static_cast<size_t>(r)] += near[h];
      ++n_all[static_cast<size_t>(r)];
    }
    for (size_t q = 0; q < slot_hop.size(); ++q)
      if (near[static_cast<size_t>(slot_hop[q])]) hd(r, q >> 3) = static_cast<std::uint8_t>(hd(r, q >> 3) | (1u << (q & 7)));
  }
  Kokkos::deep_copy(d, hd);
  return d;
}

}  // namespace

Ensemble::Impl::Impl(const KmcSystem& sys, const EnsembleSettings& s) : system(sys), settings(s) {
  const SiteNetwork& nw = sys.network;
  n_sites = nw.n_sites();
  n_ions = sys.n_ions;
  n_classes = static_cast<int>(nw.hop_classes.size());
  n_rep = s.n_replicas;
  if (n_rep < 1) fail("kmc: n_replicas must be >= 1 (got {})", n_rep);
  if (s.hop_journal < 1 || s.hop_journal > kernels::HopJournal::kCapacity)
    fail("kmc: hop_journal must be in 1..{} (got {})", kernels::HopJournal::kCapacity, s.hop_journal);
  if (s.first_replica < 0) fail("kmc: first replica id must be >= 0 (got {})", s.first_replica);
  if (!(s.temperature > 0)) fail("kmc: temperature must be > 0 K (got {})", s.temperature);

  const DeviceTables t = build_device_tables(sys);
  net = t.net;
  site_order = t.site_order;
  site_pos = t.site_pos;

  // Per-replica decoration and site energies.
  std::vector<std::uint8_t> occ;
  std::vector<double> e;
  std::vector<std::uint16_t> fixed;
  std::vector<std::uint8_t> closed;  // sites held by dopants
  decorate_replicas(sys, s, t, occ, e, sys.environments ? &fixed : nullptr, &closed);
  Kokkos::View<double**, KmcMem> eps("site_energy", n_rep, n_sites);
  st.occ = decltype(st.occ)("occ", n_rep, n_sites);
  auto eh = Kokkos::create_mirror_view(eps);
  auto oh = Kokkos::create_mirror_view(st.occ);
  for (int r = 0; r < n_rep; ++r)
    for (int j = 0; j < n_sites; ++j) {
      eh(r, j) = e[static_cast<size_t>(r) * n_sites + j];
      oh(r, j) = occ[static_cast<size_t>(r) * n_sites + j];
    }
  Kokkos::deep_copy(eps, eh);
  Kokkos::deep_copy(st.occ, oh);

  // The network hop of every device hop slot: local barriers and dopant-neighbour flags share it.
  std::vector<int> slot_hop, reverse;
  if (sys.hop_kra_correction || sys.hop_near_dopant) slot_hop = slot_network_hops(nw, t, reverse);
  if (sys.environments) {
    if (sys.hop_kra_correction) fail("kmc: local BVSE barriers (bvse_local) apply to lattice_gas models only");
    model = local_cluster_on_device(sys, t, s.temperature, net.cell_nbr, fixed, n_rep);
  } else {
    kernels::LatticeGasModel<KmcMem> m = lattice_gas_tables_on_device(t, s.temperature, net.cell_nbr);
    m.site_energy = eps;
    if (sys.hop_kra_correction) m.hop_dkra = local_kra_table(sys, s, slot_hop, reverse, m.beta);
    model = finish_device_model(m, t, s.coded_state);
  }
  close_dopant_sites(model, closed, n_rep, n_sites);

  // State.
  st.disp = decltype(st.disp)("disp", n_rep, n_sites, 3);
  st.tree = decltype(st.tree)("tree", n_rep, net.tree.size);
  st.time = decltype(st.time)("time", n_rep);
  st.counter = decltype(st.counter)("counter", n_rep);
  st.events = decltype(st.events)("events", n_rep);
  st.hop_count = decltype(st.hop_count)("hop_count", n_rep, std::max(n_classes, 1));
  st.finished = decltype(st.finished)("finished", n_rep);
  st.eq_end = decltype(st.eq_end)("equilibration_end", n_rep);
  if (sys.hop_near_dopant) {
    st.hop_near = dopant_flag_table(sys, s, slot_hop, closed, t.site_pos, available_near, available_all);
    st.dopant_hops = decltype(st.dopant_hops)("dopant_hop_count", n_rep, 2);
  }

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
  Kokkos::deep_copy(st.dopant_hops, 0);
  Kokkos::deep_copy(st.finished, 0);
  Kokkos::deep_copy(st.eq_end, 0.0);
}

}  // namespace ionhop
