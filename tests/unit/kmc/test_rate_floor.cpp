// Detailed balance of the floored barrier: Γ(i->j)/Γ(j->i) = exp(-dE/kT) to 1e-12, also where
// E_KRA + dE/2 would be negative or below dE (the floored cases).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/units.hpp"
#include "kernels/kmc/lattice_gas.hpp"
#include "kernels/kmc/rate_floor.hpp"
#include "tests/unit/kmc/two_site_model.hpp"

using namespace ionhop::kernels;

TEST(RateFloor, BarrierIsNeverNegativeNorBelowDeltaE) {
  for (double kra : {0.0, 0.05, 0.3})
    for (double de : {-1.0, -0.2, -0.01, 0.0, 0.01, 0.2, 1.0}) {
      const double ea = floored_barrier(kra, de);
      EXPECT_GE(ea, 0.0);
      EXPECT_GE(ea, de);
      if (kra + 0.5 * de >= std::max(0.0, de)) EXPECT_EQ(ea, kra + 0.5 * de);
    }
  EXPECT_EQ(floored_barrier(0.1, -0.5), 0.0);  // downhill, floored at 0
  EXPECT_EQ(floored_barrier(0.1, 0.5), 0.5);   // uphill, floored at dE
}

TEST(RateFloor, ForwardBackwardRatioIsBoltzmann) {
  const double nu = 5e12;
  for (double temperature : {300.0, 800.0}) {
    const double beta = 1.0 / (ionhop::units::kB_eV * temperature);
    int floored = 0;
    for (double kra : {0.0, 0.02, 0.35})
      for (double de : {-0.9, -0.3, -0.05, -1e-4, 0.0, 1e-4, 0.05, 0.3, 0.9}) {
        const double fwd = hop_rate(nu, beta, kra, de), bwd = hop_rate(nu, beta, kra, -de);
        const double ratio = fwd / bwd, expect = std::exp(-beta * de);
        EXPECT_NEAR(ratio / expect, 1.0, 1e-12) << "kra " << kra << " dE " << de << " T " << temperature;
        if (kra + 0.5 * std::abs(de) < std::abs(de)) ++floored;
      }
    EXPECT_GT(floored, 4);  // the floored branch was exercised
  }
}

// The lattice-gas kernel evaluates the same floored rate from Boltzmann half-weights, without
// exp (kernels/kmc/lattice_gas.hpp): it must agree with the reference formula above to round-off,
// in the unfloored and in both floored branches, and keep the Boltzmann ratio.
TEST(RateFloor, LatticeGasKernelMatchesTheReference) {
  using Model = LatticeGasModel<Kokkos::HostSpace>;
  const double nu = 5e12;
  int floored_up = 0, floored_down = 0;
  for (double temperature : {300.0, 800.0})
    for (double kra : {0.0, 0.02, 0.35})
      for (double J : {0.0, 0.07, -0.03}) {
        Model m = ionhop::kmctest::two_site_model(nu, 1.0 / (ionhop::units::kB_eV * temperature), kra, J);
        for (double de : {-0.9, -0.3, -0.05, -1e-4, 0.0, 1e-4, 0.05, 0.3, 0.9}) {
          const double eps0 = 0.1, eps1 = eps0 + de;  // site energies; dE(0 -> 1) = de
          m.set_energy(0, 0, eps0);                   // ion on 0: e1 carries its J
          m.set_energy(0, 1, eps1 + J);
          const double fwd = m.rate(0, 0, 1, 0, 0);
          EXPECT_NEAR(fwd / hop_rate(nu, m.beta, kra, de), 1.0, 1e-12) << kra << " " << J << " " << de;
          m.set_energy(0, 0, eps0 + J);  // ion on 1
          m.set_energy(0, 1, eps1);
          const double bwd = m.rate(0, 1, 0, 0, 0);
          EXPECT_NEAR(bwd / hop_rate(nu, m.beta, kra, -de), 1.0, 1e-12) << kra << " " << J << " " << de;
          EXPECT_NEAR(fwd / bwd / std::exp(-m.beta * de), 1.0, 1e-12);
          if (kra + 0.5 * de < de) ++floored_up;
          if (kra + 0.5 * de < 0) ++floored_down;
        }
      }
  EXPECT_GT(floored_up, 10);  // both floored branches were exercised
  EXPECT_GT(floored_down, 10);
}
