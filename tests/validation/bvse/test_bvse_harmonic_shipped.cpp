// Harmonic attempt frequencies on shipped structures (doc/theory/bvse.md §3b): every hop class of
// cubic Na3PS4 (Na) and of the argyrodite Li6PS5Cl (Li) gets a ν in the phonon range 0.5-30 THz
// (in Na3PS4 from the Na1 end only: in BVSE its Na2 site is the top of the Na1-Na1 path, k < 0
// there), and the BVSE model file carries them per [[kra]] through the models reader into the
// lattice-gas tables; a fixed --attempt-frequency writes none.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "engine/bvse/bvse_model.hpp"
#include "engine/bvse/harmonic_frequency.hpp"
#include "engine/bvse/site_hop.hpp"
#include "engine/crystal/elements.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/models/lattice_gas_tables.hpp"
#include "engine/models/model_spec.hpp"
#include "engine/network/site_network.hpp"

using namespace ionhop;
using namespace ionhop::bvse;

namespace {

void check_structure(const std::string& file, const std::string& mobile) {
  const Crystal crystal = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/" + file);
  NetworkOptions no;
  no.species = mobile;
  const SiteNetwork net = build_network(crystal, no);
  FieldOptions fo;
  fo.mobile = mobile;
  const Field field = build_field(crystal, load_parameters(), fo);
  const SiteHopResult sh = compute_site_hop(field, net);
  const auto freq = hop_class_frequencies(net, hop_curvatures(field, net, sh), atomic_mass(mobile));
  ASSERT_EQ(freq.size(), net.hop_classes.size());
  for (const auto& f : freq) {
    std::cout << file << " class " << f.hop_class << ": k_a " << f.curvature_a << " k_b " << f.curvature_b
              << " eV/A^2, nu " << f.nu * 1e-12 << " THz\n";
    EXPECT_TRUE(f.curvature_a > 0 || f.curvature_b > 0) << file << " class " << f.hop_class;
    if (f.curvature_a > 0 && f.curvature_b > 0) EXPECT_NEAR(f.nu / std::sqrt(f.nu_a * f.nu_b), 1.0, 1e-12);
    else EXPECT_EQ(f.nu, std::max(f.nu_a, f.nu_b));  // the end that is a minimum
    EXPECT_GT(f.nu, 0.5e12) << file << " class " << f.hop_class;
    EXPECT_LT(f.nu, 30e12) << file << " class " << f.hop_class;
  }

  // The model file carries ν per [[kra]]; read back, the tables give each hop its class's ν.
  ModelOptions mo;
  const ModelResult m = make_model(net, sh, 0.5, mo, freq);
  EXPECT_TRUE(m.harmonic_frequency);
  const std::string path = ::testing::TempDir() + "bvse_harmonic_" + mobile + ".toml";
  std::ofstream(path) << model_toml(m, file, mobile);
  const auto read = std::get<LatticeGasSpec>(read_model_file(path));
  std::remove(path.c_str());
  EXPECT_DOUBLE_EQ(read.attempt_frequency, mo.attempt_frequency);  // the file-level fallback stays
  ASSERT_EQ(read.kra.size(), freq.size());
  for (size_t c = 0; c < freq.size(); ++c) {
    ASSERT_TRUE(read.kra[c].attempt_frequency.has_value()) << c;
    EXPECT_NEAR(*read.kra[c].attempt_frequency / freq[c].nu, 1.0, 1e-6) << c;
  }
  const LatticeGasTables tab = build_lattice_gas_tables(read, net);
  for (size_t h = 0; h < net.hops.size(); ++h)
    EXPECT_NEAR(tab.hop_nu[h] / freq[static_cast<size_t>(net.hops[h].hop_class)].nu, 1.0, 1e-6) << h;

  // A fixed attempt frequency (--attempt-frequency given) writes no per-class ν.
  mo.harmonic_frequency = false;
  mo.attempt_frequency = 4e12;
  const ModelResult fixed = make_model(net, sh, 0.5, mo, freq);
  EXPECT_FALSE(fixed.harmonic_frequency);
  for (const auto& k : fixed.spec.kra) EXPECT_FALSE(k.attempt_frequency.has_value());
  const std::string text = model_toml(fixed, file, mobile);
  size_t n_nu = 0;
  for (size_t p = text.find("\nattempt_frequency ="); p != std::string::npos; p = text.find("\nattempt_frequency =", p + 1)) ++n_nu;
  EXPECT_EQ(n_nu, 1u) << text;  // the file-level line only
}

}  // namespace

TEST(BvseHarmonicShipped, Na3PS4CubicFrequenciesAreSaneAndReachTheTables) { check_structure("Na3PS4_cubic.cif", "Na"); }
TEST(BvseHarmonicShipped, Li6PS5ClFrequenciesAreSaneAndReachTheTables) { check_structure("Li6PS5Cl.cif", "Li"); }
