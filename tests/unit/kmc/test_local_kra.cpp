// Local (per replica, per directed hop) KRA corrections of the lattice-gas model
// (KmcSystem::hop_kra_correction, kernels/kmc/lattice_gas.hpp): zero corrections change nothing,
// detailed balance holds with nonzero ones, the corrections land on the right hops, bad input throws.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "kernels/kmc/lattice_gas.hpp"
#include "tests/unit/kmc/lattices.hpp"
#include "tests/unit/kmc/two_site_model.hpp"

using namespace ionhop;

namespace {

KmcSystem kra_system(int ions) {
  LatticeGasSpec m = kmctest::sc_model(1e13, 0.25, 0.08);
  m.pair_shells = {{3.1, 0.06}, {4.3, -0.02}};
  CompositionSpec c;
  c.ions = ions;
  return build_kmc_system(kmctest::simple_cubic(6, 3.0, true), c, m);
}

struct RunResult {
  KmcSamples s;
  std::vector<std::uint8_t> occ_before, occ_after;
  double consistency = 0;
};

RunResult run(const KmcSystem& sys, double hops = 20) {
  Ensemble ens(sys, {600.0, 11, 2, 3});
  RunResult out;
  out.occ_before = ens.occupancy();
  ens.equilibrate(hops);
  out.s = ens.produce({0, 1e-12, 3e-12, 1e-11});
  out.occ_after = ens.occupancy();
  out.consistency = ens.rate_consistency_error();
  return out;
}

// Symmetric pseudo-random corrections in [-0.1, 0.1] eV: δ(i→j) = δ(j→i) = f(min, max, replica).
std::vector<double> symmetric_noise(const SiteNetwork& net, std::uint64_t replica) {
  std::vector<double> d(net.hops.size());
  for (size_t h = 0; h < d.size(); ++h) {
    const auto a = static_cast<std::uint64_t>(std::min(net.hops[h].from, net.hops[h].to));
    const auto b = static_cast<std::uint64_t>(std::max(net.hops[h].from, net.hops[h].to));
    const std::uint64_t x = (a * 2654435761u + b * 40503u + replica * 97u) % 1000u;
    d[h] = 0.2 * (static_cast<double>(x) / 999.0 - 0.5);
  }
  return d;
}

}  // namespace

TEST(LocalKra, ZeroCorrectionsAreBitwiseIdentical) {
  const KmcSystem plain = kra_system(90);
  KmcSystem local = plain;
  const size_t n_hops = plain.network.hops.size();
  local.hop_kra_correction = [n_hops](std::uint64_t, std::uint64_t) { return std::vector<double>(n_hops, 0.0); };
  const RunResult a = run(plain), b = run(local);
  EXPECT_EQ(a.occ_after, b.occ_after);
  EXPECT_EQ(a.s.events, b.s.events);
  EXPECT_EQ(a.s.hops_per_class, b.s.hops_per_class);
  ASSERT_EQ(a.s.tracer_sq.size(), b.s.tracer_sq.size());
  for (size_t k = 0; k < a.s.tracer_sq.size(); ++k) {
    EXPECT_EQ(a.s.tracer_sq[k], b.s.tracer_sq[k]) << k;  // bitwise
    EXPECT_EQ(a.s.collective_sq[k], b.s.collective_sq[k]) << k;
  }
  EXPECT_GT(a.s.events[0], 0);
}

