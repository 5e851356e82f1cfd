// Percolation dimensionality on the periodic grid graph (winding-vector rank) and the bisection
// thresholds on fields whose answers are known exactly.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/bvse/grid_percolation.hpp"

using namespace ionhop::bvse;

namespace {
const std::array<int, 3> N{6, 7, 8};
size_t at(int i, int j, int k) { return (size_t(i) * N[1] + j) * N[2] + k; }
std::vector<char> empty_mask() { return std::vector<char>(size_t(N[0]) * N[1] * N[2], 0); }
}  // namespace

TEST(BvsePercolation, DimensionOfSimpleRegions) {
  auto m = empty_mask();
  EXPECT_EQ(percolation_dimension(m, N), 0);
  m[at(2, 3, 4)] = m[at(3, 3, 4)] = m[at(3, 4, 4)] = 1;  // a pocket
  EXPECT_EQ(percolation_dimension(m, N), 0);
  for (int k = 0; k < N[2]; ++k) m[at(1, 1, k)] = 1;  // channel along c
  EXPECT_EQ(percolation_dimension(m, N), 1);
  for (int i = 0; i < N[0]; ++i) m[at(i, 5, 2)] = 1;  // a second channel, along a, not touching the first
  EXPECT_EQ(percolation_dimension(m, N), 1);          // two 1D components are not a 2D one
  for (int i = 0; i < N[0]; ++i) m[at(i, 1, 2)] = 1;  // joins the c channel: one component winding along a and c
  EXPECT_EQ(percolation_dimension(m, N), 2);
  for (int j = 0; j < N[1]; ++j) m[at(4, j, 2)] = 1;  // a channel along b crossing the a channel
  EXPECT_EQ(percolation_dimension(m, N), 3);
  auto full = empty_mask();
  for (auto& x : full) x = 1;
  EXPECT_EQ(percolation_dimension(full, N), 3);
  auto slab = empty_mask();
  for (int i = 0; i < N[0]; ++i)
    for (int k = 0; k < N[2]; ++k) slab[at(i, 0, k)] = 1;
  EXPECT_EQ(percolation_dimension(slab, N), 2);
}

// A staircase channel that winds along a+b (not along a or b alone) is 1D.
TEST(BvsePercolation, DiagonalChannelIsOneDimensional) {
  const std::array<int, 3> n{6, 6, 4};
  std::vector<char> m(6 * 6 * 4, 0);
  auto idx = [&](int i, int j, int k) { return (size_t(i) * n[1] + j) * n[2] + k; };
  for (int s = 0; s < 6; ++s) {
    m[idx(s, s, 0)] = 1;
    m[idx((s + 1) % 6, s, 0)] = 1;
  }
  EXPECT_EQ(percolation_dimension(m, n), 1);
}

// E = Σ_d w_d (1 − cos 2π f_d)/2: the easiest path along axis d crosses w_d, so
// E_1D, E_2D, E_3D are the sorted w (grid points at f = 1/2 exist for even n).
TEST(BvsePercolation, ThresholdsOfSeparableField) {
  const std::array<int, 3> n{10, 12, 16};
  const double w[3] = {0.7, 1.1, 0.3};
  std::vector<double> e(size_t(n[0]) * n[1] * n[2]), r(e.size());
  for (int i = 0; i < n[0]; ++i)
    for (int j = 0; j < n[1]; ++j)
      for (int k = 0; k < n[2]; ++k) {
        const double f[3] = {double(i) / n[0], double(j) / n[1], double(k) / n[2]};
        double v = 0;
        for (int d = 0; d < 3; ++d) v += w[d] * (1 - std::cos(2 * M_PI * f[d])) / 2;
        e[(size_t(i) * n[1] + j) * n[2] + k] = v - 5.0;  // offset: thresholds are relative to E_min
        r[(size_t(i) * n[1] + j) * n[2] + k] = 2.0 - v;
      }
  const auto te = percolation_energies(e, n, 1e-6);
  EXPECT_NEAR(te.value[0], 0.3, 1e-5);
  EXPECT_NEAR(te.value[1], 0.7, 1e-5);
  EXPECT_NEAR(te.value[2], 1.1, 1e-5);
  const auto tr = percolation_radii(r, n, 1e-6);
  EXPECT_NEAR(tr.value[0], 1.7, 1e-5);
  EXPECT_NEAR(tr.value[1], 1.3, 1e-5);
  EXPECT_NEAR(tr.value[2], 0.9, 1e-5);
}
