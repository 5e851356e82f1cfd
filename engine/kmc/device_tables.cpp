// Device tables of a KMC network and lattice-gas model (engine/kmc/device_tables.hpp).
#include "engine/kmc/device_tables.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "engine/composition/resolve_exclusion.hpp"
#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/kmc/coded_model_setup.hpp"

namespace ionhop {

namespace {

// Sites whose outgoing rate depends on the occupancy of x: a site s's rate reads n_s, n_t and the
// fields h_s, h_t of its hop targets t; h_k reads n of the interaction partners of k. So
// U(x) = {x} ∪ hops(x) ∪ partners(x) ∪ hops(partners(x)) (hops and partners are symmetric), with the
// exclusion partners counted as partners.
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
    // Exclusion partners k of x: hops into k are blocked or freed by n_x (hops are symmetric).
    for (int k = t.blk_offset[static_cast<size_t>(x)]; k < t.blk_offset[static_cast<size_t>(x) + 1]; ++k) {
      set.push_back(t.blk_index[static_cast<size_t>(k)]);
      add_hops(t.blk_index[static_cast<size_t>(k)]);
    }
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    index.insert(index.end(), set.begin(), set.end());
    offset[static_cast<size_t>(x) + 1] = static_cast<int>(index.size());
  }
}

// Order of the basis sites within a cell: recursive bisection of their Cartesian positions
// along the longest extent into blocks of 8 (one cache line of a per-site double), so that the
// few sites near an event share lines (doc/theory/kmc.md §8). rank[basis] = position in the cell.
void bisect_blocks(std::vector<int>& idx, size_t lo, size_t hi, const std::vector<Vec3>& x) {
  const size_t n = hi - lo;
  if (n <= 8) return;
  int axis = 0;
  double widest = -1;
  for (int k = 0; k < 3; ++k) {
    double a = 1e300, b = -1e300;
    for (size_t q = lo; q < hi; ++q) {
      a = std::min(a, x[static_cast<size_t>(idx[q])][k]);
      b = std::max(b, x[static_cast<size_t>(idx[q])][k]);
    }
    if (b - a > widest) {
      widest = b - a;
      axis = k;
    }
  }
  std::stable_sort(idx.begin() + static_cast<long>(lo), idx.begin() + static_cast<long>(hi),
                   [&](int a, int b) { return x[static_cast<size_t>(a)][axis] < x[static_cast<size_t>(b)][axis]; });
  const size_t blocks = (n + 7) / 8, left = 8 * ((blocks + 1) / 2);
  bisect_blocks(idx, lo, lo + left, x);
  bisect_blocks(idx, lo + left, hi, x);
}

std::vector<int> basis_rank(const SiteNetwork& net, int nu) {
  std::vector<Vec3> x(static_cast<size_t>(nu));
  std::vector<int> idx(static_cast<size_t>(nu)), rank(static_cast<size_t>(nu));
  for (int b = 0; b < nu; ++b) {  // sites 0 .. nu-1 are the basis of cell 0 (make_supercell_network)
    x[static_cast<size_t>(b)] = net.lattice.to_cart(net.sites[static_cast<size_t>(b)].frac);
    idx[static_cast<size_t>(b)] = b;
  }
  bisect_blocks(idx, 0, idx.size(), x);
  for (int q = 0; q < nu; ++q) rank[static_cast<size_t>(idx[static_cast<size_t>(q)])] = q;
  return rank;
}

