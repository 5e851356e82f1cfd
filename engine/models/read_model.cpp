// Model files (doc/model-files.md): reading and checking a lattice_gas model.
#include <algorithm>
#include <cmath>
#include "engine/core/toml_file.hpp"
#include <fstream>

#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"
#include "engine/models/model_spec.hpp"
#include "engine/composition/toml_check.hpp"
#include "engine/models/read_local_cluster.hpp"

namespace ionhop {

namespace tc = tomlcheck;

namespace {

double positive(const toml::value& v, const std::string& name) {
  const double x = tc::number(v, name);
  if (!(x > 0) || !std::isfinite(x)) fail("{}: must be > 0 (got {})", name, x);
  return x;
}
double non_negative(const toml::value& v, const std::string& name) {
  const double x = tc::number(v, name);
  if (!(x >= 0) || !std::isfinite(x)) fail("{}: must be >= 0 (got {})", name, x);
  return x;
}
double finite(const toml::value& v, const std::string& name) {
  const double x = tc::number(v, name);
  if (!std::isfinite(x)) fail("{}: must be finite", name);
  return x;
}

const toml::array& array_of_tables(const toml::value& v, const std::string& name) {
  if (!v.is_array()) fail("{}: must be an array of tables ([[{}]])", name, name);
  return v.as_array();
}

LatticeGasSpec parse_lattice_gas(const toml::value& t, const std::string& where) {
  tc::allow_keys(t, where, {"model", "reference", "notes", "species", "attempt_frequency", "site_energy",
                            "kra", "pair", "coulomb", "dopant_shift", "exclusion_distance", "extra_sites"});
  LatticeGasSpec m;
  if (tc::has(t, "exclusion_distance")) m.exclusion_distance = non_negative(t.at("exclusion_distance"), where + ".exclusion_distance");
  m.attempt_frequency = positive(tc::get(t, "attempt_frequency", where), where + ".attempt_frequency");
  for (const char* k : {"reference", "notes", "species"})
    if (tc::has(t, k)) tc::string(t.at(k), where + "." + k);

  const toml::value& se = tc::get(t, "site_energy", where);
  if (!se.is_table()) fail("{}.site_energy: must be a table of label = energy (eV)", where);
  for (const auto& kv : se.as_table())
    m.site_energy.emplace_back(kv.first, finite(kv.second, where + ".site_energy." + kv.first));

  const auto& kra = array_of_tables(tc::get(t, "kra", where), where + ".kra");
  if (kra.empty()) fail("{}.kra: at least one entry is needed", where);
  for (size_t i = 0; i < kra.size(); ++i) {
    const std::string w = fmt::format("{}.kra[{}]", where, i);
    tc::allow_keys(kra[i], w, {"sites", "length", "length_tolerance", "e_kra", "attempt_frequency"});
    KraSpec k;
    const toml::value& sites = tc::get(kra[i], "sites", w);
    if (!sites.is_array() || sites.as_array().size() != 2)
      fail("{}.sites: must be a pair of site labels, e.g. [\"Na1\", \"Na2\"]", w);
    k.site_a = tc::string(sites.as_array()[0], w + ".sites");
    k.site_b = tc::string(sites.as_array()[1], w + ".sites");
    if (tc::has(kra[i], "length")) k.length = positive(kra[i].at("length"), w + ".length");
    if (tc::has(kra[i], "length_tolerance"))
      k.length_tolerance = positive(kra[i].at("length_tolerance"), w + ".length_tolerance");
    k.e_kra = non_negative(tc::get(kra[i], "e_kra", w), w + ".e_kra");
    if (tc::has(kra[i], "attempt_frequency"))
      k.attempt_frequency = positive(kra[i].at("attempt_frequency"), w + ".attempt_frequency");
    m.kra.push_back(k);
  }

  if (tc::has(t, "pair")) {
    const auto& pair = array_of_tables(t.at("pair"), where + ".pair");
    for (size_t i = 0; i < pair.size(); ++i) {
      const std::string w = fmt::format("{}.pair[{}]", where, i);
      tc::allow_keys(pair[i], w, {"r_max", "j"});
      PairShell s{positive(tc::get(pair[i], "r_max", w), w + ".r_max"), finite(tc::get(pair[i], "j", w), w + ".j")};
      if (!m.pair_shells.empty() && s.r_max <= m.pair_shells.back().r_max)
        fail("{}.r_max: shells must be given with increasing r_max ({} <= {})", w, s.r_max,
             m.pair_shells.back().r_max);
      m.pair_shells.push_back(s);
    }
  }
  if (tc::has(t, "coulomb")) {
    const toml::value& c = t.at("coulomb");
    const std::string w = where + ".coulomb";
    tc::allow_keys(c, w, {"charge", "epsilon_r", "screening_length", "cutoff", "erfc_length"});
    ScreenedCoulombSpec s;
    if (tc::has(c, "charge")) s.charge = finite(c.at("charge"), w + ".charge");
    if (tc::has(c, "epsilon_r")) s.epsilon_r = positive(c.at("epsilon_r"), w + ".epsilon_r");
    if (tc::has(c, "screening_length"))
      s.screening_length = non_negative(c.at("screening_length"), w + ".screening_length");
    if (tc::has(c, "erfc_length")) s.erfc_length = non_negative(c.at("erfc_length"), w + ".erfc_length");
    s.cutoff = positive(tc::get(c, "cutoff", w), w + ".cutoff");
    m.coulomb = s;
  }
  if (tc::has(t, "extra_sites")) {
    const toml::value& es = t.at("extra_sites");
    const std::string w = where + ".extra_sites";
    if (!es.is_array()) fail("{}: must be an array of [x, y, z] fractional positions", w);
    for (const auto& p : es.as_array()) {
      if (!p.is_array() || p.as_array().size() != 3) fail("{}: must be an array of [x, y, z] fractional positions", w);
      std::array<double, 3> f{};
      for (int a = 0; a < 3; ++a) f[static_cast<size_t>(a)] = finite(p.as_array()[static_cast<size_t>(a)], w);
      m.extra_sites.push_back(f);
    }
  }
  if (tc::has(t, "dopant_shift")) {
    const auto& ds = array_of_tables(t.at("dopant_shift"), where + ".dopant_shift");
    for (size_t i = 0; i < ds.size(); ++i) {
      const std::string w = fmt::format("{}.dopant_shift[{}]", where, i);
      tc::allow_keys(ds[i], w, {"species", "radius", "shift"});
      m.dopant_shifts.push_back({tc::string(tc::get(ds[i], "species", w), w + ".species"),
                                 positive(tc::get(ds[i], "radius", w), w + ".radius"),
                                 finite(tc::get(ds[i], "shift", w), w + ".shift")});
    }
  }
  return m;
}

ModelSpec parse_model_in(const toml::value& table, const std::string& where, const std::string& base) {
  if (!table.is_table()) fail("{}: must be a table", where);
  const std::string kind = tc::string(tc::get(table, "model", where), where + ".model");
  if (kind == "lattice_gas") return parse_lattice_gas(table, where);
  if (kind == "local_cluster_expansion") return parse_local_cluster(table, where, base);
  fail("{}.model: unknown model '{}' (known: lattice_gas, local_cluster_expansion)", where, kind);
}

}  // namespace

ModelSpec parse_model(const toml::value& table, const std::string& where) { return parse_model_in(table, where, ""); }

ModelSpec read_model_file(const std::string& path) {
  const std::string file = resolve_input_path(path);
  if (file.size() > 5 && file.compare(file.size() - 5, 5, ".json") == 0)
    fail("{}: a kMCpy model file has no attempt frequency: name it in a model TOML with model = "
         "\"local_cluster_expansion\", kmcpy_model = \"{}\" and attempt_frequency (doc/model-files.md)", file, path);
  const toml::value v = parse_toml_file(file, "model file");
  ModelSpec m = with_toml_errors(file, [&] { return parse_model_in(v, file, file); });
  std::visit([&](auto& x) { x.source = file; }, m);
  return m;
}

std::string model_kind(const ModelSpec& model) {
  return std::visit([](const auto& m) -> std::string {
    using T = std::decay_t<decltype(m)>;
    if constexpr (std::is_same_v<T, LatticeGasSpec>) return "lattice_gas";
    else return "local_cluster_expansion";
  }, model);
}

double LatticeGasSpec::interaction_range() const {
  double r = pair_shells.empty() ? 0.0 : pair_shells.back().r_max;
  if (coulomb && coulomb->cutoff > r) r = coulomb->cutoff;
  return std::max(r, exclusion_distance);
}

}  // namespace ionhop
