#include <gtest/gtest.h>

#include <random>
#include <vector>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/sum_tree.hpp"

using namespace ionhop::kernels;

namespace {
using HostView = Kokkos::View<double**, Kokkos::HostSpace>;
}

TEST(SumTree, LeavesArePowerOfTwo) {
  EXPECT_EQ(sum_tree_leaves(1), 1);
  EXPECT_EQ(sum_tree_leaves(5), 8);
  EXPECT_EQ(sum_tree_leaves(1024), 1024);
  EXPECT_EQ(sum_tree_leaves(1025), 2048);
}

TEST(SumTree, TotalsAndUpdatesMatchDirectSums) {
  const int n = 37, p = sum_tree_leaves(n);
  HostView t("t", 2, 2 * p);
  std::mt19937 g(3);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> w(n);
  for (int i = 0; i < n; ++i) sum_tree_set(t, 1, p, i, w[i] = u(g));
  double s = 0;
  for (double x : w) s += x;
  EXPECT_NEAR(sum_tree_total(t, 1), s, 1e-12);
  EXPECT_EQ(sum_tree_total(t, 0), 0.0);  // other replica untouched
  for (int k = 0; k < 100; ++k) {
    const int i = static_cast<int>(g() % n);
    s += (w[i] = u(g)) - w[i];
    sum_tree_set(t, 1, p, i, w[i]);
  }
  double direct = 0;
  for (double x : w) direct += x;
  EXPECT_NEAR(sum_tree_total(t, 1), direct, 1e-12);
}

TEST(SumTree, SelectsEachLeafWithItsWeight) {
  const int n = 6, p = sum_tree_leaves(n);
  HostView t("t", 1, 2 * p);
  const double w[n] = {1, 0, 2, 0, 3, 4};  // zero-weight leaves must never be chosen
  for (int i = 0; i < n; ++i) sum_tree_set(t, 0, p, i, w[i]);
  ASSERT_DOUBLE_EQ(sum_tree_total(t, 0), 10.0);
  // Deterministic sweep over [0, total): the fraction landing on each leaf is its weight share.
  std::vector<int> hits(n, 0);
  const int m = 100000;
  for (int k = 0; k < m; ++k) {
    double x = (k + 0.5) / m * 10.0;
    const int leaf = sum_tree_select(t, 0, p, x);
    ASSERT_GE(leaf, 0);
    ASSERT_LT(leaf, n);
    ASSERT_GE(x, 0.0);
    ASSERT_LE(x, w[leaf]);
    ++hits[leaf];
  }
  for (int i = 0; i < n; ++i) EXPECT_NEAR(hits[i] / double(m), w[i] / 10.0, 1e-4) << "leaf " << i;
  // Boundaries: x just at the total must give the last non-empty leaf, x = 0 the first.
  double x = 10.0;
  EXPECT_EQ(sum_tree_select(t, 0, p, x), 5);
  x = 0.0;
  EXPECT_EQ(sum_tree_select(t, 0, p, x), 0);
}

TEST(SumTree, RebuildEqualsIncrementalSets) {
  const int n = 100, p = sum_tree_leaves(n);
  HostView a("a", 1, 2 * p), b("b", 1, 2 * p);
  for (int i = 0; i < n; ++i) {
    sum_tree_set(a, 0, p, i, 0.1 * i);
    b(0, p + i) = 0.1 * i;
  }
  sum_tree_rebuild(b, 0, p);
  for (int k = 1; k < 2 * p; ++k) EXPECT_EQ(a(0, k), b(0, k));
}