// Site order of the device arrays: cells in Morton (Z-curve) order, so that the sites one event
// touches (neighbours) have nearby indices: fewer cache misses in the per-site arrays and shared
// lower levels of the sum tree; within a cell, basis sites in blocks of nearby sites (basis_rank).
// order[new] = network index, pos[network index] = new.
void locality_order(const SiteNetwork& net, std::vector<int>& order, std::vector<int>& pos) {
  const int n = net.n_sites();
  std::array<int, 3> b = net.supercell;
  const int n_cells = b[0] * b[1] * b[2];
  std::vector<int> rank;
  if (n_cells > 1 && n % n_cells == 0) {
    rank = basis_rank(net, n / n_cells);
  } else {  // not a supercell network: bins of about 8 sites
    const int m = std::max(1, static_cast<int>(std::cbrt(n / 8.0)));
    b = {m, m, m};
  }
  std::vector<std::tuple<std::uint64_t, int, int>> key(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    std::uint64_t code = 0;
    for (int k = 0; k < 3; ++k) {
      const double f = net.sites[static_cast<size_t>(i)].frac[k];
      auto c = static_cast<std::uint64_t>(std::min(b[k] - 1, std::max(0, static_cast<int>(std::floor((f - std::floor(f)) * b[k] + 1e-9)))));
      for (int bit = 0; bit < 21; ++bit) code |= ((c >> bit) & 1u) << (3 * bit + k);
    }
    const int cs = net.sites[static_cast<size_t>(i)].cell_site;
    const int in_cell = rank.empty() || cs < 0 || cs >= static_cast<int>(rank.size()) ? 0 : rank[static_cast<size_t>(cs)];
    key[static_cast<size_t>(i)] = {code, in_cell, i};
  }
  std::sort(key.begin(), key.end());
  order.resize(static_cast<size_t>(n));
  pos.resize(static_cast<size_t>(n));
  for (int j = 0; j < n; ++j) {
    order[static_cast<size_t>(j)] = std::get<2>(key[static_cast<size_t>(j)]);
    pos[static_cast<size_t>(order[static_cast<size_t>(j)])] = j;
  }
}

// A CSR table (rows = sites) in the new site order: new offsets and, per new entry, the old entry.
std::vector<int> reorder_rows(const std::vector<int>& offset, const std::vector<int>& order, std::vector<int>& new_offset) {
  new_offset.assign(offset.size(), 0);
  std::vector<int> src;
  src.reserve(static_cast<size_t>(offset.back()));
  for (size_t j = 0; j < order.size(); ++j) {
    const int old = order[j];
    for (int e = offset[static_cast<size_t>(old)]; e < offset[static_cast<size_t>(old) + 1]; ++e) src.push_back(e);
    new_offset[j + 1] = static_cast<int>(src.size());
  }
  return src;
}

template <class T>
std::vector<T> gather(const std::vector<T>& v, const std::vector<int>& src) {
  std::vector<T> out(src.size());
  for (size_t e = 0; e < src.size(); ++e) out[e] = v[static_cast<size_t>(src[e])];
  return out;
}

std::vector<int> map_sites(std::vector<int> v, const std::vector<int>& pos) {
  for (int& x : v) x = pos[static_cast<size_t>(x)];
  return v;
}

// Template entries (b', dir) and, if given, a third column: the payload of the template's site
// entries (the first entries of the device-order lists, cell 0).
template <int N>
Kokkos::View<int* [N], KmcMem> entries_to_device_n(const SiteTemplate& t, const std::vector<int>* payload, const char* name) {
  Kokkos::View<int* [N], KmcMem> d(std::string(name), t.entry.size());
  auto h = Kokkos::create_mirror_view(d);
  for (size_t e = 0; e < t.entry.size(); ++e) {
    h(e, 0) = t.entry[e][0];
    h(e, 1) = t.entry[e][1];
    if (N > 2) h(e, N - 1) = (*payload)[e];
  }
  Kokkos::deep_copy(d, h);
  return d;
}

