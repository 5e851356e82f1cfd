#pragma once
// Sum tree over the sites of one replica, stored in row r of a 2-D View (replica, node). 8-ary:
// the 8 children of a node fill one 64-byte cache line, so selecting a leaf among 10^6 touches
// 7 lines instead of the 20 dependent loads of a binary tree; update and selection stay
// O(log N). Layout: implicit 8-ary heap with global node g at array index g + 7 (root at 7),
// children of array index i at 8(i - 6) ... 8(i - 6) + 7 (aligned), leaves from leaf_offset; the
// leaf level is allocated only up to the number of leaves rounded up to 8. Inner nodes are always
// recomputed from their children (no round-off accumulates from adding differences).
#include <Kokkos_Core.hpp>

namespace ionhop::kernels {

struct SumTreeShape {
  int n_leaves = 1;
  int leaf_offset = 7;  // array index of leaf 0
  int size = 15;        // array length of one replica's tree

  static SumTreeShape for_leaves(int n) {
    SumTreeShape s;
    s.n_leaves = n < 1 ? 1 : n;
    long long cap = 1, inner = 0;  // leaves of a full tree, inner nodes above them
    while (cap < s.n_leaves) {
      inner += cap;
      cap *= 8;
    }
    s.leaf_offset = static_cast<int>(inner) + 7;
    s.size = s.leaf_offset + ((s.n_leaves + 7) / 8) * 8;
    return s;
  }
  KOKKOS_INLINE_FUNCTION static int parent(int i) {  // i >= 8: a shift, not a signed division
    return static_cast<int>(static_cast<unsigned>(i - 8) / 8u) + 7;
  }
  KOKKOS_INLINE_FUNCTION static int first_child(int i) { return 8 * (i - 6); }
  KOKKOS_INLINE_FUNCTION static int root() { return 7; }
};

template <class View2>
KOKKOS_INLINE_FUNCTION double sum_tree_children(const View2& t, int r, int i) {
  // Pairwise: three dependent additions instead of eight on the ancestor walk's critical path.
  const int c = SumTreeShape::first_child(i);
  const double a = t(r, c) + t(r, c + 1), b = t(r, c + 2) + t(r, c + 3);
  const double d = t(r, c + 4) + t(r, c + 5), e = t(r, c + 6) + t(r, c + 7);
  return (a + b) + (d + e);
}

template <class View2>
KOKKOS_INLINE_FUNCTION void sum_tree_set(const View2& t, int r, const SumTreeShape& shape, int leaf, double value) {
  int i = shape.leaf_offset + leaf;
  t(r, i) = value;
  while (i > SumTreeShape::root()) {
    i = SumTreeShape::parent(i);
    t(r, i) = sum_tree_children(t, r, i);
  }
}

// Rebuild all inner nodes from the leaves (after setting every leaf directly; unused entries 0).
template <class View2>
KOKKOS_INLINE_FUNCTION void sum_tree_rebuild(const View2& t, int r, const SumTreeShape& shape) {
  for (int i = shape.leaf_offset - 1; i >= SumTreeShape::root(); --i)
    t(r, i) = SumTreeShape::first_child(i) < shape.size ? sum_tree_children(t, r, i) : 0.0;
}

template <class View2>
KOKKOS_INLINE_FUNCTION double sum_tree_total(const View2& t, int r) {
  return t(r, SumTreeShape::root());
}

// Inserts array index i into the sorted list node[0..n) (no duplicates are ever inserted: a leaf
// changes once per update).
KOKKOS_INLINE_FUNCTION void sum_tree_note_leaf(int* node, int& n, int i) {
  int k = n++;
  for (; k > 0 && node[k - 1] > i; --k) node[k] = node[k - 1];
  node[k] = i;
}

// After the leaves node[0..n) (sorted array indices) of row r changed: their ancestors level by
// level, each distinct node once (equal parents are adjacent in a sorted list). node is reused.
template <class View2>
KOKKOS_INLINE_FUNCTION void sum_tree_refresh_ancestors(const View2& t, int r, int* node, int n) {
  while (n > 0 && node[0] > SumTreeShape::root()) {
    int m = 0;
    for (int i = 0; i < n; ++i) {
      const int parent = SumTreeShape::parent(node[i]);
      if (m > 0 && node[m - 1] == parent) continue;
      node[m++] = parent;
      t(r, parent) = sum_tree_children(t, r, parent);
    }
    n = m;
  }
}

// Leaf whose cumulative interval contains x in [0, total); x is reduced to the offset within the
// leaf. Never returns a zero-weight leaf when total > 0 (round-off past the last non-empty child
// is steered back to it).
template <class View2>
KOKKOS_INLINE_FUNCTION int sum_tree_select(const View2& t, int r, const SumTreeShape& shape, double& x) {
  int i = SumTreeShape::root();
  while (i < shape.leaf_offset) {
    const int c = SumTreeShape::first_child(i);
    int pick = -1;
    bool found = false;
    for (int k = 0; k < 8; ++k) {
      const double v = t(r, c + k);
      if (!(v > 0.0)) continue;
      pick = c + k;
      if (x < v) {
        found = true;
        break;
      }
      x -= v;
    }
    if (!found) x = t(r, pick);  // fell off the end by round-off: top of the last non-empty child
    i = pick;
  }
  if (x < 0) x = 0;
  return i - shape.leaf_offset;
}

}  // namespace ionhop::kernels
