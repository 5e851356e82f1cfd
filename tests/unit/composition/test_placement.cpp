// placement = "boltzmann" draws the exact canonical distribution of non-interacting ions (issue 13):
// P(config) ∝ Π_occupied exp(-E_i/kT), checked on 4 A + 4 B sites with 2 ions.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/composition/composition.hpp"
#include "tests/unit/kmc/lattices.hpp"

namespace ionhop {
namespace {

TEST(BoltzmannPlacement, DrawsTheExactCanonicalDistribution) {
  const SiteNetwork net = kmctest::simple_cubic(2, 3.0, true);  // 8 sites: 4 A, 4 B (checkerboard)
  Crystal bare;
  bare.lattice = net.lattice;
  CompositionSpec spec;
  spec.ions = 2;
  spec.placement = "boltzmann";
  const double T = 300, w = 0.5;  // exp(-E_B / kT): B sites ln 2 kT above A
  std::vector<double> e(8);
  for (int i = 0; i < 8; ++i) e[static_cast<size_t>(i)] = net.sites[static_cast<size_t>(i)].label == "B" ? -std::log(w) * 8.617333262e-5 * T : 0.0;
  // P(n_A = k) ∝ C(4, k) C(4, 2 - k) w^(2 - k): 6, 8, 1.5 (weighted sampling without replacement,
  // the previous method, gives 0.40 / 0.50 / 0.10 instead: 5σ off here).
  const double z = 6 + 8 + 1.5, exact[3] = {1.5 / z, 8 / z, 6 / z};
  const int n = 40000;
  int count[3] = {0, 0, 0};
  for (int r = 0; r < n; ++r) {
    const Decoration d = decorate(bare, net, spec, 11, static_cast<std::uint64_t>(r), PlacementWeights{&e, T});
    int na = 0, total = 0;
    for (int i = 0; i < 8; ++i) {
      total += d.occupied[static_cast<size_t>(i)];
      if (net.sites[static_cast<size_t>(i)].label == "A") na += d.occupied[static_cast<size_t>(i)];
    }
    ASSERT_EQ(total, 2);
    ++count[na];
  }
  for (int k = 0; k < 3; ++k) {
    const double f = double(count[k]) / n, sd = std::sqrt(exact[k] * (1 - exact[k]) / n);
    EXPECT_LT(std::abs(f - exact[k]), 4 * sd) << "P(n_A = " << k << ") = " << f << ", exact " << exact[k];
  }
}

}  // namespace
}  // namespace ionhop