// Per template hop, the cells of its update list and the blocks of 8 basis sites it touches in each
// (KmcNetworkView::pair_cell): what the event loop prefetches.
void prefetch_cells(const SiteTemplate& pair_t, const std::vector<int>& pair_off, kernels::KmcNetworkView<KmcMem>& net) {
  std::vector<int> offset{0};
  std::vector<std::array<unsigned, 2>> cells;
  for (size_t h = 0; h + 1 < pair_off.size(); ++h) {
    const size_t first = cells.size();
    for (int e = pair_off[h]; e < pair_off[h + 1]; ++e) {
      const auto& en = pair_t.entry[static_cast<size_t>(e)];
      const auto dir = static_cast<unsigned>(en[1]);
      auto it = std::find_if(cells.begin() + static_cast<long>(first), cells.end(), [&](const auto& x) { return x[0] == dir; });
      if (it == cells.end()) it = cells.insert(cells.end(), {dir, 0u});
      (*it)[1] |= 1u << (en[0] / 8);
    }
    offset.push_back(static_cast<int>(cells.size()));
  }
  Kokkos::View<unsigned* [2], KmcMem> d("pair_cell", cells.size());
  auto hd = Kokkos::create_mirror_view(d);
  for (size_t e = 0; e < cells.size(); ++e)
    for (int k = 0; k < 2; ++k) hd(e, k) = cells[e][static_cast<size_t>(k)];
  Kokkos::deep_copy(d, hd);
  net.pair_cell_offset = to_device(offset, "pair_cell_offset");
  net.pair_cell = d;
}

// Device slots (cell * n_template_hops + h, kernels/kmc/advance.hpp) of the host's per-directed-hop
// barrier corrections: template hop h of cell c is the network hop of that device site with the
// same target and hop vector. Checks δ(i→j) = δ(j→i) (detailed balance) and finiteness.
}  // namespace

Kokkos::View<int* [2], KmcMem> template_to_device(const SiteTemplate& t, const char* name) {
  return entries_to_device_n<2>(t, nullptr, name);
}