TEST(LocalKra, DetailedBalanceOfTheKernelRate) {
  // Two sites, one hop kind, slots 0 (0→1) and 1 (1→0) with the same δ; the state after the hop
  // follows from e_i = ε_i + Σ J n: ion on 0: (e0, e1) = (ε0, ε1 + J); ion on 1: (ε0 + J, ε1).
  using Model = kernels::LatticeGasModel<Kokkos::HostSpace>;
  const double kT = units::kB_eV * 450.0, eps0 = 0.03, eps1 = 0.21, e_kra = 0.2;
  for (double J : {0.0, 0.07}) {
    for (double delta : {-0.19, -0.05, 0.0, 0.04, 0.31}) {  // -0.19: floored (E_KRA + δ < dE/2)
      Model m = kmctest::two_site_model(1e13, 1.0 / kT, e_kra, J);
      Kokkos::View<double** [2], Kokkos::HostSpace> dk("dk", 1, 2);
      for (int q = 0; q < 2; ++q) {
        dk(0, q, 0) = std::exp(-m.beta * delta);
        dk(0, q, 1) = std::exp(m.beta * delta);
      }
      m.hop_dkra = dk;
      m.set_energy(0, 0, eps0);
      m.set_energy(0, 1, eps1 + J);
      const double forward = m.rate(0, 0, 1, 0, 0);
      const double de = m.delta_e(0, 0, 1, 0);
      m.set_energy(0, 0, eps0 + J);
      m.set_energy(0, 1, eps1);
      const double backward = m.rate(0, 1, 0, 0, 1);
      EXPECT_NEAR(de, eps1 - eps0, 1e-14);
      EXPECT_NEAR(forward / backward / std::exp(-de / kT), 1.0, 1e-12) << "J " << J << " delta " << delta;
      // The barrier is the class one plus δ: ν exp(-β max(E_KRA + δ + dE/2, max(0, dE))) (rate_floor.hpp).
      const double ea = std::max(e_kra + delta + 0.5 * de, std::max(0.0, de));
      EXPECT_NEAR(forward / (m.nu * std::exp(-ea / kT)), 1.0, 1e-12) << "J " << J << " delta " << delta;
    }
  }
}

TEST(LocalKra, NonzeroCorrectionsKeepRatesConsistent) {
  KmcSystem sys = kra_system(90);
  const SiteNetwork net = sys.network;
  sys.hop_kra_correction = [net](std::uint64_t, std::uint64_t r) { return symmetric_noise(net, r); };
  const RunResult a = run(sys), b = run(kra_system(90));
  EXPECT_LT(a.consistency, 1e-9);
  EXPECT_NE(a.s.events, b.s.events);  // the corrections do change the dynamics
}

TEST(LocalKra, BlockedHopsLandOnTheirSites) {
  // +10 eV on every hop touching the sites of the x = 0 plane: those sites never change, while
  // without the block they do (the slot mapping device <-> network hop is what is tested).
  KmcSystem sys = kra_system(90);
  const SiteNetwork net = sys.network;
  const auto blocked = [](int i) { return i % 6 == 0; };  // x = 0 (index x + 6 (y + 6 z))
  sys.hop_kra_correction = [net, blocked](std::uint64_t, std::uint64_t) {
    std::vector<double> d(net.hops.size(), 0.0);
    for (size_t h = 0; h < d.size(); ++h)
      if (blocked(net.hops[h].from) || blocked(net.hops[h].to)) d[h] = 10.0;
    return d;
  };
  const RunResult a = run(sys), b = run(kra_system(90));
  int changed_plain = 0;
  for (size_t k = 0; k < a.occ_after.size(); ++k) {
    if (!blocked(static_cast<int>(k % 216))) continue;
    EXPECT_EQ(a.occ_before[k], a.occ_after[k]) << k;
    changed_plain += b.occ_before[k] != b.occ_after[k];
  }
  EXPECT_GT(changed_plain, 0);
  EXPECT_GT(a.s.events[0], 0);
  EXPECT_LT(a.consistency, 1e-9);
}

TEST(LocalKra, BadCorrectionsAreErrors) {
  KmcSystem sys = kra_system(50);
  const SiteNetwork net = sys.network;
  sys.hop_kra_correction = [net](std::uint64_t, std::uint64_t) {
    std::vector<double> d(net.hops.size(), 0.0);
    d[0] = 0.1;  // its reverse stays 0: breaks detailed balance
    return d;
  };
  EXPECT_THROW(Ensemble(sys, {600.0, 1, 0, 1}), Error);
  sys.hop_kra_correction = [](std::uint64_t, std::uint64_t) { return std::vector<double>(3, 0.0); };
  EXPECT_THROW(Ensemble(sys, {600.0, 1, 0, 1}), Error);
}
