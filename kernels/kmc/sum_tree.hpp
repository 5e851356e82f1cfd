#pragma once
// Binary sum tree over the sites of one replica, stored in row r of a 2-D View (replica, node):
// node 1 is the root, node n has children 2n and 2n+1, leaf i is node P + i (P = power of two
// >= number of sites; node 0 unused). Update and selection are O(log P). Inner nodes are always
// recomputed from their children (no accumulated round-off from adding differences).
#include <Kokkos_Core.hpp>

namespace ionhop::kernels {

// Smallest power of two >= n (n >= 1).
KOKKOS_INLINE_FUNCTION int sum_tree_leaves(int n) {
  int p = 1;
  while (p < n) p *= 2;
  return p;
}

template <class View2>
KOKKOS_INLINE_FUNCTION void sum_tree_set(const View2& t, int r, int p, int leaf, double value) {
  int n = p + leaf;
  t(r, n) = value;
  for (n /= 2; n >= 1; n /= 2) t(r, n) = t(r, 2 * n) + t(r, 2 * n + 1);
}

// Rebuild all inner nodes from the leaves (after setting every leaf directly).
template <class View2>
KOKKOS_INLINE_FUNCTION void sum_tree_rebuild(const View2& t, int r, int p) {
  for (int n = p - 1; n >= 1; --n) t(r, n) = t(r, 2 * n) + t(r, 2 * n + 1);
}

template <class View2>
KOKKOS_INLINE_FUNCTION double sum_tree_total(const View2& t, int r) {
  return t(r, 1);
}

// Leaf whose cumulative interval contains x in [0, total); x is reduced to the offset within the
// leaf. Never returns a zero-weight leaf when total > 0 (round-off at the boundaries is steered
// to the non-empty side).
template <class View2>
KOKKOS_INLINE_FUNCTION int sum_tree_select(const View2& t, int r, int p, double& x) {
  int n = 1;
  while (n < p) {
    const double left = t(r, 2 * n);
    if ((x < left || t(r, 2 * n + 1) <= 0.0) && left > 0.0) {
      n = 2 * n;
    } else {
      x -= left;
      n = 2 * n + 1;
    }
  }
  if (x < 0) x = 0;
  return n - p;
}

}  // namespace ionhop::kernels