DeviceTables build_device_tables(const KmcSystem& sys) {
  DeviceTables t;
  const SiteNetwork& nw = sys.network;
  const int n_sites = nw.n_sites();
  if (n_sites == 0) fail("kmc: the network has no sites");
  if (static_cast<int>(nw.hop_offset.size()) != n_sites + 1) fail("kmc: network hop offsets are inconsistent");
  kernels::KmcNetworkView<KmcMem>& net = t.net;
  net.n_sites = n_sites;
  net.tree = kernels::SumTreeShape::for_leaves(n_sites);
  t.n_classes = static_cast<int>(nw.hop_classes.size());
  // Model tables (one alternative today: lattice_gas).
  t.tab = build_lattice_gas_tables(lattice_gas_form(sys), nw);
  const LocalEnvironments* lce = sys.environments.get();
  if (lce) {  // partners of x: the centres watching x; "J" carries x's slot there (the watch payload)
    t.tab.nbr_offset = lce->watch_offset;
    t.tab.nbr_index.clear();
    t.tab.nbr_j.clear();
    for (const auto& w : lce->watch) {
      t.tab.nbr_index.push_back(w[0]);
      t.tab.nbr_j.push_back(w[1]);
    }
  }
  const LatticeGasTables& tab = t.tab;
  std::vector<int> uo, ui;
  update_lists(nw, tab, uo, ui);
  locality_order(nw, t.site_order, t.site_pos);
  const std::vector<int>& site_order = t.site_order;
  const std::vector<int>& site_pos = t.site_pos;

  // Hop kinds: hops with the same class, vector, E_KRA and end-pair J (translations of one
  // another in a supercell) share one entry of the per-kind tables; ν is one per class.
  std::vector<int> to(nw.hops.size()), kind(nw.hops.size()), kind_class, kind_tag;
  std::vector<double> kind_ekra, kind_pair, kind_nu;
  std::vector<Vec3> kind_vec;
  {
    std::map<std::tuple<int, double, double, int, long long, long long, long long>, int> index;
    for (size_t h = 0; h < nw.hops.size(); ++h) {
      const Hop& hop = nw.hops[h];
      to[h] = hop.to;
      // local cluster expansion: centre end and slot; exclusion: whether the ends exclude each other
      const int tag = lce ? lce->hop_tag[h] : tab.hop_blocks.empty() ? 0 : tab.hop_blocks[h];
      const auto key = std::make_tuple(hop.hop_class, tab.hop_ekra[h], tab.hop_pair[h], tag, std::llround(hop.vector[0] * 1e6),
                                       std::llround(hop.vector[1] * 1e6), std::llround(hop.vector[2] * 1e6));
      const auto it = index.emplace(key, static_cast<int>(kind_class.size())).first;
      if (it->second == static_cast<int>(kind_class.size())) {
        kind_class.push_back(hop.hop_class);
        kind_tag.push_back(tag);
        kind_ekra.push_back(tab.hop_ekra[h]);
        kind_pair.push_back(tab.hop_pair[h]);
        kind_nu.push_back(tab.hop_nu[h]);
        kind_vec.push_back(hop.vector);
      }
      kind[h] = it->second;
    }
  }
  Kokkos::View<double* [3], KmcMem> vec("kind_vec", kind_vec.size());
  auto vh = Kokkos::create_mirror_view(vec);
  for (size_t k = 0; k < kind_vec.size(); ++k)
    for (int a = 0; a < 3; ++a) vh(k, a) = kind_vec[k][a];
  Kokkos::deep_copy(vec, vh);
  net.kind_class = to_device(kind_class, "kind_class");
  net.kind_vec = vec;

  // Per-site lists in device order, then stored per basis site of the periodic cell
  // (engine/kmc/cell_templates.hpp, doc/theory/kmc.md §8).
  std::vector<int> upd_off, hop_off, nbr_off;
  std::vector<int> upd_idx = map_sites(gather(ui, reorder_rows(uo, site_order, upd_off)), site_pos);
  for (size_t j = 0; j + 1 < upd_off.size(); ++j)  // sorted rows: the template order is the row order
    std::sort(upd_idx.begin() + upd_off[j], upd_idx.begin() + upd_off[j + 1]);
  const std::vector<int> hop_src = reorder_rows(nw.hop_offset, site_order, hop_off);
  const std::vector<int> hop_to = map_sites(gather(to, hop_src), site_pos), hop_kind = gather(kind, hop_src);
  const std::vector<int> nbr_src = reorder_rows(tab.nbr_offset, site_order, nbr_off);
  const std::vector<int> nbr_idx = map_sites(gather(tab.nbr_index, nbr_src), site_pos);
  const std::vector<double> nbr_j = gather(tab.nbr_j, nbr_src);
  std::vector<int> blk_off;
  const std::vector<int> blk_idx = map_sites(gather(tab.blk_index, reorder_rows(tab.blk_offset, site_order, blk_off)), site_pos);
  // Translated hops are interchangeable if class, E_KRA and vector agree and J to round-off.
  const auto same_kind = [&](int, int e, int e0) {
    const int a = hop_kind[static_cast<size_t>(e)], b = hop_kind[static_cast<size_t>(e0)];
    if (a == b) return true;
    const auto ua = static_cast<size_t>(a), ub = static_cast<size_t>(b);
    bool same = kind_class[ua] == kind_class[ub] && kind_ekra[ua] == kind_ekra[ub] && kind_nu[ua] == kind_nu[ub] &&
                kind_tag[ua] == kind_tag[ub] &&
                std::abs(kind_pair[ua] - kind_pair[ub]) <= 1e-12;
    for (int k = 0; k < 3; ++k) same = same && std::abs(kind_vec[ua][k] - kind_vec[ub][k]) <= 1e-6;
    return same;
  };
  const auto same_j = [&](int, int e, int e0) {
    return std::abs(nbr_j[static_cast<size_t>(e)] - nbr_j[static_cast<size_t>(e0)]) <= 1e-12;
  };
  const auto any = [](int, int, int) { return true; };
  CellLayout layout = make_cell_layout(nw, site_order);
  SiteTemplate upd_t, hop_t, nbr_t, blk_t;
  const auto all_templates = [&] {
    return make_template(layout, upd_off, upd_idx, any, upd_t) && make_template(layout, hop_off, hop_to, same_kind, hop_t) &&
           make_template(layout, nbr_off, nbr_idx, same_j, nbr_t) && make_template(layout, blk_off, blk_idx, any, blk_t);
  };
  if (!all_templates()) {
    layout = flat_cell_layout(n_sites);  // per-site lists: always representable
    if (!all_templates())
      fail("kmc: internal error: per-site lists do not match their own template");
  }
  // Per template hop: U(x) ∪ U(target) (adds cell offsets to the layout; before cell_nbr()).
  std::vector<int> pair_off;
  const SiteTemplate pair_t = hop_update_union(layout, hop_t, upd_t, pair_off);
  const std::vector<int> cell_nbr_h = layout.cell_nbr();
  Kokkos::View<int**, KmcMem> cell_nbr("cell_nbr", layout.n_cells, layout.dirs.size());
  {
    auto ch = Kokkos::create_mirror_view(cell_nbr);
    for (int c = 0; c < layout.n_cells; ++c)
      for (size_t d = 0; d < layout.dirs.size(); ++d) ch(c, d) = cell_nbr_h[static_cast<size_t>(c) * layout.dirs.size() + d];
    Kokkos::deep_copy(cell_nbr, ch);
  }
  net.n_basis = layout.n_basis;
  net.cell_nbr = cell_nbr;
  net.upd_offset = to_device(upd_t.offset, "upd_offset");
  net.upd = entries_to_device_n<2>(upd_t, nullptr, "upd");
  net.hop_offset = to_device(hop_t.offset, "hop_offset");
  net.hop = entries_to_device_n<3>(hop_t, &hop_kind, "hops");
  if (!pair_off.empty()) {
    net.pair_offset = to_device(pair_off, "pair_offset");
    net.pair = entries_to_device_n<2>(pair_t, nullptr, "pair");
    if (layout.periodic && layout.n_basis <= 256) prefetch_cells(pair_t, pair_off, net);
  }
  t.layout = layout;
  t.hop_t = hop_t;
  t.nbr_t = nbr_t;
  t.blk_t = blk_t;
  t.hop_off = hop_off;
  t.hop_src = hop_src;
  t.template_j.assign(nbr_j.begin(), nbr_j.begin() + static_cast<long>(nbr_t.entry.size()));
  t.kind_ekra = kind_ekra;
  t.kind_pair = kind_pair;
  t.kind_nu = kind_nu;
  t.kind_tag = kind_tag;
  return t;
}

