#pragma once
// Synchronous-sublattice KMC on one rank's domain (Shim & Amar, PRB 71, 125432 (2005); the
// "sectors" of SPPARKS; doc/theory/kmc.md §9). The domain's local lattice is its owned cells plus a
// ghost layer; owned sites are split into sectors, each with its own sum tree of site rates. In a
// window, every rank runs rejection-free KMC in the same sector for a time δt: events are drawn from
// that sector's tree only; a hop may land on a ghost site (the owner learns it after the window).
// After any occupancy change the owned sites of its update set are refreshed, whichever sector holds
// them, so each tree is exact when its sector's turn comes (given current ghosts).
// Generic in the energy model, as advance.hpp; the model also provides place(r, i, arrive): its state
// after an ion arrived at / left site i by another rank's event.
#include <cstdint>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/advance.hpp"

namespace ionhop::kernels {

template <class MemorySpace>
struct SectorView {
  int n_sector = 1;
  SumTreeShape tree;                                 // the same shape for every sector (the largest)
  Kokkos::View<const int*, MemorySpace> offset;      // sector k's sites: site[offset(k) .. offset(k + 1))
  Kokkos::View<const int*, MemorySpace> site;        // owned local sites by sector, in increasing order
  // Per local site one word, what an update reads about it in one load: bits 0-2 its sector, bit 3
  // set if another rank holds it (ghost or exported: changes must travel), bits 4-31 its leaf in
  // its sector's tree + 1 (0: not owned).
  Kokkos::View<const int*, MemorySpace> slot;
  KOKKOS_INLINE_FUNCTION static int leaf_of(int w) { return (w >> 4) - 1; }
  KOKKOS_INLINE_FUNCTION static int sector_of(int w) { return w & 7; }
  KOKKOS_INLINE_FUNCTION static bool shared(int w) { return (w & 8) != 0; }
  static int make_slot(int leaf, int sector, bool shared) { return ((leaf + 1) << 4) | (shared ? 8 : 0) | sector; }
};

// Per replica r: one tree row per sector, row r * n_sector + k.
template <class MemorySpace>
struct SectorTrees {
  Kokkos::View<double**, MemorySpace> tree;
};

// Sites whose occupancy changed in the current window, per replica, each once (stamp = window id),
// of those another rank holds (ghosts and exported sites; the rest never travel): what the ghost
// exchange packs. A list that outgrows its capacity keeps counting (count > capacity):
// the exchange then scans all its entries instead.
template <class MemorySpace>
struct DirtySites {
  Kokkos::View<int**, MemorySpace> list;   // (replica, k)
  Kokkos::View<int*, MemorySpace> count;   // per replica
  Kokkos::View<int**, MemorySpace> stamp;  // (replica, local site): last window the site was listed
  Kokkos::View<const int*, MemorySpace> slot;  // SectorView::slot: only shared sites are listed
  int window = 0;
  KOKKOS_INLINE_FUNCTION void add(int r, int i) const {
    if (!SectorView<MemorySpace>::shared(slot(i)) || stamp(r, i) == window) return;
    stamp(r, i) = window;
    const int n = count(r)++;
    if (n < static_cast<int>(list.extent(1))) list(r, n) = i;
  }
};

// Rate of owned site s into its leaf; for an unchanged value nothing is written. Changed leaves of
// the active row are collected (sorted) in node[0..n) for one ancestor pass; others set at once.
template <class Model, class MemorySpace>
struct SectorRefresh {
  Model model;
  KmcNetworkView<MemorySpace> net;
  KmcStateView<MemorySpace> st;
  SectorView<MemorySpace> sec;
  SectorTrees<MemorySpace> trees;

  template <int kMax>
  KOKKOS_INLINE_FUNCTION void refresh(int r, int active_row, int s, int c, int b, int* node, int& n) const {
    const int w = sec.slot(s);
    const int lf = SectorView<MemorySpace>::leaf_of(w);
    if (lf < 0) return;  // ghost (its owner keeps its rate)
    const int row = r * sec.n_sector + SectorView<MemorySpace>::sector_of(w);
    const int p = sec.tree.leaf_offset;
    const double rate = site_rate(model, net, st, r, s, c, b);
    if (rate == trees.tree(row, p + lf)) return;
    if (row != active_row || n == kMax) {
      sum_tree_set(trees.tree, row, sec.tree, lf, rate);
      return;
    }
    trees.tree(row, p + lf) = rate;
    sum_tree_note_leaf(node, n, p + lf);
  }

