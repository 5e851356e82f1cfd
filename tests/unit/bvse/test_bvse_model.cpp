// KMC model "bvse": calibration arithmetic and the model file round trip through the models reader.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "engine/bvse/bvse_model.hpp"
#include "engine/core/error.hpp"
#include "engine/models/lattice_gas_tables.hpp"
#include "engine/models/model_spec.hpp"

using namespace ionhop;
using namespace ionhop::bvse;

namespace {
// Two site classes A (2 sites) and B (1 site), one hop class A-B of 3 Å.
SiteNetwork toy_network() {
  SiteNetwork n;
  n.species = "Na";
  n.lattice.rows = {{{9, 0, 0}, {0, 9, 0}, {0, 0, 9}}};
  n.site_classes = {{"Na1", 'b', 2, 1.0}, {"Na2", 'e', 1, 1.0}};
  n.sites = {{"Na1", 0, 0, {0, 0, 0}, 1, -1}, {"Na1", 0, 0, {0.5, 0, 0}, 1, -1}, {"Na2", 1, 1, {0.25, 0, 0}, 1, -1}};
  n.hop_classes.push_back({0, 1, 3.0, 1, 2, 0.5, {}});
  auto hop = [](int a, int b, double dx) {
    Hop h;
    h.from = a, h.to = b, h.vector = {dx, 0, 0}, h.length = 3.0, h.hop_class = 0;
    return h;
  };
  n.hops = {hop(0, 2, 3), hop(1, 2, -3), hop(2, 0, -3), hop(2, 1, 3)};
  n.hop_offset = {0, 1, 2, 4};
  return n;
}
SiteHopResult toy_energies() {
  SiteHopResult r;
  r.site_energy = {-1.0, -1.0, -0.6};  // Na2 0.4 eV above Na1
  r.saddle_energy = {0.0, 0.0, 0.0, 0.0};
  r.straight_saddle = r.saddle_energy;
  return r;
}
}  // namespace

TEST(BvseModel, UncalibratedEnergies) {
  const ModelResult m = make_model(toy_network(), toy_energies(), 0.9, {});
  EXPECT_FALSE(m.calibrated);
  ASSERT_EQ(m.spec.kra.size(), 1u);
  EXPECT_NEAR(m.spec.kra[0].e_kra, 1.0 - 0.2, 1e-12);  // saddle − (E_a + E_b)/2
  for (const auto& [label, e] : m.spec.site_energy) EXPECT_NEAR(e, label == "Na1" ? 0.0 : 0.4, 1e-12);
}

TEST(BvseModel, CalibrationToMeasuredEaScalesEverything) {
  ModelOptions o;
  o.calibration.measured_ea = 0.36;
  const ModelResult m = make_model(toy_network(), toy_energies(), 0.9, o);
  EXPECT_NEAR(m.scale, 0.4, 1e-12);
  EXPECT_NEAR(m.spec.kra[0].e_kra, 0.4 * 0.8, 1e-12);
  for (const auto& [label, e] : m.spec.site_energy) EXPECT_NEAR(e, label == "Na1" ? 0.0 : 0.16, 1e-12);
  o.calibration.shift = 0.1;  // both ways at once is an error
  EXPECT_THROW(make_model(toy_network(), toy_energies(), 0.9, o), Error);
  ModelOptions s;
  s.calibration.shift = -0.9;  // would make E_KRA negative
  EXPECT_THROW(make_model(toy_network(), toy_energies(), 0.9, s), Error);
}

TEST(BvseModel, MobileIonCoulombIsSoftBvCationCationTerm) {
  const Parameters p = load_parameters();
  const double s_q = 0.9;
  const ScreenedCoulombSpec c = mobile_ion_coulomb(p, "Na", 1, s_q, 0.74);
  const double rc = p.ion("Na").rc, n = p.ion("Na").n;
  LatticeGasSpec spec;
  spec.coulomb = c;
  for (double r : {2.5, 3.5, 4.5})
    EXPECT_NEAR(pair_interaction(spec, r), 14.3996454784 * s_q / n * std::erfc(r / (0.74 * 2 * rc)) / r, 1e-9);
  EXPECT_LE(pair_interaction(spec, c.cutoff), 1e-3);  // cut where J < 1 meV
  EXPECT_GT(pair_interaction(spec, c.cutoff - 0.05), 1e-3);
  ModelOptions o;  // a BVSE energy: scaled with the others
  o.coulomb = c;
  o.coulomb_from_bvse = true;
  o.calibration.scale = 0.5;
  EXPECT_NEAR(make_model(toy_network(), toy_energies(), 0.9, o).spec.coulomb->charge, c.charge * std::sqrt(0.5), 1e-12);
}

TEST(BvseModel, ModelFileReadsBackThroughModelsReader) {
  ModelOptions o;
  o.calibration.scale = 0.5;
  o.calibration.shift = 0.05;
  o.coulomb = ScreenedCoulombSpec{1.0, 10.0, 3.0, 8.0};
  o.exclusion_distance = 2.42;
  ModelResult m = make_model(toy_network(), toy_energies(), 0.9, o);
  m.spec.extra_sites = {{0.5, 0.125, 0.25}};
  const std::string path = ::testing::TempDir() + "bvse_model_test.toml";
  std::ofstream(path) << model_toml(m, "toy", "Na");
  const ModelSpec read = read_model_file(path);
  const auto& lg = std::get<LatticeGasSpec>(read);
  EXPECT_DOUBLE_EQ(lg.attempt_frequency, 1e13);
  ASSERT_EQ(lg.kra.size(), 1u);
  EXPECT_NEAR(lg.kra[0].e_kra, 0.5 * 0.8 + 0.05, 1e-6);
  EXPECT_NEAR(lg.kra[0].length, 3.0, 1e-6);
  ASSERT_TRUE(lg.coulomb.has_value());
  EXPECT_DOUBLE_EQ(lg.coulomb->cutoff, 8.0);
  EXPECT_EQ(lg.exclusion_distance, 2.42);
  ASSERT_EQ(lg.extra_sites.size(), 1u);
  EXPECT_NEAR(lg.extra_sites[0][1], 0.125, 1e-6);
  std::remove(path.c_str());
}