void decorate_replicas(const KmcSystem& sys, const EnsembleSettings& s, const DeviceTables& t,
                       std::vector<std::uint8_t>& occ, std::vector<double>& eps, std::vector<std::uint16_t>* fixed,
                       std::vector<std::uint8_t>* closed) {
  const SiteNetwork& nw = sys.network;
  const LatticeGasSpec spec = lattice_gas_form(sys);
  const int n_sites = nw.n_sites(), n_rep = s.n_replicas;
  occ.assign(static_cast<size_t>(n_rep) * n_sites, 0);
  eps.assign(static_cast<size_t>(n_rep) * n_sites, 0.0);
  if (fixed) fixed->assign(static_cast<size_t>(n_rep) * n_sites, 0);
  if (closed) closed->clear();
  for (int r = 0; r < n_rep; ++r) {
    const std::uint64_t gid = static_cast<std::uint64_t>(s.first_replica) + static_cast<std::uint64_t>(r);
    Decoration dec;
    std::vector<double> e;
    if (sys.decoration) {
      dec = sys.decoration(s.seed, gid, s.temperature);
      e = lattice_gas_site_energies(spec, t.tab, nw, sys.crystal, dec);
    } else {
      CompositionSpec random = sys.composition;
      random.placement = "random";
      dec = decorate(sys.crystal, nw, random, s.seed, gid);
      e = lattice_gas_site_energies(spec, t.tab, nw, sys.crystal, dec);
      if (sys.composition.placement == "boltzmann")  // same framework draws, weighted placement
        dec = decorate(sys.crystal, nw, sys.composition, s.seed, gid, PlacementWeights{&e, s.temperature});
    }
    const bool doped = !dec.site_dopant.empty();
    if (doped && dec.site_dopant.size() != static_cast<size_t>(n_sites))
      fail("kmc: replica {} has dopants on {} sites of {}", gid, dec.site_dopant.size(), n_sites);
    if (!t.tab.blk_index.empty() && dec.occupied.size() == static_cast<size_t>(n_sites))
      resolve_exclusion(dec.occupied, t.tab.blk_offset, t.tab.blk_index, s.seed, gid,
                        fmt::format("{} (exclusion_distance = {:.6g} Å)", spec.source.empty() ? std::string("model") : spec.source,
                                    spec.exclusion_distance), doped ? &dec.site_dopant : nullptr);
    if (doped && !closed)
      fail("kmc: dopants on mobile sites are not supported here (internal: no site mask requested)");
    if (doped && closed->empty()) closed->assign(static_cast<size_t>(n_rep) * n_sites, 0);
    if (dec.n_ions != sys.n_ions || dec.occupied.size() != static_cast<size_t>(n_sites))
      fail("kmc: replica {} was decorated with {} ions on {} sites, expected {} on {}", gid, dec.n_ions,
           dec.occupied.size(), sys.n_ions, n_sites);
    std::vector<std::uint16_t> codes;
    if (fixed && sys.environments) codes = framework_codes(*sys.environments, dec);
    int ion = 0;
    for (int j = 0; j < n_sites; ++j) {  // device order
      const auto i = static_cast<size_t>(t.site_order[static_cast<size_t>(j)]);
      const size_t q = static_cast<size_t>(r) * n_sites + j;
      eps[q] = e[i];
      occ[q] = dec.occupied[i] ? 1 : 0;
      if (doped) (*closed)[q] = dec.site_dopant[i] ? 1 : 0;
      if (occ[q] && doped && dec.site_dopant[i]) fail("kmc: replica {} has an ion on the dopant at site {}", gid, i);
      if (!codes.empty()) (*fixed)[q] = codes[i];
      ion += occ[q];
    }
    if (ion != sys.n_ions) fail("kmc: replica {} has {} occupied sites, expected {}", gid, ion, sys.n_ions);
  }
}

