// The coded lattice-gas state (kernels/kmc/coded_lattice_gas.hpp) against the weight form: the
// same trajectory from the same seed (rates equal to round-off, so the same events are drawn),
// with dopant site-energy shifts (several static energy levels), a second shell and a short-ranged
// screened Coulomb term (J groups that differ between the two ends of a pair); and
// the fallback to the weight form where the partners do not fit a 16-bit code.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "engine/crystal/read_structure.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"

using namespace ionhop;

namespace {

KmcSystem nasicon_system(const LatticeGasSpec& model, const CompositionSpec& comp) {
  static const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions o;
  o.species = "Na";
  static const SiteNetwork net = build_network(unit, o);
  return build_kmc_system(unit, net, {3, 3, 2}, comp, model);
}

LatticeGasSpec shipped_model() {
  return std::get<LatticeGasSpec>(read_model_file(std::string(IONHOP_REPO_DIR) + "/potentials/nasicon_lattice_gas.toml"));
}

void expect_same_run(const KmcSystem& sys, double temperature) {
  EnsembleSettings coded{temperature, 7, 0, 3};
  EnsembleSettings plain = coded;
  plain.coded_state = false;
  Ensemble a(sys, coded), b(sys, plain);
  EXPECT_TRUE(a.coded_state());
  EXPECT_FALSE(b.coded_state());
  const std::vector<double> ra = a.equilibrate(10), rb = b.equilibrate(10);
  for (size_t r = 0; r < ra.size(); ++r) EXPECT_NEAR(ra[r] / rb[r], 1.0, 1e-9);
  EXPECT_EQ(a.occupancy(), b.occupancy());
  EXPECT_LT(a.rate_consistency_error(), 1e-12);
  const KmcSamples sa = a.produce({0, 1e-10, 2e-10, 4e-10}), sb = b.produce({0, 1e-10, 2e-10, 4e-10});
  EXPECT_EQ(sa.events, sb.events);
  EXPECT_EQ(sa.hops_per_class, sb.hops_per_class);
  for (size_t q = 0; q < sa.tracer_sq.size(); ++q) EXPECT_NEAR(sa.tracer_sq[q], sb.tracer_sq[q], 1e-9 * (1 + sb.tracer_sq[q]));
  EXPECT_EQ(a.occupancy(), b.occupancy());
  EXPECT_LT(a.rate_consistency_error(), 1e-12);
}

}  // namespace

TEST(CodedState, SameTrajectoryAsWeightsWithDopantsAndSeveralJGroups) {
  LatticeGasSpec m = shipped_model();
  m.pair_shells.push_back({5.5, 0.05});  // a second, weaker shell (Na2-Na2)
  m.coulomb = ScreenedCoulombSpec{1.0, 40.0, 3.0, 5.5};  // J by distance: groups differ per site
  m.dopant_shifts.push_back({"Sc", 4.5, -0.08});
  CompositionSpec comp;
  comp.dopants.push_back({"Zr", "Sc", -1, 12, 3});
  expect_same_run(nasicon_system(m, comp), 500.0);
}

TEST(CodedState, LongRangeCoulombFallsBackToWeights) {
  LatticeGasSpec m = shipped_model();
  m.coulomb = ScreenedCoulombSpec{1.0, 30.0, 5.0, 9.0};  // many distinct J: no 16-bit code
  const KmcSystem sys = nasicon_system(m, {});
  Ensemble e(sys, {600.0, 3, 0, 2});
  EXPECT_FALSE(e.coded_state());
  e.equilibrate(5);
  EXPECT_LT(e.rate_consistency_error(), 1e-9);
}
