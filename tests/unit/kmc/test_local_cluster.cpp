// The local_cluster_expansion model (doc/theory/kmc.md §10) against the reference model's own
// numbers (Deng et al., Nat. Commun. 13, 4470 (2022); tests/data/nasicon_lce_deng2022/): the 15 NEB
// training configurations' correlation vectors and predicted E_KRA, E_site; the same numbers
// through the KMC engine on the shipped NASICON structure; detailed balance; update sets.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "engine/models/model_spec.hpp"

namespace ionhop {
namespace {

const std::string kRepo = IONHOP_REPO_DIR;
const std::string kData = kRepo + "/tests/data/nasicon_lce_deng2022/";

struct TrainingConfig {
  std::vector<double> corr_kra, corr_site;
  double kra = 0, site = 0;  // reference model's predictions, eV
};

std::vector<double> split_numbers(const std::string& s) {
  std::istringstream in(s);
  std::vector<double> v;
  for (double x; in >> x;) v.push_back(x);
  return v;
}

std::vector<TrainingConfig> training() {
  std::ifstream csv(kData + "nasicon_neb_training_data.csv");
  std::string line;
  std::getline(csv, line);  // header
  std::vector<TrainingConfig> out;
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    if (f.size() != 9) continue;
    out.push_back({split_numbers(f[7]), split_numbers(f[8]), 0, 0});
  }
  std::ifstream js(kData + "nasicon_model_parameters.json");
  const auto j = nlohmann::json::parse(js);
  for (size_t c = 0; c < out.size(); ++c) {  // full-precision predictions, meV
    out[c].kra = j["kra"]["model_prediction_on_training_meV"][c].get<double>() * 1e-3;
    out[c].site = j["site"]["model_prediction_on_training_meV"][c].get<double>() * 1e-3;
  }
  return out;
}

LocalClusterSpec shipped(const std::string& rule = "canonical") {
  LocalClusterSpec m = std::get<LocalClusterSpec>(read_model_file(kRepo + "/potentials/nasicon_lce_deng2022.toml"));
  m.environment_rule = rule;
  return m;
}

// An environment code whose correlation vectors are those of the configuration (-1 if none).
int code_of(const LocalClusterSpec& m, const TrainingConfig& c) {
  for (unsigned code = 0; code < (1u << m.environment.size()); ++code)
    if (cluster_correlations(m.kra, code) == c.corr_kra && cluster_correlations(m.site, code) == c.corr_site)
      return static_cast<int>(code);
  return -1;
}

TEST(LocalClusterModel, ReproducesTheReferencePredictionsOfTheTrainingSet) {
  const LocalClusterSpec m = shipped();
  const auto configs = training();
  ASSERT_EQ(configs.size(), 15u);
  for (size_t c = 0; c < configs.size(); ++c) {
    const int code = code_of(m, configs[c]);
    ASSERT_GE(code, 0) << "configuration " << c << ": no occupation gives its correlation vectors";
    EXPECT_NEAR(cluster_energy(m.kra, static_cast<unsigned>(code)), configs[c].kra, 1e-6) << "configuration " << c;
    EXPECT_NEAR(cluster_energy(m.site, static_cast<unsigned>(code)), configs[c].site, 1e-6) << "configuration " << c;
  }
}

TEST(LocalClusterModel, EciFileGivesTheShippedEcis) {
  const LocalClusterSpec m = shipped();
  // The shipped file's orbits with the ECIs taken from the paper's parameter file instead.
  std::ifstream in(kRepo + "/potentials/nasicon_lce_deng2022.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  for (size_t p; (p = s.find("eci = ")) != std::string::npos;) s.erase(p, s.find(", clusters", p) + 2 - p);
  for (size_t p; (p = s.find("empty_cluster = ")) != std::string::npos;) s.erase(p, s.find('\n', p) - p);
  s = "eci_file = \"" + kData + "nasicon_model_parameters.json\"\n" + s;  // a top-level key: before any table
  std::istringstream is(s);
  const auto f = std::get<LocalClusterSpec>(parse_model(toml::parse(is, "t"), "t"));
  ASSERT_EQ(f.kra.eci.size(), m.kra.eci.size());
  ASSERT_EQ(f.site.eci.size(), m.site.eci.size());
  for (size_t o = 0; o < m.kra.eci.size(); ++o) EXPECT_DOUBLE_EQ(f.kra.eci[o], m.kra.eci[o]);
  for (size_t o = 0; o < m.site.eci.size(); ++o) EXPECT_DOUBLE_EQ(f.site.eci[o], m.site.eci[o]);
  EXPECT_DOUBLE_EQ(f.kra.empty_cluster, m.kra.empty_cluster);
  EXPECT_DOUBLE_EQ(f.site.empty_cluster, m.site.empty_cluster);
}

// kMCpy's own composite model file (written in its layout from the same data) gives the same model.
TEST(LocalClusterModel, KmcpyModelFileGivesTheSameModel) {
  const LocalClusterSpec m = shipped();
  std::istringstream is("model = \"local_cluster_expansion\"\nspecies = \"Na\"\nattempt_frequency = 5e12\nkmcpy_model = \"" +
                        kData + "kmcpy_model.json\"\n");
  const auto k = std::get<LocalClusterSpec>(parse_model(toml::parse(is, "t"), "t"));
  EXPECT_EQ(k.centre, "Na1");
  EXPECT_EQ(k.environment_rule, "canonical");
  ASSERT_EQ(k.environment.size(), m.environment.size());
  for (size_t e = 0; e < m.environment.size(); ++e) {
    EXPECT_EQ(k.environment[e].species, m.environment[e].species);
    EXPECT_LT(norm(k.environment[e].offset - m.environment[e].offset), 1e-9);
  }
  EXPECT_LT(norm(k.template_centre - m.template_centre), 1e-4);  // the paper's centre to its 6 digits
  for (const auto& [a, b] : {std::pair{&k.kra, &m.kra}, std::pair{&k.site, &m.site}}) {
    EXPECT_EQ(a->orbits, b->orbits);
    ASSERT_EQ(a->eci.size(), b->eci.size());
    for (size_t o = 0; o < a->eci.size(); ++o) EXPECT_NEAR(a->eci[o], b->eci[o], 1e-15);
    EXPECT_NEAR(a->empty_cluster, b->empty_cluster, 1e-15);
  }
  // Not a composite model file: refused by name.
  std::istringstream bad("model = \"local_cluster_expansion\"\nspecies = \"Na\"\nattempt_frequency = 5e12\nkmcpy_model = \"" +
                         kData + "nasicon_model_parameters.json\"\n");
  try {
    parse_model(toml::parse(bad, "t"), "t");
    ADD_FAILURE() << "parameter file accepted as a model file";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not a kMCpy composite_lce model file"), std::string::npos) << e.what();
  }
}

// The shipped NASICON structure, supercell 2x2x1, with the model; the environment of the Na1
// centre at the template position found by plain geometry (that centre takes the offsets as they
// are), independently of the engine's mapping.
struct Nasicon {
  KmcSystem sys;
  int centre = -1;
  std::vector<int> env;  // per slot: network site (Na2) or supercell atom (Si/P)

  explicit Nasicon(const LocalClusterSpec& m) {
    const Crystal unit = read_structure(kRepo + "/structures/nasicon_Na3Zr2Si2PO12.cif");
    NetworkOptions o;
    o.species = "Na";
    const SiteNetwork net = build_network(unit, o);
    sys = build_kmc_system(unit, net, {2, 2, 1}, {}, m);
    const Lattice& lat = sys.network.lattice;
    const Vec3 c0 = m.template_centre;
    for (int i = 0; i < sys.network.n_sites(); ++i)
      if (lat.distance(sys.network.sites[static_cast<size_t>(i)].frac, lat.to_frac(c0)) < 0.01) centre = i;
    for (const auto& e : m.environment) {
      const Vec3 f = lat.to_frac(c0 + e.offset);
      int found = -1;
      if (e.species == "Na") {
        for (int i = 0; i < sys.network.n_sites(); ++i)
          if (lat.distance(sys.network.sites[static_cast<size_t>(i)].frac, f) < 0.05) found = i;
      } else {
        for (size_t a = 0; a < sys.crystal.atoms.size(); ++a)
          if (lat.distance(sys.crystal.atoms[a].frac, f) < 0.05) found = static_cast<int>(a);
      }
      env.push_back(found);
    }
  }
};

// Decoration of a replica: the centre occupied (or, with `moved`, its ion on environment slot
// `moved`), the environment as in `code`, the other ions on the first free sites.
Decoration decorate_env(const Nasicon& n, const LocalClusterSpec& m, unsigned code, int moved) {
  Decoration d = decorate(n.sys.crystal, n.sys.network, {}, 1, 0);
  std::fill(d.occupied.begin(), d.occupied.end(), 0);
  std::vector<bool> reserved(d.occupied.size(), false);
  reserved[static_cast<size_t>(n.centre)] = true;
  int ions = 0;
  for (size_t k = 0; k < m.environment.size(); ++k) {
    const bool set = (code >> k) & 1u;
    if (m.environment[k].species == "Na") {
      reserved[static_cast<size_t>(n.env[k])] = true;
      d.occupied[static_cast<size_t>(n.env[k])] = set;
      ions += set;
    } else {
      d.framework_element[static_cast<size_t>(n.env[k])] = set ? "Si" : "P";
    }
  }
  d.occupied[static_cast<size_t>(moved < 0 ? n.centre : n.env[static_cast<size_t>(moved)])] = 1;
  ++ions;
  for (size_t i = 0; i < d.occupied.size() && ions < n.sys.n_ions; ++i)
    if (!reserved[i] && !d.occupied[i]) {
      d.occupied[i] = 1;
      ++ions;
    }
  d.n_ions = ions;
  return d;
}

double rate_of(const std::vector<Ensemble::HopRate>& rates, int from, int to) {
  double r = -1;
  for (const auto& h : rates)
    if (h.from == from && h.to == to) r = h.rate;
  return r;
}

// Each training configuration around the centre, then the state after its ion hopped to the first
// vacant Na2: the engine's forward rate is ν exp(-β(E_KRA + E_site/2)) with the reference
// predictions; the backward rate reads the same environment ("canonical": ratio exp(-β E_site))
// or the present one ("current", as kMCpy).
void check_engine_against_training(const std::string& rule) {
  const LocalClusterSpec m = shipped(rule);
  Nasicon n(m);
  ASSERT_GE(n.centre, 0);
  for (int k : n.env) ASSERT_GE(k, 0);
  const auto configs = training();
  std::vector<unsigned> codes;
  std::vector<int> target;
  for (const auto& c : configs) {
    codes.push_back(static_cast<unsigned>(code_of(m, c)));
    int t = 0;
    while ((codes.back() >> t) & 1u) ++t;  // first vacant Na2 (slots 0..5)
    ASSERT_LT(t, 6);
    target.push_back(t);
  }
  const int nc = static_cast<int>(configs.size());
  n.sys.decoration = [&](std::uint64_t, std::uint64_t r, double) {
    const int c = static_cast<int>(r) % nc;
    return decorate_env(n, m, codes[static_cast<size_t>(c)], static_cast<int>(r) < nc ? -1 : target[static_cast<size_t>(c)]);
  };
  EnsembleSettings s;
  s.temperature = 473;
  s.n_replicas = 2 * nc;
  Ensemble e(n.sys, s);
  const double beta = 1.0 / (units::kB_eV * s.temperature), nu = m.attempt_frequency;
  for (int c = 0; c < nc; ++c) {
    const auto& cf = configs[static_cast<size_t>(c)];
    const int j = n.env[static_cast<size_t>(target[static_cast<size_t>(c)])];
    const double fwd = rate_of(e.hop_rates(c), n.centre, j), bwd = rate_of(e.hop_rates(c + nc), j, n.centre);
    EXPECT_NEAR(fwd / (nu * std::exp(-beta * (cf.kra + 0.5 * cf.site))), 1.0, 1e-9) << "configuration " << c;
    if (rule == "canonical") {
      EXPECT_NEAR(bwd / (nu * std::exp(-beta * (cf.kra - 0.5 * cf.site))), 1.0, 1e-9) << "configuration " << c;
      EXPECT_NEAR(fwd / bwd / std::exp(-beta * cf.site), 1.0, 1e-12) << "detailed balance, configuration " << c;
    } else {  // kMCpy: the target of the backward hop counts as occupied
      const unsigned now = codes[static_cast<size_t>(c)] | (1u << target[static_cast<size_t>(c)]);
      const double ea = cluster_energy(m.kra, now) - 0.5 * cluster_energy(m.site, now);
      EXPECT_NEAR(bwd / (nu * std::exp(-beta * ea)), 1.0, 1e-9) << "configuration " << c;
    }
  }
}

TEST(LocalClusterModel, EngineRatesAreTheReferenceModelsForTheTrainingSet) { check_engine_against_training("canonical"); }
TEST(LocalClusterModel, CurrentRuleReadsThePresentEnvironmentLikeKmcpy) { check_engine_against_training("current"); }

// After 10^5 events the incrementally updated rates equal a full recomputation.
TEST(LocalClusterModel, RatesAfterManyEventsEqualARecomputation) {
  for (const std::string rule : {"canonical", "current"}) {
    const LocalClusterSpec m = shipped(rule);
    const Crystal unit = read_structure(kRepo + "/structures/nasicon_Na3Zr2Si2PO12.cif");
    NetworkOptions o;
    o.species = "Na";
    const KmcSystem sys = build_kmc_system(unit, build_network(unit, o), {2, 2, 2}, {}, m);
    EnsembleSettings s;
    s.temperature = 573;
    s.n_replicas = 4;
    Ensemble e(sys, s);
    e.equilibrate(1e5 / (4.0 * sys.n_ions) + 1);
    EXPECT_GE(e.events_done(), 90000);  // half the hops, then as long again in simulated time
    EXPECT_LT(e.rate_consistency_error(), 1e-12) << rule;
  }
}

// Deng's site expansion is not a difference of one energy function (a Na2 ion seen from one Na1
// centre is not seen from the other): the two-ion cycle gains energy; without site ECIs it does not.
TEST(LocalClusterModel, CycleConditionIsCheckedAndTheReferenceModelFailsIt) {
  const Crystal unit = read_structure(kRepo + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions o;
  o.species = "Na";
  const SiteNetwork net = build_network(unit, o);
  LocalClusterSpec m = shipped();
  const KmcSystem sys = build_kmc_system(unit, net, {2, 2, 1}, {}, m);
  const double a = two_ion_cycle_affinity(*sys.environments);
  // Point term 2 x 66.38 meV less the pair terms of one Na2 slot (no framework bits set).
  EXPECT_GT(a, 0.05);  // 0.0997 eV
  EXPECT_LT(a, 0.3);
  for (double& e : m.site.eci) e = 0;
  EXPECT_LT(two_ion_cycle_affinity(*build_kmc_system(unit, net, {2, 2, 1}, {}, m).environments), 1e-12);
}

// Bad model files: one-line errors naming the key.
TEST(LocalClusterModel, BadModelsAreRefusedWithTheirKey) {
  const auto parse = [](const std::string& s) {
    std::istringstream is(s);
    return parse_model(toml::parse(is, "t"), "m.toml");
  };
  const std::string head = "model = \"local_cluster_expansion\"\nspecies = \"Na\"\nattempt_frequency = 1e13\ncentre = \"Na1\"\n";
  const std::string env1 = "environment = [ { offset = [1.0, 0.0, 0.0], species = \"Na\" } ]\n";
  const std::string ok_x = "[kra]\nempty_cluster = 0.3\norbits = [ { eci = 0.01, clusters = [[0]] } ]\n"
                           "[site]\nempty_cluster = 0.1\norbits = []\n";
  EXPECT_NO_THROW(parse(head + env1 + ok_x));
  const auto expect_error = [&](const std::string& text, const std::string& part) {
    try {
      parse(text);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  };
  expect_error(head + env1 + "[kra]\nempty_cluster = 0.3\norbits = [ { eci = 0.01, clusters = [[1]] } ]\n[site]\norbits = []\nempty_cluster = 0\n",
               "environment index 1");
  expect_error(head + env1 + "[kra]\norbits = []\n[site]\norbits = []\nempty_cluster = 0\n", "m.toml.kra.empty_cluster");
  expect_error(head + "environment_rule = \"sometimes\"\n" + env1 + ok_x, "environment_rule");
  std::string many = "environment = [";
  for (int k = 0; k < 17; ++k) many += " { offset = [1.0, 0.0, 0.0], species = \"Na\" },";
  expect_error(head + many + "]\n" + ok_x, "at most 16");
  expect_error(head + "environment = [ { offset = [1.0, 0.0, 0.0], species = \"Si\" } ]\n" + ok_x, "no environment site holds");
  // Against the structure: an unknown centre label, and hops the model has no centre for.
  const Crystal unit = read_structure(kRepo + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions o;
  o.species = "Na";
  LocalClusterSpec m = shipped();
  m.centre = "Na9";
  EXPECT_THROW(build_kmc_system(unit, build_network(unit, o), {2, 2, 1}, {}, m), Error);
  o.cutoff = 5.0;  // adds Na2-Na2 hops (4.7 Å)
  try {
    build_kmc_system(unit, build_network(unit, o), {2, 2, 1}, {}, shipped());
    ADD_FAILURE() << "Na2-Na2 hops accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("does not join a Na1 centre"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ionhop