void close_dopant_sites(DeviceModel& model, const std::vector<std::uint8_t>& closed, int n_rep, int n_sites) {
  if (closed.empty()) return;
  if (closed.size() != static_cast<size_t>(n_rep) * static_cast<size_t>(n_sites))
    fail("kmc: internal error: dopant site mask of {} entries for {} replicas x {} sites", closed.size(), n_rep, n_sites);
  Kokkos::View<std::uint8_t**, KmcMem> c("site_closed", n_rep, n_sites);
  auto h = Kokkos::create_mirror_view(c);
  for (int r = 0; r < n_rep; ++r)
    for (int j = 0; j < n_sites; ++j) h(r, j) = closed[static_cast<size_t>(r) * n_sites + j];
  Kokkos::deep_copy(c, h);
  std::visit([&](auto& m) { m.closed = c; }, model);
}

kernels::LatticeGasModel<KmcMem> lattice_gas_tables_on_device(const DeviceTables& t, double temperature,
                                                              Kokkos::View<const int**, KmcMem> cell_nbr) {
  kernels::LatticeGasModel<KmcMem> m;
  m.nu = t.tab.attempt_frequency;
  m.beta = 1.0 / (units::kB_eV * temperature);
  m.kind_ekra = to_device(t.kind_ekra, "kind_ekra");
  m.kind_pair = to_device(t.kind_pair, "kind_pair");
  m.kind_nu = to_device(t.kind_nu, "kind_nu");
  m.n_basis = t.layout.n_basis;
  m.cell_nbr = cell_nbr;
  m.nbr_offset = to_device(t.nbr_t.offset, "nbr_offset");
  m.nbr = entries_to_device_n<2>(t.nbr_t, nullptr, "nbr");
  m.nbr_j = to_device(t.template_j, "nbr_j");
  if (!t.tab.blk_index.empty()) {
    m.blk_offset = to_device(t.blk_t.offset, "blk_offset");
    m.blk = entries_to_device_n<2>(t.blk_t, nullptr, "blk");
    std::vector<std::uint8_t> kb(t.kind_tag.begin(), t.kind_tag.end());
    m.kind_blocks = to_device(kb, "kind_blocks");
  }
  kernels::set_kind_tables(m);
  return m;
}

