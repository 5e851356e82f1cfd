#include "engine/bvse/bvse_parameters.hpp"
#include "engine/core/toml_file.hpp"

#include <set>

#include <toml.hpp>

#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"

namespace ionhop::bvse {
namespace {

void check_keys(const toml::value& table, const std::set<std::string>& allowed, const std::string& where,
                const std::string& file) {
  for (const auto& [key, value] : table.as_table())
    if (!allowed.count(key)) fail("{}: unknown key '{}' in [{}]", file, key, where);
}

double positive(const toml::value& table, const std::string& key, const std::string& where,
                const std::string& file) {
  if (!table.contains(key)) fail("{}: [{}] lacks key '{}'", file, where, key);
  const auto& v = table.at(key);
  double x = 0;
  if (v.is_floating()) x = v.as_floating();
  else if (v.is_integer()) x = static_cast<double>(v.as_integer());
  else fail("{}: [{}] key '{}' must be a number", file, where, key);
  if (!(x > 0)) fail("{}: [{}] key '{}' must be > 0 (got {})", file, where, key, x);
  return x;
}

}  // namespace

const PairParameters& Parameters::pair(const std::string& mobile, const std::string& anion) const {
  auto it = pairs.find(mobile + "-" + anion);
  if (it == pairs.end())
    fail("{}: no BVSE Morse parameters for the pair [pair.\"{}-{}\"]", source, mobile, anion);
  return it->second;
}

const IonParameters& Parameters::ion(const std::string& element) const {
  auto it = ions.find(element);
  if (it == ions.end()) fail("{}: no BVSE ion parameters [ion.{}] (n, rc) for element {}", source, element, element);
  return it->second;
}

namespace {
Parameters parameters_from(const toml::value& root, Parameters p);
}  // namespace

Parameters load_parameters(const std::string& path) {
  Parameters p;
  p.source = path.empty() ? data_file("potentials/bvse_parameters.toml") : path;
  const toml::value root = parse_toml_file(p.source, "BVSE parameters");
  return with_toml_errors(p.source, [&] { return parameters_from(root, std::move(p)); });
}

namespace {
Parameters parameters_from(const toml::value& root, Parameters p) {
  check_keys(root, {"pair", "ion"}, "top level", p.source);
  if (root.contains("pair")) {
    for (const auto& [name, t] : root.at("pair").as_table()) {
      const std::string where = "pair.\"" + name + "\"";
      if (name.find('-') == std::string::npos) fail("{}: pair name '{}' must be 'Mobile-Anion'", p.source, name);
      check_keys(t, {"Nc", "R0", "b", "alpha", "D0", "Rmin"}, where, p.source);
      PairParameters q;
      q.Nc = positive(t, "Nc", where, p.source);
      q.R0 = positive(t, "R0", where, p.source);
      q.b = positive(t, "b", where, p.source);
      q.alpha = positive(t, "alpha", where, p.source);
      q.D0 = positive(t, "D0", where, p.source);
      q.Rmin = positive(t, "Rmin", where, p.source);
      p.pairs[name] = q;
    }
  }
  if (root.contains("ion")) {
    for (const auto& [name, t] : root.at("ion").as_table()) {
      const std::string where = "ion." + name;
      check_keys(t, {"n", "rc", "softness", "shannon_radius"}, where, p.source);
      IonParameters q;
      const double n = positive(t, "n", where, p.source);
      if (n != static_cast<int>(n)) fail("{}: [{}] key 'n' must be an integer", p.source, where);
      q.n = static_cast<int>(n);
      q.rc = positive(t, "rc", where, p.source);
      if (t.contains("softness")) q.softness = positive(t, "softness", where, p.source);
      if (t.contains("shannon_radius")) q.shannon_radius = positive(t, "shannon_radius", where, p.source);
      p.ions[name] = q;
    }
  }
  return p;
}
}  // namespace

}  // namespace ionhop::bvse
