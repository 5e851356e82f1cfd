// One attempt frequency per hop class ([[kra]] attempt_frequency, doc/model-files.md): the engine's
// rate of every possible hop is ν_class exp(-β E_a) with the floored barrier of kernels/kmc/
// rate_floor.hpp, in all three branches and in both device forms of the state, and the forward /
// backward ratio of each class stays exp(-β ΔE) exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "engine/core/units.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "engine/models/lattice_gas_tables.hpp"
#include "tests/unit/kmc/lattices.hpp"

using namespace ionhop;

namespace {

constexpr double kA = 3.0, kC = 3.5;  // Å: hops along x, y (class 0) and along z (class 1)

// The checkerboard lattice stretched along z: A-B hops of two lengths, hence two hop classes.
SiteNetwork two_class_lattice() {
  SiteNetwork net = kmctest::simple_cubic(4, kA, true);
  net.lattice.rows[2][2] = 4 * kC;
  HopClass z = net.hop_classes[0];
  z.length = kC;
  z.per_site_a = z.per_site_b = 2;
  net.hop_classes[0].per_site_a = net.hop_classes[0].per_site_b = 4;
  net.hop_classes.push_back(z);
  for (Hop& h : net.hops)
    if (h.vector[2] != 0) {
      h.vector[2] *= kC / kA;
      h.length = kC;
      h.hop_class = 1;
    }
  return net;
}

LatticeGasSpec two_class_model(double e_b, double kra0, double nu0, double kra1, double nu1) {
  LatticeGasSpec m;
  m.attempt_frequency = 1e13;  // file-level: must not be used, both classes have their own
  m.site_energy = {{"A", 0.0}, {"B", e_b}};
  m.kra.push_back({"A", "B", kA, 0.05, kra0, nu0});
  m.kra.push_back({"A", "B", kC, 0.05, kra1, nu1});
  return m;
}

}  // namespace

TEST(ClassAttemptFrequency, TablesCarryTheClassFrequencyOrTheFileFallback) {
  LatticeGasSpec m = two_class_model(0.25, 0.05, 2e12, 0.4, 7e12);
  m.kra[1].attempt_frequency.reset();
  const SiteNetwork net = two_class_lattice();
  const LatticeGasTables t = build_lattice_gas_tables(m, net);
  for (size_t h = 0; h < net.hops.size(); ++h) EXPECT_EQ(t.hop_nu[h], net.hops[h].hop_class == 0 ? 2e12 : 1e13) << h;
}

TEST(ClassAttemptFrequency, EngineRatesUseTheClassFrequencyAndKeepDetailedBalance) {
  // B 0.25 eV above A. Class 0: E_KRA = 0.05 eV < dE/2, so A->B is floored at E_a = dE (the "up"
  // constant) and B->A at E_a = 0 (ν itself); class 1: E_KRA = 0.4 eV, unfloored.
  const double e_b = 0.25, kra[2] = {0.05, 0.4}, nu[2] = {2e12, 7e12}, temperature = 600;
  const double beta = 1.0 / (units::kB_eV * temperature);
  CompositionSpec c;
  c.ions = 30;
  const KmcSystem sys = build_kmc_system(two_class_lattice(), c, two_class_model(e_b, kra[0], nu[0], kra[1], nu[1]));
  for (bool coded : {true, false}) {
    EnsembleSettings s;
    s.temperature = temperature;
    s.seed = 9;
    s.n_replicas = 3;
    s.coded_state = coded;
    Ensemble ens(sys, s);
    for (int phase = 0; phase < 2; ++phase) {  // the random placement (all four cases), then after events
      if (phase == 1) ens.equilibrate(2);
      std::map<std::pair<int, bool>, double> seen;  // (class, from A) -> rate
      int checked = 0;
      for (int r = 0; r < s.n_replicas; ++r)
        for (const auto& h : ens.hop_rates(r)) {
          if (h.rate == 0) continue;
          const int cls = h.vector[2] != 0 ? 1 : 0;
          const bool from_a = sys.network.sites[static_cast<size_t>(h.from)].label == "A";
          const double de = from_a ? e_b : -e_b;
          const double ea = std::max(kra[cls] + 0.5 * de, std::max(0.0, de));
          EXPECT_NEAR(h.rate / (nu[cls] * std::exp(-beta * ea)), 1.0, 1e-12) << "class " << cls << " coded " << coded;
          seen[{cls, from_a}] = h.rate;
          ++checked;
        }
      EXPECT_GT(checked, 20);
      if (phase == 1) continue;
      ASSERT_EQ(seen.size(), 4u);  // both classes, both directions
      for (int cls : {0, 1}) {
        const double ratio = seen[std::make_pair(cls, true)] / seen[std::make_pair(cls, false)];
        EXPECT_NEAR(ratio / std::exp(-beta * e_b), 1.0, 1e-12) << "class " << cls;
      }
    }
    EXPECT_LT(ens.rate_consistency_error(), 1e-9);
  }
}
