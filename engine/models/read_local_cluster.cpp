// Model files (doc/model-files.md): the "local_cluster_expansion" model in ionhop's TOML form, and
// the checks every form (TOML, kMCpy JSON) goes through.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "engine/composition/toml_check.hpp"
#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"
#include "engine/models/local_cluster_spec.hpp"
#include "engine/models/read_local_cluster.hpp"

namespace ionhop {

namespace tc = tomlcheck;

namespace {

constexpr int kMaxEnvironment = 16;  // 2^16 codes: the per-code rate table stays in cache (§10)

Vec3 vec3(const toml::value& v, const std::string& name) {
  if (!v.is_array() || v.as_array().size() != 3) fail("{}: must be [x, y, z] (Å)", name);
  Vec3 p{};
  for (int a = 0; a < 3; ++a) {
    p[a] = tc::number(v.as_array()[static_cast<size_t>(a)], name);
    if (!std::isfinite(p[a])) fail("{}: must be finite", name);
  }
  return p;
}

// [kra] or [site]: empty_cluster (eV) and orbits = [{ eci = eV, clusters = [[k, ...], ...] }, ...].
ClusterExpansionSpec parse_expansion(const toml::value& t, const std::string& w, bool need_eci) {
  tc::allow_keys(t, w, {"empty_cluster", "orbits"});
  ClusterExpansionSpec x;
  if (tc::has(t, "empty_cluster")) x.empty_cluster = tc::number(t.at("empty_cluster"), w + ".empty_cluster");
  else if (need_eci) fail("{}.empty_cluster: missing", w);
  const toml::value& orbits = tc::get(t, "orbits", w);
  if (!orbits.is_array()) fail("{}.orbits: must be an array of {{ eci = ..., clusters = [[...], ...] }}", w);
  for (size_t o = 0; o < orbits.as_array().size(); ++o) {
    const toml::value& ot = orbits.as_array()[o];
    const std::string wo = fmt::format("{}.orbits[{}]", w, o);
    tc::allow_keys(ot, wo, {"eci", "clusters"});
    if (tc::has(ot, "eci")) {
      if (!need_eci) fail("{}.eci: the ECIs come from eci_file; give them in one place", wo);
      x.eci.push_back(tc::number(ot.at("eci"), wo + ".eci"));
    } else if (need_eci) {
      fail("{}.eci: missing", wo);
    }
    const toml::value& cl = tc::get(ot, "clusters", wo);
    if (!cl.is_array()) fail("{}.clusters: must be an array of index lists", wo);
    std::vector<std::vector<int>> clusters;
    for (size_t c = 0; c < cl.as_array().size(); ++c) {
      const toml::value& idx = cl.as_array()[c];
      if (!idx.is_array()) fail("{}.clusters[{}]: must be a list of environment indices", wo, c);
      std::vector<int> sites;
      for (const auto& k : idx.as_array()) {
        if (!k.is_integer()) fail("{}.clusters[{}]: indices must be integers", wo, c);
        sites.push_back(static_cast<int>(k.as_integer()));
      }
      clusters.push_back(sites);
    }
    x.orbits.push_back(clusters);
  }
  return x;
}

std::string relative_to(const std::string& base, const std::string& name) {
  namespace fs = std::filesystem;
  if (!base.empty() && fs::path(name).is_relative()) {
    const fs::path p = fs::path(base).parent_path() / name;
    if (path_exists(p.string())) return p.string();
  }
  return resolve_input_path(name);
}

}  // namespace

double LocalClusterSpec::mobile_range() const {
  double r = 0;
  for (const auto& e : environment)
    if (e.species == species) r = std::max(r, norm(e.offset));
  return r;
}

std::vector<double> cluster_correlations(const ClusterExpansionSpec& x, unsigned code) {
  std::vector<double> corr(x.orbits.size(), 0.0);
  for (size_t o = 0; o < x.orbits.size(); ++o)
    for (const auto& c : x.orbits[o]) {
      unsigned mask = 0;
      for (int k : c) mask |= 1u << k;
      corr[o] += (__builtin_popcount(mask & code) & 1) ? -1.0 : 1.0;  // Π σ_k with σ = -1 on set bits
    }
  return corr;
}

double cluster_energy(const ClusterExpansionSpec& x, unsigned code) {
  const std::vector<double> corr = cluster_correlations(x, code);
  double e = x.empty_cluster;
  for (size_t o = 0; o < corr.size(); ++o) e += x.eci[o] * corr[o];
  return e;
}

void check_local_cluster(const LocalClusterSpec& s, const std::string& w) {
  if (!(s.attempt_frequency > 0) || !std::isfinite(s.attempt_frequency))
    fail("{}: attempt_frequency must be > 0 (got {})", w, s.attempt_frequency);
  if (s.species.empty()) fail("{}: species (the mobile species) is missing", w);
  if (s.centre.empty()) fail("{}: centre (label of the centre sites) is missing", w);
  if (s.environment_rule != "canonical" && s.environment_rule != "current")
    fail("{}: environment_rule must be \"canonical\" or \"current\" (got \"{}\")", w, s.environment_rule);
  const int n = static_cast<int>(s.environment.size());
  if (n == 0) fail("{}: the local environment has no sites", w);
  if (n > kMaxEnvironment) fail("{}: {} environment sites; at most {} are supported", w, n, kMaxEnvironment);
  if (!(s.tolerance > 0 && s.tolerance < 1)) fail("{}: tolerance must be in (0, 1) Å (got {})", w, s.tolerance);
  bool any_mobile = false;
  for (const auto& e : s.environment) any_mobile = any_mobile || e.species == s.species;
  if (!any_mobile) fail("{}: no environment site holds the mobile species {}: no hop has a target", w, s.species);
  for (const auto* x : {&s.kra, &s.site}) {
    const std::string wx = w + (x == &s.kra ? ".kra" : ".site");
    if (x->eci.size() != x->orbits.size())
      fail("{}: {} ECIs for {} orbits", wx, x->eci.size(), x->orbits.size());
    for (size_t o = 0; o < x->orbits.size(); ++o) {
      if (!std::isfinite(x->eci[o])) fail("{}.orbits[{}].eci: must be finite", wx, o);
      if (x->orbits[o].empty()) fail("{}.orbits[{}]: has no clusters", wx, o);
      for (const auto& c : x->orbits[o]) {
        if (c.empty()) fail("{}.orbits[{}]: an empty cluster (use empty_cluster)", wx, o);
        for (int k : c)
          if (k < 0 || k >= n) fail("{}.orbits[{}]: environment index {} is not in 0..{}", wx, o, k, n - 1);
        for (size_t a = 0; a < c.size(); ++a)
          for (size_t b = a + 1; b < c.size(); ++b)
            if (c[a] == c[b]) fail("{}.orbits[{}]: a cluster names site {} twice", wx, o, c[a]);
      }
    }
  }
}

LocalClusterSpec parse_local_cluster(const toml::value& t, const std::string& where, const std::string& base) {
  tc::allow_keys(t, where, {"model", "reference", "notes", "species", "attempt_frequency", "centre", "environment_rule",
                            "environment", "template_centre", "tolerance", "kra", "site", "eci_file", "kmcpy_model"});
  for (const char* k : {"reference", "notes"})
    if (tc::has(t, k)) tc::string(t.at(k), where + "." + k);
  const double nu = tc::number(tc::get(t, "attempt_frequency", where), where + ".attempt_frequency");
  const std::string rule =
      tc::has(t, "environment_rule") ? tc::string(t.at("environment_rule"), where + ".environment_rule") : "canonical";
  LocalClusterSpec s;
  if (tc::has(t, "kmcpy_model")) {  // environment, orbits and ECIs from a kMCpy model file
    for (const char* k : {"centre", "environment", "template_centre", "kra", "site", "eci_file"})
      if (tc::has(t, k)) fail("{}.{}: given by kmcpy_model; remove one of them", where, k);
    const std::string file = relative_to(base, tc::string(t.at("kmcpy_model"), where + ".kmcpy_model"));
    s = read_kmcpy_model(file, nu, rule);
  } else {
    s.attempt_frequency = nu;
    s.environment_rule = rule;
    s.centre = tc::string(tc::get(t, "centre", where), where + ".centre");
    const toml::value& env = tc::get(t, "environment", where);
    if (!env.is_array()) fail("{}.environment: must be an array of {{ offset = [x, y, z], species = \"...\" }}", where);
    for (size_t k = 0; k < env.as_array().size(); ++k) {
      const toml::value& e = env.as_array()[k];
      const std::string w = fmt::format("{}.environment[{}]", where, k);
      tc::allow_keys(e, w, {"offset", "species"});
      s.environment.push_back({vec3(tc::get(e, "offset", w), w + ".offset"), tc::string(tc::get(e, "species", w), w + ".species")});
    }
    if (tc::has(t, "template_centre")) {
      s.has_template_centre = true;
      s.template_centre = vec3(t.at("template_centre"), where + ".template_centre");
    }
    const bool eci_file = tc::has(t, "eci_file");
    s.kra = parse_expansion(tc::get(t, "kra", where), where + ".kra", !eci_file);
    s.site = parse_expansion(tc::get(t, "site", where), where + ".site", !eci_file);
    if (eci_file) read_eci_json(relative_to(base, tc::string(t.at("eci_file"), where + ".eci_file")), s, where + ".eci_file");
  }
  if (tc::has(t, "tolerance")) s.tolerance = tc::number(t.at("tolerance"), where + ".tolerance");
  const std::string sp = tc::string(tc::get(t, "species", where), where + ".species");
  if (!s.species.empty() && s.species != sp) fail("{}.species: {} here, {} in the kMCpy model", where, sp, s.species);
  s.species = sp;
  check_local_cluster(s, where);
  return s;
}

}  // namespace ionhop