  // Owned sites of U(x) (the update list of basis site x's template) after x changed occupancy.
  KOKKOS_INLINE_FUNCTION void refresh_around(int r, int x) const {
    constexpr int kMax = 64;
    int node[kMax];
    int n = 0;
    const int cx = x / net.n_basis, bx = x - cx * net.n_basis;
    for (int u = net.upd_offset(bx); u < net.upd_offset(bx + 1); ++u) {
      const int c = net.cell_nbr(cx, net.upd(u, 1)), b = net.upd(u, 0);
      refresh<kMax>(r, -1, c * net.n_basis + b, c, b, node, n);
    }
  }
};

// Every owned site's rate into its sector's tree, from the model state (after init of the model).
template <class Model, class MemorySpace>
struct InitSectorTrees {
  Model model;
  KmcNetworkView<MemorySpace> net;
  KmcStateView<MemorySpace> st;
  SectorView<MemorySpace> sec;
  SectorTrees<MemorySpace> trees;
  int n_local = 0;  // local sites (owned, ghost and the padding cell)
  KOKKOS_INLINE_FUNCTION void operator()(int r) const {
    model.init(st.occ, r, n_local);
    for (int k = 0; k < sec.n_sector; ++k) {
      const int row = r * sec.n_sector + k;
      for (int i = 0; i < sec.tree.size; ++i) trees.tree(row, i) = 0.0;
      for (int q = sec.offset(k); q < sec.offset(k + 1); ++q)
        trees.tree(row, sec.tree.leaf_offset + q - sec.offset(k)) = site_rate(model, net, st, r, sec.site(q));
      sum_tree_rebuild(trees.tree, row, sec.tree);
    }
  }
};

// The domain's per-site bookkeeping that an update reads: the slot words (prefetch_update).
template <class View>
struct SiteLeavesT {
  View leaf;
  KOKKOS_FORCEINLINE_FUNCTION void operator()(int first, int k, int n) const {
    prefetch_bytes(&leaf(first + k), n * static_cast<int>(sizeof(int)));
  }
};

// One window of sector `k` for every replica: events until the sector clock would pass `window`
// (the draw that would pass it is discarded: exponential waiting times are memoryless).
template <class Model, class MemorySpace>
struct AdvanceSector {
  SectorRefresh<Model, MemorySpace> up;
  std::uint64_t seed = 0;
  Kokkos::View<const std::uint64_t*, MemorySpace> stream;  // per replica: the Philox replica word
  int k = 0;             // active sector
  double window = 0;     // s
  int journal_capacity = HopJournal::kCapacity;
  Kokkos::View<const std::uint8_t*, MemorySpace> active;  // per replica: 1 if it runs this window
  DirtySites<MemorySpace> dirty;

  KOKKOS_INLINE_FUNCTION void operator()(int r) const {
    if (!active(r)) return;
    const auto& net = up.net;
    const auto& st = up.st;
    const auto& sec = up.sec;
    const auto& model = up.model;
    const int row = r * sec.n_sector + k;
    HopJournal journal;
    journal.capacity = journal_capacity;
    double tau = 0;
    for (;;) {
      const double total = sum_tree_total(up.trees.tree, row);
      if (!(total > 0.0)) break;
      const Uniform4 u = philox_uniform2(seed, stream(r), st.counter(r), kStreamKmcDomains);
      st.counter(r) += 1;
      const double dt = -kmc_log(u.u[1]) / total;
      if (!(tau + dt < window)) break;
      tau += dt;
      double x = u.u[0] * total;
      const int lf = sum_tree_select(up.trees.tree, row, sec.tree, x);
      const int s = sec.site(sec.offset(k) + lf);
      const int cell = s / net.n_basis, b = s - cell * net.n_basis;
      int t = -1;
      const int chosen = choose_hop(model, net, st, r, s, cell, b, x, t);
      if (net.pair_cell_offset.extent(0) != 0) prefetch_update(model, net, r, cell, chosen, SiteLeavesT<decltype(sec.slot)>{sec.slot});
      st.occ(r, s) = 0;
      st.occ(r, t) = 1;
      const int kind = net.hop(chosen, 2);
      if (journal.add(s, t, kind)) journal.flush(st.disp, net.kind_vec, r);
      model.move(r, s, t);
      dirty.add(r, s);
      dirty.add(r, t);
      st.hop_count(r, net.kind_class(kind)) += 1;
      st.events(r) += 1;
      update(r, row, s, cell, t, chosen);
    }
    journal.flush(st.disp, net.kind_vec, r);
  }

