#pragma once
// Rejection-free residence-time KMC (BKL / Gillespie), one replica per parallel_for iteration
// (doc/theory/kmc.md §Algorithm). Generic in the energy model, which provides
//   occupied(occ, r, i) (the model may keep its own copy of st.occ next to its state),
//   source(r, from) (what every rate out of `from` shares), rate(source, r, to, kind, slot),
//   move(r, from, to), init(occ, r, n_sites);
// slot = cell * hop_offset(n_basis) + h names the directed hop (per-hop model data).
#include <cstdint>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/hop_journal.hpp"
#include "kernels/kmc/kmc_math.hpp"
#include "kernels/kmc/kmc_state.hpp"
#include "kernels/kmc/philox_stream.hpp"
#include "kernels/kmc/prefetch.hpp"
#include "kernels/kmc/sum_tree.hpp"

namespace ionhop::kernels {

// Outgoing rate of site s (0 if empty): Σ over its hops to empty sites.
// s = cell * n_basis + b.
template <class Model, class MemorySpace>
KOKKOS_INLINE_FUNCTION double site_rate(const Model& m, const KmcNetworkView<MemorySpace>& net,
                                        const KmcStateView<MemorySpace>& st, int r, int s, int cell, int b) {
  if (!m.occupied(st.occ, r, s)) return 0.0;
  double sum = 0;
  const int slot0 = cell * net.hop_offset(net.n_basis);
  const auto src = m.source(r, s);
  for (int h = net.hop_offset(b); h < net.hop_offset(b + 1); ++h) {
    const int t = net.site_at(cell, net.hop(h, 1), net.hop(h, 0));
    if (!m.occupied(st.occ, r, t)) sum += m.rate(src, r, t, net.hop(h, 2), slot0 + h);
  }
  return sum;
}

template <class Model, class MemorySpace>
KOKKOS_INLINE_FUNCTION double site_rate(const Model& m, const KmcNetworkView<MemorySpace>& net,
                                        const KmcStateView<MemorySpace>& st, int r, int s) {
  const int cell = s / net.n_basis;
  return site_rate(m, net, st, r, s, cell, s - cell * net.n_basis);
}

// Start the loads of the update after hop h from cell cx at once: per cell of the update set the
// model state and the per-site bookkeeping (`leaves(first, k, n)`: sites first + k .. + n - 1) of
// the blocks it touches and the first line of the cell's neighbour row. At 10^6 sites these lines
// are cache misses; issued one after the other by the update they stall it in turn
// (doc/theory/kmc.md §8). Host backends only.
template <class Model, class MemorySpace, class Leaves>
KOKKOS_FORCEINLINE_FUNCTION void prefetch_update(const Model& model, const KmcNetworkView<MemorySpace>& net, int r, int cx,
                                                 int h, const Leaves& leaves) {
#if IONHOP_HOST_PREFETCH
  const int nb = net.n_basis;
  for (int e = net.pair_cell_offset(h); e < net.pair_cell_offset(h + 1); ++e) {
    const int c = net.cell_nbr(cx, static_cast<int>(net.pair_cell(e, 0)));
    const unsigned mask = net.pair_cell(e, 1);
    const int first = c * nb, lo = 8 * __builtin_ctz(mask), hi = 8 * (32 - __builtin_clz(mask));
    prefetch_bytes(&net.cell_nbr(c, 0), 1);
    model.prefetch_sites(r, first + lo, (hi < nb ? hi : nb) - lo);
    for (unsigned m = mask; m != 0; m &= m - 1) {
      const int k = 8 * __builtin_ctz(m);
      leaves(first, k, nb - k < 8 ? nb - k : 8);
    }
  }
#else
  (void)model;
  (void)net;
  (void)r;
  (void)cx;
  (void)h;
  (void)leaves;
#endif
}

// The replica ensemble's per-site bookkeeping: the sum-tree leaves (one per site).
template <class Tree>
struct TreeLeaves {
  Tree tree;
  int r = 0, leaf0 = 0;
  KOKKOS_FORCEINLINE_FUNCTION void operator()(int first, int k, int n) const {
    prefetch_bytes(&tree(r, leaf0 + first + k), n * static_cast<int>(sizeof(double)));
  }
};

// The hop out of site s (cell, basis b) whose cumulative rate interval holds x (x < the site's
// rate): its template index, and its target in t. Round-off past the last open hop picks that one.
template <class Model, class MemorySpace>
KOKKOS_INLINE_FUNCTION int choose_hop(const Model& model, const KmcNetworkView<MemorySpace>& net,
                                      const KmcStateView<MemorySpace>& st, int r, int s, int cell, int b, double x, int& t) {
  int chosen = -1;
  const auto src = model.source(r, s);
  for (int h = net.hop_offset(b); h < net.hop_offset(b + 1); ++h) {
    const int target = net.site_at(cell, net.hop(h, 1), net.hop(h, 0));
    if (model.occupied(st.occ, r, target)) continue;
    const double rate = model.rate(src, r, target, net.hop(h, 2), cell * net.hop_offset(net.n_basis) + h);
    if (!(rate > 0.0)) continue;
    chosen = h;
    t = target;
    if (x < rate) break;
    x -= rate;
  }
  return chosen;
}

// Initialise the model state, site rates and the sum tree of replica r from its occupancy.
template <class Model, class MemorySpace>
struct InitReplicas {
  Model model;
  KmcNetworkView<MemorySpace> net;
  KmcStateView<MemorySpace> st;
  KOKKOS_INLINE_FUNCTION void operator()(int r) const {
    model.init(st.occ, r, net.n_sites);
    for (int i = 0; i < net.tree.size; ++i) st.tree(r, i) = 0.0;
    for (int leaf = 0; leaf < net.n_sites; ++leaf) st.tree(r, net.tree.leaf_offset + leaf) = site_rate(model, net, st, r, leaf);
    sum_tree_rebuild(st.tree, r, net.tree);
  }
};

// Advance each replica by at most `batch` events. Equilibration (grid_size == 0): `target_events`
// events of this phase, then on to twice the simulated time they took, ending at that time (the
// crossing event is drawn, not executed): a state at a fixed time, whatever the event count's
// parity on a bipartite network (doc/theory/kmc.md §4). Production: until every grid time has been recorded;
// samples(r, k, 0..2) = Σ_i Δr_{i,a}^2, samples(r, k, 3..5) = (Σ_i Δr_{i,a})^2 at grid time k.
template <class Model, class MemorySpace>
struct AdvanceReplicas {
  Model model;
  KmcNetworkView<MemorySpace> net;
  KmcStateView<MemorySpace> st;
  std::uint64_t seed = 0;
  std::int64_t first_replica = 0;
  std::int64_t batch = 0;
  std::int64_t target_events = 0;
  int journal_capacity = HopJournal::kCapacity;  // hops per displacement flush (hop_journal.hpp)
  int grid_size = 0;
  Kokkos::View<const double*, MemorySpace> grid;
  Kokkos::View<int*, MemorySpace> next_k;
  Kokkos::View<double***, MemorySpace> samples;

