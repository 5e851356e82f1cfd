// Building a domain ensemble: rank grid, local lattice, sectors, model and state
// (engine/kmc/domain_ensemble.hpp, doc/theory/kmc.md §9).
#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "engine/core/error.hpp"
#include "engine/kmc/device_tables.hpp"
#include "engine/kmc/domain_impl.hpp"

namespace ionhop {

namespace {

// Supercell widths in units of the reach (2h + p cells): a domain must be at least 2 wide along a
// split axis. An unsplit axis may be thinner (it stays periodic in the domain): counted as 2 wide,
// which no split fits.
std::array<double, 3> widths_in_reaches(const CellLayout& layout, const std::array<int, 3>& reach) {
  std::array<double, 3> w{};
  for (int a = 0; a < 3; ++a) w[a] = std::max(2.0, reach[a] > 0 ? double(layout.n[a]) / reach[a] : 1e9);
  return w;
}

std::array<int, 3> grid_for(const CellLayout& layout, const std::array<int, 3>& reach, int ranks, const DomainSettings& d) {
  if (!layout.periodic) fail("kmc domains: the network is not a periodic supercell of one cell's sites");
  const auto w = widths_in_reaches(layout, reach);
  const std::string sizes = fmt::format("supercell {}x{}x{} cells, interaction reach {}x{}x{} cells", layout.n[0],
                                        layout.n[1], layout.n[2], reach[0], reach[1], reach[2]);
  if (d.grid != std::array<int, 3>{0, 0, 0}) {
    const auto& g = d.grid;
    if (g[0] < 1 || g[1] < 1 || g[2] < 1 || g[0] * g[1] * g[2] != ranks)
      fail("[parallel] grid = [{}, {}, {}] does not make {} domains (the ranks per replica group)", g[0], g[1], g[2], ranks);
    for (int a = 0; a < 3; ++a)
      if (g[a] > 1 && w[a] / g[a] < 2.0)
        fail("[parallel] grid = [{}, {}, {}]: {} domains along {} are thinner than two interaction reaches ({}); the "
             "largest usable rank count is {}", g[0], g[1], g[2], g[a], "abc"[a], sizes,
             parallel::largest_fitting_rank_count(ranks, w, 2.0));
    return g;
  }
  const int fit = parallel::largest_fitting_rank_count(ranks, w, 2.0);
  if (fit != ranks)
    fail("kmc domains: {} ranks cannot split the lattice into domains at least two interaction reaches thick ({}); "
         "the largest usable rank count is {}: use it, or a larger supercell", ranks, sizes, fit);
  return parallel::choose_grid(ranks, w, 2.0);
}

template <class T>
Kokkos::View<T* [3], KmcMem> entries_to_device(const std::vector<std::array<int, 3>>& v, const char* name) {
  Kokkos::View<T* [3], KmcMem> d(std::string(name), v.size());
  auto h = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < v.size(); ++i)
    for (int c = 0; c < 3; ++c) h(i, c) = v[i][static_cast<size_t>(c)];
  Kokkos::deep_copy(d, h);
  return d;
}

// CSR over the local sites of the entries' first column: offsets (n + 1) and entry indices.
void entries_by_site(const std::vector<std::array<int, 3>>& entries, int n, std::vector<int>& offset, std::vector<int>& index) {
  offset.assign(static_cast<size_t>(n) + 1, 0);
  for (const auto& e : entries) ++offset[static_cast<size_t>(e[0]) + 1];
  for (int i = 0; i < n; ++i) offset[static_cast<size_t>(i) + 1] += offset[static_cast<size_t>(i)];
  index.assign(entries.size(), 0);
  std::vector<int> cursor(offset.begin(), offset.end() - 1);
  for (size_t e = 0; e < entries.size(); ++e) index[static_cast<size_t>(cursor[static_cast<size_t>(entries[e][0])]++)] = static_cast<int>(e);
}

}  // namespace

std::array<int, 3> DomainEnsemble::choose_grid(const KmcSystem& system, int ranks, const DomainSettings& domain) {
  const DeviceTables t = build_device_tables(system);
  return grid_for(t.layout, domain_reach(t.layout, t.hop_t, t.nbr_t), ranks, domain);
}

