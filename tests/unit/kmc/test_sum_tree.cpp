#include <gtest/gtest.h>

#include <random>
#include <vector>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/sum_tree.hpp"

using namespace ionhop::kernels;

namespace {
using HostView = Kokkos::View<double**, Kokkos::HostSpace>;
}

TEST(SumTree, ShapeIsAlignedAndCompact) {
  for (int n : {1, 2, 7, 8, 9, 64, 65, 1000, 4097, 1000000}) {
    const SumTreeShape s = SumTreeShape::for_leaves(n);
    if (n > 1) EXPECT_EQ(s.size % 8, 0) << n;  // whole cache lines (n = 1: the root is the leaf)
    EXPECT_GE(s.size - s.leaf_offset, n);
    EXPECT_LT(s.size, 2.2 * n + 16) << n;  // about 8n/7 inner nodes at most, plus the leaves
    if (n > 1) {
      EXPECT_EQ(s.leaf_offset % 8, 0) << n;  // children blocks start on 64-byte lines
      EXPECT_EQ(SumTreeShape::first_child(SumTreeShape::root()), 8);
      EXPECT_EQ(SumTreeShape::parent(15), SumTreeShape::root());
      EXPECT_EQ(SumTreeShape::parent(SumTreeShape::first_child(100)), 100);
      EXPECT_EQ(SumTreeShape::parent(SumTreeShape::first_child(100) + 7), 100);
    }
  }
}

TEST(SumTree, TotalsAndUpdatesMatchDirectSums) {
  for (int n : {1, 5, 37, 513, 5000}) {
    const SumTreeShape shape = SumTreeShape::for_leaves(n);
    HostView t("t", 2, shape.size);
    std::mt19937 g(3);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> w(n);
    for (int i = 0; i < n; ++i) sum_tree_set(t, 1, shape, i, w[i] = u(g));
    double s = 0;
    for (double x : w) s += x;
    EXPECT_NEAR(sum_tree_total(t, 1), s, 1e-10);
    EXPECT_EQ(sum_tree_total(t, 0), 0.0);  // other replica untouched
    for (int k = 0; k < 100; ++k) sum_tree_set(t, 1, shape, static_cast<int>(g() % n), w[g() % n] = 0);
    for (int i = 0; i < n; ++i) sum_tree_set(t, 1, shape, i, w[i]);
    double direct = 0;
    for (double x : w) direct += x;
    EXPECT_NEAR(sum_tree_total(t, 1), direct, 1e-10) << n;
  }
}

TEST(SumTree, SelectsEachLeafWithItsWeight) {
  const int n = 70;  // two levels above the leaves, last block partly used
  const SumTreeShape shape = SumTreeShape::for_leaves(n);
  HostView t("t", 1, shape.size);
  std::vector<double> w(n, 0.0);
  for (int i = 0; i < n; ++i) w[i] = (i % 3 == 1) ? 0.0 : 1.0 + i % 5;  // zero-weight leaves never chosen
  double total = 0;
  for (int i = 0; i < n; ++i) {
    sum_tree_set(t, 0, shape, i, w[i]);
    total += w[i];
  }
  ASSERT_DOUBLE_EQ(sum_tree_total(t, 0), total);
  // Deterministic sweep over [0, total): the fraction landing on each leaf is its weight share.
  std::vector<int> hits(n, 0);
  const int m = 200000;
  for (int k = 0; k < m; ++k) {
    double x = (k + 0.5) / m * total;
    const int leaf = sum_tree_select(t, 0, shape, x);
    ASSERT_GE(leaf, 0);
    ASSERT_LT(leaf, n);
    ASSERT_GE(x, 0.0);
    ASSERT_LE(x, w[leaf]);
    ++hits[leaf];
  }
  for (int i = 0; i < n; ++i) EXPECT_NEAR(hits[i] / double(m), w[i] / total, 2e-5) << "leaf " << i;
  // Boundaries: x at (or by round-off beyond) the total gives the last non-empty leaf, 0 the first.
  int last = n - 1;
  while (w[last] == 0) --last;
  double x = total * (1 + 1e-15);
  EXPECT_EQ(sum_tree_select(t, 0, shape, x), last);
  x = 0.0;
  EXPECT_EQ(sum_tree_select(t, 0, shape, x), 0);
}

TEST(SumTree, RebuildEqualsIncrementalSets) {
  const int n = 1000;
  const SumTreeShape shape = SumTreeShape::for_leaves(n);
  HostView a("a", 1, shape.size), b("b", 1, shape.size);
  for (int i = 0; i < n; ++i) {
    sum_tree_set(a, 0, shape, i, 0.1 * i);
    b(0, shape.leaf_offset + i) = 0.1 * i;
  }
  sum_tree_rebuild(b, 0, shape);
  for (int k = 0; k < shape.size; ++k) EXPECT_EQ(a(0, k), b(0, k)) << k;
}