  KOKKOS_INLINE_FUNCTION void record(int r, int k) const {
    double sq[3] = {0, 0, 0}, sum[3] = {0, 0, 0};
    for (int i = 0; i < net.n_sites; ++i)  // empty sites hold 0
      for (int a = 0; a < 3; ++a) {
        const double d = st.disp(r, i, a);
        sq[a] += d * d;
        sum[a] += d;
      }
    for (int a = 0; a < 3; ++a) {
      samples(r, k, a) = sq[a];
      samples(r, k, 3 + a) = sum[a] * sum[a];
    }
  }

  // Sites affected by the change of x and y (the union of their update sets, sorted and
  // deduplicated in a small local buffer): new leaf values first, then their ancestors level by
  // level, each distinct node once (leaves come in increasing order, so equal parents are
  // adjacent). Neighbouring sites have nearby indices (cells in Morton order,
  // engine/kmc/ensemble_setup.cpp), so most ancestors are shared. Update sets too long for the
  // buffer are done one leaf path at a time (recomputing a node from its children is idempotent).
  // The new leaf value of site s = c * n_basis + b; if it changed, s is inserted into the sorted
  // list node[0..n) (changed leaves, at most kMax).
  template <int kMax>
  KOKKOS_INLINE_FUNCTION void refresh_leaf(int r, int s, int c, int b, int* node, int& n) const {
    const int p = net.tree.leaf_offset;
    const double rate = site_rate(model, net, st, r, s, c, b);
    if (rate == st.tree(r, p + s)) return;  // unchanged (often an empty site)
    if (n == kMax) {  // buffer full: this leaf's path at once
      sum_tree_set(st.tree, r, net.tree, s, rate);
      return;
    }
    st.tree(r, p + s) = rate;
    sum_tree_note_leaf(node, n, p + s);
  }