kernels::LocalClusterModel<KmcMem> local_cluster_on_device(const KmcSystem& sys, const DeviceTables& t, double temperature,
                                                           Kokkos::View<const int**, KmcMem> cell_nbr,
                                                           const std::vector<std::uint16_t>& fixed, int n_rep) {
  const LocalClusterSpec& spec = std::get<LocalClusterSpec>(sys.model);
  const LocalEnvironments& env = *sys.environments;
  kernels::LocalClusterModel<KmcMem> m;
  m.nu = spec.attempt_frequency;
  m.beta = 1.0 / (units::kB_eV * temperature);
  m.canonical = spec.environment_rule == "canonical";
  m.n_basis = t.layout.n_basis;
  m.cell_nbr = cell_nbr;
  m.kind_tag = to_device(t.kind_tag, "lce_kind_tag");
  std::vector<int> slot(t.template_j.size());
  for (size_t e = 0; e < slot.size(); ++e) slot[e] = static_cast<int>(t.template_j[e]);
  m.watch_offset = to_device(t.nbr_t.offset, "lce_watch_offset");
  m.watch = entries_to_device_n<3>(t.nbr_t, &slot, "lce_watch");
  Kokkos::View<double* [2], KmcMem> e("lce_energy_table", env.e_kra.size());
  auto eh = Kokkos::create_mirror_view(e);
  for (size_t c = 0; c < env.e_kra.size(); ++c) {
    eh(c, 0) = env.e_kra[c];
    eh(c, 1) = env.e_site[c];
  }
  Kokkos::deep_copy(e, eh);
  m.energy_table = e;
  kernels::set_rate_table(m);
  const int n_sites = static_cast<int>(fixed.size()) / std::max(n_rep, 1);
  Kokkos::View<std::uint16_t**, KmcMem> f("lce_fixed", n_rep, n_sites);
  auto fh = Kokkos::create_mirror_view(f);
  for (int r = 0; r < n_rep; ++r)
    for (int j = 0; j < n_sites; ++j) fh(r, j) = fixed[static_cast<size_t>(r) * n_sites + j];
  Kokkos::deep_copy(f, fh);
  m.fixed = f;
  m.code = Kokkos::View<std::uint16_t**, KmcMem>("lce_code", n_rep, n_sites);
  return m;
}

DeviceModel finish_device_model(kernels::LatticeGasModel<KmcMem> m, const DeviceTables& t, bool coded) {
  if (m.blk_offset.extent(0) != 0)
    m.blocked = Kokkos::View<std::uint8_t**, KmcMem>("site_blocked", m.site_energy.extent(0), m.site_energy.extent(1));
  kernels::CodedLatticeGasModel<KmcMem> c;
  if (coded && make_coded_model(m, t.nbr_t, t.template_j, c)) return c;
  m.weight = Kokkos::View<double**, KmcMem>("site_weight", m.site_energy.extent(0), m.site_energy.extent(1));
  return m;
}

}  // namespace ionhop
