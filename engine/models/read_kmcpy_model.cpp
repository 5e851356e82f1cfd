// kMCpy's own model files (JSON) as a local_cluster_expansion spec (doc/model-files.md):
//  - the composite model file (filetype "kmcpy.model_file", model_type "composite_lce"): per part
//    ("kra", "site") the LocalClusterExpansion ("lce": center_site, MigrationUnit_structure with
//    the environment sites' Cartesian offsets, cluster_site_indices per orbit, the Chebyshev basis)
//    and its "parameters" (keci, empty_cluster in meV);
//  - Deng et al.'s published parameter file (kra/site -> empty_cluster_meV, keci_meV), ECIs only.
#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "engine/core/error.hpp"
#include "engine/models/local_cluster_spec.hpp"

namespace ionhop {

namespace {

using json = nlohmann::json;

json load(const std::string& file) {
  std::ifstream in(file);
  if (!in) fail("{}: cannot open the file", file);
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    fail("{}: not valid JSON ({})", file, e.what());
  }
}

const json& at(const json& j, const std::string& key, const std::string& where) {
  if (!j.is_object() || !j.contains(key)) fail("{}: '{}' is missing", where, key);
  return j.at(key);
}

double number(const json& j, const std::string& where) {
  if (!j.is_number()) fail("{}: must be a number", where);
  const double x = j.get<double>();
  if (!std::isfinite(x)) fail("{}: must be finite", where);
  return x;
}

std::vector<double> numbers(const json& j, const std::string& where) {
  if (!j.is_array()) fail("{}: must be a list of numbers", where);
  std::vector<double> v;
  for (size_t i = 0; i < j.size(); ++i) v.push_back(number(j[i], fmt::format("{}[{}]", where, i)));
  return v;
}

constexpr double kMeV = 1e-3;  // eV per meV

// Environment sites of one LocalClusterExpansion, in its index order.
std::vector<EnvironmentSiteSpec> environment_of(const json& lce, const std::string& w) {
  const json& sites = at(at(lce, "MigrationUnit_structure", w), "sites", w + ".MigrationUnit_structure");
  std::vector<EnvironmentSiteSpec> env;
  for (size_t k = 0; k < sites.size(); ++k) {
    const std::string ws = fmt::format("{}.MigrationUnit_structure.sites[{}]", w, k);
    const json& sp = at(sites[k], "species", ws);
    if (!sp.is_array() || sp.size() != 1) fail("{}.species: one species per site is expected", ws);
    const std::vector<double> xyz = numbers(at(sites[k], "xyz", ws), ws + ".xyz");
    if (xyz.size() != 3) fail("{}.xyz: must have 3 components", ws);
    env.push_back({{xyz[0], xyz[1], xyz[2]}, at(sp[0], "element", ws + ".species[0]").get<std::string>()});
  }
  return env;
}

// The Chebyshev ±1 basis with state 0 (the listed species) = -1 is the one ionhop evaluates.
void check_basis(const json& lce, const std::string& w) {
  if (!lce.contains("site_basis_values")) return;  // older files: Chebyshev implied
  const json& v = lce.at("site_basis_values");
  for (size_t k = 0; k < v.size(); ++k)
    if (v[k].size() != 2 || v[k][0].size() != 1 || v[k][1].size() != 1 || v[k][0][0].get<double>() != -1.0 ||
        v[k][1][0].get<double>() != 1.0)
      fail("{}.site_basis_values[{}]: only the binary Chebyshev basis (-1, +1) is supported", w, k);
}

ClusterExpansionSpec expansion_of(const json& part, const std::string& w) {
  const json& lce = at(part, "lce", w);
  check_basis(lce, w + ".lce");
  ClusterExpansionSpec x;
  const json& orbits = at(lce, "cluster_site_indices", w + ".lce");
  for (size_t o = 0; o < orbits.size(); ++o) {
    std::vector<std::vector<int>> clusters;
    for (const json& c : orbits[o]) clusters.push_back(c.get<std::vector<int>>());
    x.orbits.push_back(clusters);
  }
  const json& p = at(part, "parameters", w);
  x.empty_cluster = number(at(p, "empty_cluster", w + ".parameters"), w + ".parameters.empty_cluster") * kMeV;
  for (double e : numbers(at(p, "keci", w + ".parameters"), w + ".parameters.keci")) x.eci.push_back(e * kMeV);
  return x;
}

}  // namespace