  KOKKOS_INLINE_FUNCTION void refresh_ancestors(int r, int* node, int n_changed) const {
    sum_tree_refresh_ancestors(st.tree, r, node, n_changed);
  }

  // Start the loads of the update after hop h from cell cx at once (prefetch_update below).
  KOKKOS_FORCEINLINE_FUNCTION void prefetch_update(int r, int cx, int h) const {
    kernels::prefetch_update(model, net, r, cx, h, TreeLeaves<decltype(st.tree)>{st.tree, r, net.tree.leaf_offset});
  }

  // After hop template entry h moved an ion from x (cell cx) to y: with precomputed union lists
  // (net.pair), each affected site once, no merging.
  KOKKOS_INLINE_FUNCTION void update_after_hop(int r, int x, int cx, int y, int h) const {
    if (net.pair_offset.extent(0) == 0) {
      update_around(r, x, y);
      return;
    }
    constexpr int kMax = 64;
    int node[kMax];
    int n = 0;
    for (int e = net.pair_offset(h); e < net.pair_offset(h + 1); ++e) {
      const int c = net.cell_nbr(cx, net.pair(e, 1)), b = net.pair(e, 0);
      refresh_leaf<kMax>(r, c * net.n_basis + b, c, b, node, n);
    }
    refresh_ancestors(r, node, n);
  }

  KOKKOS_INLINE_FUNCTION void update_around(int r, int x, int y) const {
    constexpr int kMax = 128;
    int node[kMax], cell[kMax], basis[kMax];  // sorted sites s = cell * n_basis + basis
    int n = 0;
    const int p = net.tree.leaf_offset;
    const int cx = x / net.n_basis, bx = x - cx * net.n_basis;
    const int cy = y / net.n_basis, by = y - cy * net.n_basis;
    const int ox = net.upd_offset(bx), nx = net.upd_offset(bx + 1) - ox;
    const int oy = net.upd_offset(by), ny = net.upd_offset(by + 1) - oy;
    for (int e = 0; e < nx + ny; ++e) {
      const int u = e < nx ? ox + e : oy + e - nx;
      const int c = net.cell_nbr(e < nx ? cx : cy, net.upd(u, 1)), b = net.upd(u, 0);
      const int s = c * net.n_basis + b;
      if (nx + ny > kMax) {  // too long for the buffer: one leaf path at a time
        const double rate = site_rate(model, net, st, r, s, c, b);
        if (rate != st.tree(r, p + s)) sum_tree_set(st.tree, r, net.tree, s, rate);
        continue;
      }
      int i = n;  // insertion into the sorted, duplicate-free node[0..n)
      while (i > 0 && node[i - 1] > s) --i;
      if (i > 0 && node[i - 1] == s) continue;
      for (int k = n; k > i; --k) {
        node[k] = node[k - 1];
        cell[k] = cell[k - 1];
        basis[k] = basis[k - 1];
      }
      node[i] = s;
      cell[i] = c;
      basis[i] = b;
      ++n;
    }
    int n_changed = 0;
    for (int i = 0; i < n; ++i) {
      const int s = node[i];
      const double rate = site_rate(model, net, st, r, s, cell[i], basis[i]);
      if (rate == st.tree(r, p + s)) continue;  // unchanged (often an empty site)
      st.tree(r, p + s) = rate;
      node[n_changed++] = p + s;
    }
    refresh_ancestors(r, node, n_changed);
  }