DomainEnsemble::Impl::Impl(const KmcSystem& sys, const EnsembleSettings& s, const mpi::Comm& c, const DomainSettings& d)
    : system(sys), settings(s), domain(d), comm(c) {
  n_rep = s.n_replicas;
  n_ions = sys.n_ions;
  n_classes = static_cast<int>(sys.network.hop_classes.size());
  n_sites = sys.network.n_sites();
  if (n_rep < 1) fail("kmc: n_replicas must be >= 1 (got {})", n_rep);
  if (!(s.temperature > 0)) fail("kmc: temperature must be > 0 K (got {})", s.temperature);
  if (s.hop_journal < 1 || s.hop_journal > kernels::HopJournal::kCapacity)
    fail("kmc: hop_journal must be in 1..{} (got {})", kernels::HopJournal::kCapacity, s.hop_journal);
  if (!(d.sector_window >= 0) || !std::isfinite(d.sector_window))
    fail("[kmc] sector_window must be >= 0 s (got {})", d.sector_window);
  if (!(d.n_stop > 0) || !std::isfinite(d.n_stop)) fail("[kmc] sector_events must be > 0 (got {})", d.n_stop);
  if (sys.environments)
    fail("kmc domains: local cluster expansion models are not available with [parallel] kmc = \"domains\" yet; use "
         "kmc = \"replicas\"");
  if (sys.hop_kra_correction)
    fail("kmc domains: local barriers ([model] bvse_local) are not available with [parallel] kmc = \"domains\" yet; "
         "use kmc = \"replicas\"");

  const DeviceTables t = build_device_tables(sys);
  site_order = t.site_order;
  const std::array<int, 3> reach = domain_reach(t.layout, t.hop_t, t.nbr_t);
  const std::array<int, 3> dims = grid_for(t.layout, reach, comm.size(), d);
  grid = std::make_unique<parallel::RankGrid>(comm, dims);
  const parallel::RankGrid& g = *grid;
  lay = make_domain_layout(t.layout, reach, dims, g.coords(), [&](const std::array<int, 3>& q) { return g.rank_at(q); });
  exchange = std::make_unique<parallel::NeighborExchange>(g.comm(), lay.neighbors);
  const std::uint64_t words = (static_cast<std::uint64_t>(s.first_replica) + n_rep) * static_cast<std::uint64_t>(g.size());
  if (words > 0xFFFFFFFFull) fail("kmc domains: {} replicas x {} domains exceed the 2^32 random streams", s.first_replica + n_rep, g.size());

  // The local lattice: the global tables on the box's cells.
  net = t.net;
  net.n_sites = lay.n_local;
  Kokkos::View<int**, KmcMem> cell_nbr("domain_cell_nbr", lay.n_box_cells + 1, lay.n_dirs);
  {
    auto h = Kokkos::create_mirror_view(cell_nbr);
    for (int cc = 0; cc <= lay.n_box_cells; ++cc)
      for (int k = 0; k < lay.n_dirs; ++k) h(cc, k) = lay.cell_nbr[static_cast<size_t>(cc) * lay.n_dirs + k];
    Kokkos::deep_copy(cell_nbr, h);
  }
  net.cell_nbr = cell_nbr;

  // Decoration: the same as the replica ensemble's, cut to the box.
  std::vector<std::uint8_t> occ;
  std::vector<double> eps;
  std::vector<std::uint8_t> closed, closed_box;  // sites held by dopants
  decorate_replicas(sys, s, t, occ, eps, nullptr, &closed);
  const int nb = lay.n_basis;
  if (!closed.empty()) closed_box.assign(static_cast<size_t>(n_rep) * lay.n_local, 0);
  Kokkos::View<double**, KmcMem> eps_d("site_energy", n_rep, lay.n_local);
  st.occ = decltype(st.occ)("occ", n_rep, lay.n_local);
  {
    auto eh = Kokkos::create_mirror_view(eps_d);
    auto oh = Kokkos::create_mirror_view(st.occ);
    for (int r = 0; r < n_rep; ++r)
      for (int cc = 0; cc < lay.n_box_cells; ++cc)
        for (int b = 0; b < nb && lay.global_cell[static_cast<size_t>(cc)] >= 0; ++b) {
          const size_t j = static_cast<size_t>(r) * n_sites + static_cast<size_t>(lay.global_cell[static_cast<size_t>(cc)]) * nb + b;
          eh(r, cc * nb + b) = eps[j];
          oh(r, cc * nb + b) = occ[j];
          if (!closed.empty()) closed_box[static_cast<size_t>(r) * lay.n_local + cc * nb + b] = closed[j];
        }
    Kokkos::deep_copy(eps_d, eh);
    Kokkos::deep_copy(st.occ, oh);
  }
  kernels::LatticeGasModel<KmcMem> m = lattice_gas_tables_on_device(t, s.temperature, cell_nbr);
  m.site_energy = eps_d;
  model = finish_device_model(m, t, s.coded_state);
  close_dopant_sites(model, closed_box, n_rep, lay.n_local);

  // Sectors.
  sec.n_sector = lay.n_sector;
  int largest = 1;
  for (int k = 0; k < lay.n_sector; ++k) largest = std::max(largest, lay.sector_offset[k + 1] - lay.sector_offset[k]);
  sec.tree = kernels::SumTreeShape::for_leaves(largest);
  sec.offset = to_device(lay.sector_offset, "sector_offset");
  sec.site = to_device(lay.sector_site, "sector_site");
  trees.tree = Kokkos::View<double**, KmcMem>("sector_trees", static_cast<size_t>(n_rep) * lay.n_sector, sec.tree.size);

  // State.
  st.disp = decltype(st.disp)("disp", n_rep, lay.n_local, 3);
  st.counter = decltype(st.counter)("counter", n_rep);
  st.events = decltype(st.events)("events", n_rep);
  st.hop_count = decltype(st.hop_count)("hop_count", n_rep, std::max(n_classes, 1));
  std::vector<std::uint64_t> words_h(static_cast<size_t>(n_rep));
  for (int r = 0; r < n_rep; ++r)
    words_h[static_cast<size_t>(r)] = (static_cast<std::uint64_t>(s.first_replica) + r) * g.size() + g.rank();
  stream = to_device(words_h, "domain_stream");
  active = Kokkos::View<std::uint8_t*, KmcMem>("active", n_rep);
  active_h.assign(static_cast<size_t>(n_rep), 0);
  conflicts = Kokkos::View<int*, KmcMem>("conflicts", n_rep);
  ghosts = entries_to_device<int>(lay.ghosts, "ghost_entries");
  exports = entries_to_device<int>(lay.exports, "export_entries");
  {
    std::vector<int> off, idx, ge(static_cast<size_t>(lay.n_local), -1);
    entries_by_site(lay.ghosts, lay.n_local, off, idx);
    ghost_offset = to_device(off, "ghost_offset");
    ghost_index = to_device(idx, "ghost_index");
    for (size_t e = 0; e < lay.ghosts.size(); ++e) ge[static_cast<size_t>(lay.ghosts[e][0])] = static_cast<int>(e);
    ghost_entry = to_device(ge, "ghost_entry");
    std::vector<std::uint8_t> watch(static_cast<size_t>(lay.n_local), 0);
    for (int i = 0; i < lay.n_local; ++i) watch[static_cast<size_t>(i)] = ge[static_cast<size_t>(i)] >= 0;
    entries_by_site(lay.exports, lay.n_local, off, idx);
    export_offset = to_device(off, "export_offset");
    export_index = to_device(idx, "export_index");
    for (int i = 0; i < lay.n_local; ++i)
      if (off[static_cast<size_t>(i) + 1] > off[static_cast<size_t>(i)]) watch[static_cast<size_t>(i)] = 1;
    std::vector<int> slot(static_cast<size_t>(lay.n_local));
    for (int i = 0; i < lay.n_local; ++i)
      slot[static_cast<size_t>(i)] = kernels::SectorView<KmcMem>::make_slot(lay.leaf[static_cast<size_t>(i)],
                                                                             lay.sector[static_cast<size_t>(i)], watch[static_cast<size_t>(i)] != 0);
    sec.slot = to_device(slot, "sector_slot");
    dirty.slot = sec.slot;
  }
  // Dirty lists: room for a window of about one event per 16 owned sites; more falls back to a scan.
  const int owned = static_cast<int>(lay.sector_site.size());
  dirty.list = Kokkos::View<int**, KmcMem>("dirty_list", n_rep, std::min(lay.n_local, std::max(1024, owned / 16)));
  dirty.count = Kokkos::View<int*, KmcMem>("dirty_count", n_rep);
  dirty.stamp = Kokkos::View<int**, KmcMem>("dirty_stamp", n_rep, lay.n_local);
  Kokkos::deep_copy(dirty.stamp, -1);
  ghost_shadow = Kokkos::View<std::uint8_t**, KmcMem>("ghost_shadow", n_rep, lay.ghosts.size());
  export_shadow = Kokkos::View<std::uint8_t**, KmcMem>("export_shadow", n_rep, lay.exports.size());

  std::visit([&](const auto& dm) {
    using M = std::decay_t<decltype(dm)>;
    kernels::InitSectorTrees<M, KmcMem> init{dm, net, st, sec, trees, lay.n_local};
    Kokkos::parallel_for("ionhop::kmc::domain_init", Kokkos::RangePolicy<KmcExec>(0, n_rep), init);
  }, model);
  Kokkos::parallel_for("ionhop::kmc::ghost_shadow", Kokkos::RangePolicy<KmcExec>(0, n_rep),
                       parallel_kernels::ResetShadow<KmcMem>{st.occ, ghost_shadow, ghosts});
  Kokkos::parallel_for("ionhop::kmc::export_shadow", Kokkos::RangePolicy<KmcExec>(0, n_rep),
                       parallel_kernels::ResetShadow<KmcMem>{st.occ, export_shadow, exports});
  Kokkos::fence();
}

void DomainEnsemble::Impl::reset_phase() {
  Kokkos::deep_copy(st.events, 0);
  Kokkos::deep_copy(st.hop_count, 0);
  time = 0;
  next_k = 0;
  all_events.assign(static_cast<size_t>(n_rep), 0);
  finish_time.assign(static_cast<size_t>(n_rep), 0.0);
  active_h.assign(static_cast<size_t>(n_rep), 1);
  auto h = Kokkos::create_mirror_view(active);
  for (int r = 0; r < n_rep; ++r) h(r) = 1;
  Kokkos::deep_copy(active, h);
}

}  // namespace ionhop