  // Owned sites of U(s) ∪ U(t) (precomputed union per template hop where there is one).
  KOKKOS_INLINE_FUNCTION void update(int r, int row, int s, int cs, int t, int h) const {
    const auto& net = up.net;
    constexpr int kMax = 64;
    int node[kMax];
    int n = 0;
    if (net.pair_offset.extent(0) != 0) {
      for (int e = net.pair_offset(h); e < net.pair_offset(h + 1); ++e) {
        const int c = net.cell_nbr(cs, net.pair(e, 1)), b = net.pair(e, 0);
        up.template refresh<kMax>(r, row, c * net.n_basis + b, c, b, node, n);
      }
    } else {
      const int ends[2] = {s, t};
      for (int q = 0; q < 2; ++q) {
        const int cx = ends[q] / net.n_basis, bx = ends[q] - cx * net.n_basis;
        for (int u = net.upd_offset(bx); u < net.upd_offset(bx + 1); ++u) {
          const int c = net.cell_nbr(cx, net.upd(u, 1)), b = net.upd(u, 0);
          up.template refresh<kMax>(r, row, c * net.n_basis + b, c, b, node, n);
        }
      }
    }
    sum_tree_refresh_ancestors(up.trees.tree, row, node, n);
  }
};

// Occupancy changes made by other ranks, applied per replica in order: rows [first(r), first(r+1))
// of (site, occupied, dx, dy, dz). Reverse (`with_disp`): ions that hopped into this rank's owned
// sites from a neighbour's sector, with their displacement; the sites join the dirty list (the
// forward exchange tells the other ghost holders). Forward: ghost sites, whose shadow byte
// (entry ghost_entry(i)) records what the owner said.
template <class Model, class MemorySpace>
struct ApplyRemoteChanges {
  SectorRefresh<Model, MemorySpace> up;
  Kokkos::View<const int*, MemorySpace> first;
  Kokkos::View<const double* [5], MemorySpace> rows;
  bool with_disp = false;
  Kokkos::View<int*, MemorySpace> conflicts;  // per replica: arrivals on an occupied site (must stay 0)
  DirtySites<MemorySpace> dirty;
  Kokkos::View<const int*, MemorySpace> ghost_entry;  // per local site: its ghost entry, -1 if none
  Kokkos::View<std::uint8_t**, MemorySpace> ghost_shadow;
  KOKKOS_INLINE_FUNCTION void operator()(int r) const {
    const auto& st = up.st;
    for (int q = first(r); q < first(r + 1); ++q) {
      const int i = static_cast<int>(rows(q, 0));
      const bool arrive = rows(q, 1) != 0.0;
      const bool was = st.occ(r, i) != 0;
      if (with_disp) dirty.add(r, i);
      else ghost_shadow(r, ghost_entry(i)) = arrive ? 1 : 0;
      if (was == arrive) {  // a ghost update this rank made itself: fine; an arrival from another rank: a conflict
        if (arrive && with_disp) conflicts(r) += 1;
        continue;
      }
      st.occ(r, i) = arrive ? 1 : 0;
      if (with_disp)
        for (int a = 0; a < 3; ++a) st.disp(r, i, a) = arrive ? rows(q, 2 + a) : 0.0;
      up.model.place(r, i, arrive);
      up.refresh_around(r, i);
    }
  }
};

// Per replica: Σ_i Δr_{i,a}² (a = 0..2) and Σ_i Δr_{i,a} (3..5) over the owned sites.
template <class MemorySpace>
struct SumOwnedDisplacements {
  KmcStateView<MemorySpace> st;
  Kokkos::View<const int*, MemorySpace> owned;
  Kokkos::View<double* [6], MemorySpace> out;
  KOKKOS_INLINE_FUNCTION void operator()(int r) const {
    double sq[3] = {0, 0, 0}, sum[3] = {0, 0, 0};
    for (int q = 0; q < static_cast<int>(owned.extent(0)); ++q)
      for (int a = 0; a < 3; ++a) {
        const double d = st.disp(r, owned(q), a);
        sq[a] += d * d;
        sum[a] += d;
      }
    for (int a = 0; a < 3; ++a) {
      out(r, a) = sq[a];
      out(r, 3 + a) = sum[a];
    }
  }
};

// Self-check: |maintained - recomputed| rate of every owned site (model `fresh` initialised from
// the occupancy), and the largest rate, per replica.
template <class Model, class MemorySpace>
struct SectorRateCheck {
  Model fresh;
  KmcNetworkView<MemorySpace> net;
  KmcStateView<MemorySpace> st;
  SectorView<MemorySpace> sec;
  SectorTrees<MemorySpace> trees;
  int n_local = 0;
  Kokkos::View<double* [2], MemorySpace> out;  // (replica): largest difference, largest rate
  KOKKOS_INLINE_FUNCTION void operator()(int r) const {
    fresh.init(st.occ, r, n_local);
    double diff = 0, big = 0;
    for (int k = 0; k < sec.n_sector; ++k)
      for (int q = sec.offset(k); q < sec.offset(k + 1); ++q) {
        const double want = site_rate(fresh, net, st, r, sec.site(q));
        const double have = trees.tree(r * sec.n_sector + k, sec.tree.leaf_offset + q - sec.offset(k));
        const double d = want > have ? want - have : have - want;
        if (d > diff) diff = d;
        if (want > big) big = want;
      }
    out(r, 0) = diff;
    out(r, 1) = big;
  }
};

// Largest leaf (site rate) of all sector trees: Γ_max for the default window.
template <class MemorySpace>
struct MaxSiteRate {
  Kokkos::View<const double**, MemorySpace> tree;
  int leaf_offset = 0, n_leaves = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int q, double& m) const {
    const int row = q / n_leaves, lf = q - row * n_leaves;
    const double v = tree(row, leaf_offset + lf);
    if (v > m) m = v;
  }
};

}  // namespace ionhop::kernels