  KOKKOS_INLINE_FUNCTION void operator()(int r) const {
    if (st.finished(r)) return;
    const bool produce = grid_size > 0;
    const std::uint64_t gid = static_cast<std::uint64_t>(first_replica + r);
    HopJournal journal;  // displacements not yet applied: flushed before any record and return
    journal.capacity = journal_capacity;
    advance(r, gid, produce, journal);
    journal.flush(st.disp, net.kind_vec, r);
  }

  KOKKOS_INLINE_FUNCTION void advance(int r, std::uint64_t gid, bool produce, HopJournal& journal) const {
    for (std::int64_t n = 0; n < batch; ++n) {
      if (!produce && st.eq_end(r) == 0.0 && st.events(r) >= target_events) {
        st.eq_end(r) = 2.0 * st.time(r);
        if (!(st.eq_end(r) > 0.0)) {  // no event asked for (or none possible): nothing to extend
          st.finished(r) = 1;
          return;
        }
      }
      const double total = sum_tree_total(st.tree, r);
      if (!(total > 0.0)) {  // no possible event: the state is frozen for ever
        if (produce) {
          journal.flush(st.disp, net.kind_vec, r);
          for (int k = next_k(r); k < grid_size; ++k) record(r, k);
          next_k(r) = grid_size;
        }
        st.finished(r) = 1;
        return;
      }
      const Uniform4 u = philox_uniform2(seed, gid, st.counter(r), kStreamKmc);
      st.counter(r) += 1;
      const double dt = -kmc_log(u.u[1]) / total;
      if (!produce && st.eq_end(r) > 0.0 && st.time(r) + dt > st.eq_end(r)) {  // the state at eq_end
        st.time(r) = st.eq_end(r);
        st.finished(r) = 1;
        return;
      }
      if (produce) {  // grid times in [t, t + dt) see the state before this event
        int k = next_k(r);
        if (k < grid_size && grid(k) < st.time(r) + dt) journal.flush(st.disp, net.kind_vec, r);
        while (k < grid_size && grid(k) < st.time(r) + dt) record(r, k++);
        next_k(r) = k;
        if (k == grid_size) {
          st.finished(r) = 1;
          return;
        }
      }
      // Select the site, then the hop within it.
      double x = u.u[0] * total;
      const int s = sum_tree_select(st.tree, r, net.tree, x);
      const int cell = s / net.n_basis, b = s - cell * net.n_basis;
      int t = -1;
      const int chosen = choose_hop(model, net, st, r, s, cell, b, x, t);
      // Start the loads of the update set of this hop at once (no-op on GPUs; before move(), whose
      // partner words are in the set).
      if (net.pair_cell_offset.extent(0) != 0) prefetch_update(r, cell, chosen);
      // Execute the hop.
      st.occ(r, s) = 0;
      st.occ(r, t) = 1;
      const int kind = net.hop(chosen, 2);
      if (journal.add(s, t, kind)) journal.flush(st.disp, net.kind_vec, r);
      model.move(r, s, t);
      st.hop_count(r, net.kind_class(kind)) += 1;
      if (st.dopant_hops.extent(0) != 0) {
        const int slot = cell * net.hop_offset(net.n_basis) + chosen;
        st.dopant_hops(r, ((st.hop_near(r, slot >> 3) >> (slot & 7)) & 1) ? 0 : 1) += 1;
      }
      st.time(r) += dt;
      st.events(r) += 1;
      // Recompute the rates of the sites the two changed occupancies can affect.
      update_after_hop(r, s, cell, t, chosen);
    }
  }
};

}  // namespace ionhop::kernels
