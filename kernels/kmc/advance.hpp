#pragma once
// Rejection-free residence-time KMC (BKL / Gillespie), one replica per parallel_for iteration
// (doc/theory/kmc.md §Algorithm). Generic in the energy model, which provides
//   rate(r, from, to, kind), move(r, from, to), init(occ, r, n_sites).
#include <cstdint>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/kmc_math.hpp"
#include "kernels/kmc/kmc_state.hpp"
#include "kernels/kmc/philox_stream.hpp"
#include "kernels/kmc/sum_tree.hpp"

namespace ionhop::kernels {

// Outgoing rate of site s (0 if empty): Σ over its hops to empty sites.
template <class Model, class MemorySpace>
KOKKOS_INLINE_FUNCTION double site_rate(const Model& m, const KmcNetworkView<MemorySpace>& net,
                                        const KmcStateView<MemorySpace>& st, int r, int s) {
  if (!st.occ(r, s)) return 0.0;
  double sum = 0;
  for (int h = net.hop_offset(s); h < net.hop_offset(s + 1); ++h) {
    const int t = net.hop(h, 0);
    if (!st.occ(r, t)) sum += m.rate(r, s, t, net.hop(h, 1));
  }
  return sum;
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

// Advance each replica by at most `batch` events. Equilibration (grid_size == 0): until
// `target_events` events of this phase. Production: until every grid time has been recorded;
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
  int n_ions = 0;
  int grid_size = 0;
  Kokkos::View<const double*, MemorySpace> grid;
  Kokkos::View<int*, MemorySpace> next_k;
  Kokkos::View<double***, MemorySpace> samples;

  KOKKOS_INLINE_FUNCTION void record(int r, int k) const {
    double sq[3] = {0, 0, 0}, sum[3] = {0, 0, 0};
    for (int i = 0; i < n_ions; ++i)
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

  // Sites affected by the change of x and y (merge of the two sorted lists, each site once): new
  // leaf values first, then their ancestors level by level, each distinct node once (leaves come
  // in increasing order, so equal parents are adjacent). Neighbouring sites have nearby indices
  // (Morton order, engine/kmc/ensemble_setup.cpp), so most ancestors are shared.
  KOKKOS_INLINE_FUNCTION void update_around(int r, int x, int y) const {
    constexpr int kMax = 64;
    int node[kMax];
    int n_changed = 0;
    const int p = net.tree.leaf_offset;
    int a = net.upd_offset(x), b = net.upd_offset(y);
    const int ae = net.upd_offset(x + 1), be = net.upd_offset(y + 1);
    while (a < ae || b < be) {
      int s;
      if (b == be || (a < ae && net.upd_index(a) < net.upd_index(b))) {
        s = net.upd_index(a++);
      } else if (a == ae || net.upd_index(b) < net.upd_index(a)) {
        s = net.upd_index(b++);
      } else {
        s = net.upd_index(a++);
        ++b;
      }
      const double rate = site_rate(model, net, st, r, s);
      if (rate == st.tree(r, p + s)) continue;  // unchanged (often an empty site)
      if (n_changed < kMax) {
        st.tree(r, p + s) = rate;
        node[n_changed++] = p + s;
      } else {
        sum_tree_set(st.tree, r, net.tree, s, rate);  // very long update lists: one path at a time
      }
    }
    while (n_changed > 0 && node[0] > SumTreeShape::root()) {
      int m = 0;
      for (int i = 0; i < n_changed; ++i) {
        const int parent = SumTreeShape::parent(node[i]);
        if (m > 0 && node[m - 1] == parent) continue;
        node[m++] = parent;
        st.tree(r, parent) = sum_tree_children(st.tree, r, parent);
      }
      n_changed = m;
    }
  }

  KOKKOS_INLINE_FUNCTION void operator()(int r) const {
    if (st.finished(r)) return;
    const bool produce = grid_size > 0;
    const std::uint64_t gid = static_cast<std::uint64_t>(first_replica + r);
    for (std::int64_t n = 0; n < batch; ++n) {
      if (!produce && st.events(r) >= target_events) {
        st.finished(r) = 1;
        return;
      }
      const double total = sum_tree_total(st.tree, r);
      if (!(total > 0.0)) {  // no possible event: the state is frozen for ever
        if (produce) {
          for (int k = next_k(r); k < grid_size; ++k) record(r, k);
          next_k(r) = grid_size;
        }
        st.finished(r) = 1;
        return;
      }
      const Uniform4 u = philox_uniform2(seed, gid, st.counter(r), kStreamKmc);
      st.counter(r) += 1;
      const double dt = -kmc_log(u.u[1]) / total;
      if (produce) {  // grid times in [t, t + dt) see the state before this event
        int k = next_k(r);
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
      int chosen = -1;
      for (int h = net.hop_offset(s); h < net.hop_offset(s + 1); ++h) {
        const int t = net.hop(h, 0);
        if (st.occ(r, t)) continue;
        const double rate = model.rate(r, s, t, net.hop(h, 1));
        if (!(rate > 0.0)) continue;
        chosen = h;
        if (x < rate) break;
        x -= rate;
      }
      // Execute the hop.
      const int t = net.hop(chosen, 0);
      const int ion = st.ion_at(r, s);
      st.ion_at(r, t) = ion;
      st.ion_at(r, s) = -1;
      st.occ(r, s) = 0;
      st.occ(r, t) = 1;
      const int kind = net.hop(chosen, 1);
      for (int a = 0; a < 3; ++a) st.disp(r, ion, a) += net.kind_vec(kind, a);
      model.move(r, s, t);
      st.hop_count(r, net.kind_class(kind)) += 1;
      st.time(r) += dt;
      st.events(r) += 1;
      // Recompute the rates of the sites the two changed occupancies can affect.
      update_around(r, s, t);
    }
  }
};

}  // namespace ionhop::kernels