LocalClusterSpec read_kmcpy_model(const std::string& file, double nu, const std::string& rule) {
  try {
    const json j = load(file);
    if (j.value("filetype", "") != "kmcpy.model_file" || j.value("model_type", "") != "composite_lce")
      fail("{}: not a kMCpy composite_lce model file (filetype \"kmcpy.model_file\", model_type \"composite_lce\")", file);
    LocalClusterSpec s;
    s.source = file;
    s.attempt_frequency = nu;
    s.environment_rule = rule;
    const json& kra = at(j, "kra", file);
    const json& lce = at(kra, "lce", file + ".kra");
    const json& centre = at(lce, "center_site", file + ".kra.lce");
    s.species = at(at(centre, "species", file + ".kra.lce.center_site")[0], "element", file).get<std::string>();
    s.centre = at(at(centre, "properties", file + ".kra.lce.center_site"), "label", file + ".kra.lce.center_site.properties")
                   .get<std::string>();
    const std::vector<double> abc = numbers(at(centre, "abc", file + ".kra.lce.center_site"), file + ".center_site.abc");
    const json& m = at(at(centre, "lattice", file + ".kra.lce.center_site"), "matrix", file + ".center_site.lattice");
    s.has_template_centre = true;
    for (int a = 0; a < 3; ++a)
      for (int r = 0; r < 3; ++r) s.template_centre[a] += abc.at(static_cast<size_t>(r)) * m.at(static_cast<size_t>(r)).at(static_cast<size_t>(a)).get<double>();
    s.environment = environment_of(lce, file + ".kra.lce");
    s.kra = expansion_of(kra, file + ".kra");
    if (j.contains("site")) {
      const auto env = environment_of(at(j.at("site"), "lce", file + ".site"), file + ".site.lce");
      if (env.size() != s.environment.size()) fail("{}: the site and kra expansions have different environments", file);
      for (size_t k = 0; k < env.size(); ++k)
        if (norm(env[k].offset - s.environment[k].offset) > 1e-3 || env[k].species != s.environment[k].species)
          fail("{}: environment site {} differs between the site and kra expansions", file, k);
      s.site = expansion_of(j.at("site"), file + ".site");
    }
    check_local_cluster(s, file);
    return s;
  } catch (const json::exception& e) {
    fail("{}: unexpected kMCpy model layout ({})", file, e.what());
  }
}

void read_eci_json(const std::string& file, LocalClusterSpec& spec, const std::string& where) {
  try {
    const json j = load(file);
    for (auto* x : {&spec.kra, &spec.site}) {
      const std::string part = x == &spec.kra ? "kra" : "site";
      const json& p = at(j, part, file);
      x->empty_cluster = number(at(p, "empty_cluster_meV", file + "." + part), file + "." + part + ".empty_cluster_meV") * kMeV;
      x->eci.clear();
      for (double e : numbers(at(p, "keci_meV", file + "." + part), file + "." + part + ".keci_meV")) x->eci.push_back(e * kMeV);
      if (x->eci.size() != x->orbits.size())
        fail("{}: {} has {} ECIs in {}, the model's [{}] has {} orbits", where, part, x->eci.size(), file, part,
             x->orbits.size());
    }
  } catch (const json::exception& e) {
    fail("{}: unexpected layout of {} ({})", where, file, e.what());
  }
}

}  // namespace ionhop
