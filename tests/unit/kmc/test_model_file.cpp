// Model files: the shipped NASICON model reads; bad files give errors naming the key.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>

#include "engine/core/error.hpp"
#include "engine/models/lattice_gas_tables.hpp"
#include "engine/models/model_spec.hpp"
#include "tests/unit/kmc/lattices.hpp"

using namespace ionhop;

namespace {

// Parse a model given as TOML text; return the error message ("" if none).
std::string model_error(const std::string& text) {
  try {
    std::istringstream in(text);
    const toml::value v = toml::parse(in, "test.toml");
    (void)parse_model(v, "test.toml");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

const std::string kGood = R"(
model = "lattice_gas"
attempt_frequency = 1e13
[site_energy]
A = 0.0
[[kra]]
sites = ["A", "A"]
e_kra = 0.3
[[pair]]
r_max = 3.1
j = 0.05
)";

}  // namespace

TEST(ModelFile, ReadsAGoodModel) {
  EXPECT_EQ(model_error(kGood), "");
  std::istringstream in(kGood);
  const ModelSpec m = parse_model(toml::parse(in, "t"), "t");
  const auto& lg = std::get<LatticeGasSpec>(m);
  EXPECT_EQ(lg.attempt_frequency, 1e13);
  EXPECT_EQ(lg.interaction_range(), 3.1);
  EXPECT_EQ(model_kind(m), "lattice_gas");
}

TEST(ModelFile, ErrorsNameTheKey) {
  auto expect_error = [](const std::string& text, const std::string& needle) {
    const std::string e = model_error(text);
    EXPECT_NE(e.find(needle), std::string::npos) << "error was: '" << e << "', expected to contain '" << needle << "'";
  };
  expect_error("bogus = 1\n" + kGood, "test.toml.bogus: unknown key");
  expect_error("model = \"lattice_gas\"\n[site_energy]\nA=0\n[[kra]]\nsites=[\"A\",\"A\"]\ne_kra=0.3\n",
               "test.toml.attempt_frequency: missing");
  expect_error("model = \"cluster\"\n", "test.toml.model: unknown model 'cluster'");
  std::string neg = kGood;
  neg.replace(neg.find("e_kra = 0.3"), 11, "e_kra = -0.1");
  expect_error(neg, "test.toml.kra[0].e_kra: must be >= 0");
  std::string nu = kGood;
  nu.replace(nu.find("1e13"), 4, "\"fast\"");
  expect_error(nu, "test.toml.attempt_frequency: must be a number");
  expect_error(kGood + "[[pair]]\nr_max = 2.0\nj = 0.1\n", "test.toml.pair[1].r_max: shells must be given with increasing r_max");
  expect_error(kGood + "[[dopant_shift]]\nspecies = \"Sc\"\nradius = 4.0\n", "test.toml.dopant_shift[0].shift: missing");
  std::string kra = kGood;
  kra.replace(kra.find("sites = [\"A\", \"A\"]"), 18, "sites = [\"A\"]");
  expect_error(kra, "test.toml.kra[0].sites: must be a pair");
  // A per-class attempt frequency must be a finite number > 0, named with its entry.
  for (const char* bad : {"0", "-1e12", "nan", "inf", "\"5e12\""}) {
    std::string k = kGood;
    k.replace(k.find("e_kra = 0.3"), 11, std::string("e_kra = 0.3\nattempt_frequency = ") + bad);
    expect_error(k, "test.toml.kra[0].attempt_frequency: must be");
  }
}

TEST(ModelFile, PerKraAttemptFrequencyIsReadAndOptional) {
  std::string text = kGood;
  text.replace(text.find("e_kra = 0.3"), 11, "e_kra = 0.3\nattempt_frequency = 4.5e12");
  std::istringstream in(text + "[[kra]]\nsites = [\"A\", \"B\"]\ne_kra = 0.2\n");
  const auto lg = std::get<LatticeGasSpec>(parse_model(toml::parse(in, "t"), "t"));
  ASSERT_EQ(lg.kra.size(), 2u);
  ASSERT_TRUE(lg.kra[0].attempt_frequency.has_value());
  EXPECT_EQ(*lg.kra[0].attempt_frequency, 4.5e12);
  EXPECT_FALSE(lg.kra[1].attempt_frequency.has_value());  // the file-level 1e13 applies
  EXPECT_EQ(lg.attempt_frequency, 1e13);
}

TEST(ModelFile, TablesNeedEveryClassAndAWideEnoughCell) {
  const SiteNetwork net = kmctest::simple_cubic(4, 3.0, true);
  LatticeGasSpec m = kmctest::sc_model(1e13, 0.3, 0.1);
  m.source = "m.toml";
  EXPECT_NO_THROW(build_lattice_gas_tables(m, net));
  LatticeGasSpec no_b = m;
  no_b.site_energy.pop_back();
  EXPECT_THROW(
      {
        try {
          build_lattice_gas_tables(no_b, net);
        } catch (const Error& e) {
          EXPECT_NE(std::string(e.what()).find("m.toml: site_energy has no entry for site class 'B'"), std::string::npos);
          throw;
        }
      },
      Error);
  LatticeGasSpec no_kra = m;
  no_kra.kra.pop_back();  // the A-B entry
  EXPECT_THROW(build_lattice_gas_tables(no_kra, net), Error);
  LatticeGasSpec wrong_len = m;
  wrong_len.kra = {{"A", "B", 2.5, 0.05, 0.3}};
  EXPECT_THROW(build_lattice_gas_tables(wrong_len, net), Error);
  LatticeGasSpec far = m;
  far.pair_shells = {{6.5, 0.1}};  // cell is 12 Å wide: range 6.5 Å needs > 13 Å
  EXPECT_THROW(build_lattice_gas_tables(far, net), Error);
}

TEST(ModelFile, PairTablesAreSymmetricShells) {
  const SiteNetwork net = kmctest::simple_cubic(6, 2.0);
  LatticeGasSpec m = kmctest::sc_model(1e13, 0.3);
  m.pair_shells = {{2.1, 0.1}, {2.9, 0.02}};  // 6 nearest (2 Å) + 12 second (2.83 Å) neighbours
  const LatticeGasTables t = build_lattice_gas_tables(m, net);
  for (int i = 0; i < net.n_sites(); ++i) {
    ASSERT_EQ(t.nbr_offset[i + 1] - t.nbr_offset[i], 18);
    double sum = 0;
    for (int k = t.nbr_offset[i]; k < t.nbr_offset[i + 1]; ++k) sum += t.nbr_j[k];
    EXPECT_NEAR(sum, 6 * 0.1 + 12 * 0.02, 1e-12);
  }
  for (size_t h = 0; h < net.hops.size(); ++h) EXPECT_DOUBLE_EQ(t.hop_pair[h], 0.1);
  LatticeGasSpec c = m;
  c.pair_shells.clear();
  c.coulomb = ScreenedCoulombSpec{1.0, 10.0, 0.0, 2.5};
  EXPECT_NEAR(pair_interaction(c, 2.0), 14.399645478425668 / 10.0 / 2.0, 1e-12);
  EXPECT_EQ(pair_interaction(c, 2.6), 0.0);
}

TEST(ModelFile, ShippedNasiconModelReads) {
  const ModelSpec m = read_model_file(std::string(IONHOP_REPO_DIR) + "/potentials/nasicon_lattice_gas.toml");
  const auto& lg = std::get<LatticeGasSpec>(m);
  EXPECT_DOUBLE_EQ(lg.attempt_frequency, 5e12);
  ASSERT_EQ(lg.kra.size(), 1u);
  EXPECT_NEAR(lg.kra[0].e_kra, 0.35375, 1e-5);
}

TEST(ModelFile, ErfcScreenedCoulomb) {
  std::istringstream in(kGood + "[coulomb]\ncharge = 0.5\nerfc_length = 2.0\ncutoff = 5.0\n");
  const auto lg = std::get<LatticeGasSpec>(parse_model(toml::parse(in, "t"), "t"));
  ASSERT_TRUE(lg.coulomb.has_value());
  EXPECT_EQ(lg.coulomb->erfc_length, 2.0);
  for (double r : {3.5, 4.5})  // beyond the 3.1 Å shell: the Coulomb term alone
    EXPECT_NEAR(pair_interaction(lg, r), 0.25 * 14.3996454784 * std::erfc(r / 2.0) / r, 1e-6);
  EXPECT_EQ(pair_interaction(lg, 5.1), 0.0);
  EXPECT_NE(model_error(kGood + "[coulomb]\nerfc_length = -1.0\ncutoff = 5.0\n").find("erfc_length"), std::string::npos);
}

TEST(ModelFile, ExclusionDistanceIsReadAndChecked) {
  std::istringstream in("exclusion_distance = 3.4\n" + kGood);
  const auto lg = std::get<LatticeGasSpec>(parse_model(toml::parse(in, "t"), "t"));
  EXPECT_EQ(lg.exclusion_distance, 3.4);
  EXPECT_EQ(lg.interaction_range(), 3.4);  // beyond the pair shell: the cell must be wide enough for it
  EXPECT_NE(model_error("exclusion_distance = -1.0\n" + kGood).find("exclusion_distance"), std::string::npos);
  EXPECT_NE(model_error("exclusion_distance = \"far\"\n" + kGood).find("exclusion_distance"), std::string::npos);
}
