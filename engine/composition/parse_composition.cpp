// [composition] table -> CompositionSpec (doc/model-files.md#composition).
#include "engine/composition/parse_composition.hpp"

#include <cmath>

#include "engine/composition/toml_check.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/elements.hpp"

namespace ionhop {

namespace tc = tomlcheck;

namespace {

int integer(const toml::value& v, const std::string& name) {
  if (v.is_integer()) return static_cast<int>(v.as_integer());
  if (v.is_floating()) {
    const double x = v.as_floating();
    if (std::floor(x) == x && std::abs(x) < 2e9) return static_cast<int>(x);
  }
  fail("{}: must be an integer", name);
}

int non_negative_int(const toml::value& v, const std::string& name) {
  const int n = integer(v, name);
  if (n < 0) fail("{}: must be >= 0 (got {})", name, n);
  return n;
}

// occupancy = { Si1 = { Si = 0.8, P = 0.2 } }: which site labels exist is checked by apply_occupancy.
std::map<std::string, std::map<std::string, double>> parse_occupancy(const toml::value& t, const std::string& where) {
  if (!t.is_table()) fail("{}: must be a table {{ <site label> = {{ <element> = <fraction>, ... }} }}", where);
  if (t.as_table().empty()) fail("{}: empty table: name at least one site, e.g. {{ Si1 = {{ Si = 0.8, P = 0.2 }} }}", where);
  std::map<std::string, std::map<std::string, double>> out;
  for (const auto& [label, v] : t.as_table()) {
    const std::string w = where + "." + label;
    if (!v.is_table()) fail("{}: must be a table {{ <element> = <fraction>, ... }}", w);
    if (v.as_table().empty()) fail("{}: empty table: give the elements of the site and their fractions", w);
    double sum = 0;
    for (const auto& [el, f] : v.as_table()) {
      if (!is_element_symbol(el)) fail("{}.{}: '{}' is not an element symbol", w, el, el);
      const double x = tc::number(f, w + "." + el);
      if (!(x > 0 && x <= 1)) fail("{}.{}: fraction must be in (0, 1] (got {}; leave out an element with none)", w, el, x);
      out[label][el] = x;
      sum += x;
    }
    // Framework sites stay fully occupied: vacancies would change the charge the ions balance.
    if (std::abs(sum - 1) > 1e-6) fail("{}: fractions sum to {:.7g}, not 1", w, sum);
  }
  return out;
}

}  // namespace

CompositionSpec parse_composition(const toml::value& table, const std::string& where) {
  tc::allow_keys(table, where, {"dopants", "ions", "vacancies", "placement", "occupancy"});
  CompositionSpec spec;
  if (tc::has(table, "ions")) spec.ions = non_negative_int(table.at("ions"), where + ".ions");
  if (tc::has(table, "vacancies")) spec.vacancies = non_negative_int(table.at("vacancies"), where + ".vacancies");
  if (spec.ions && spec.vacancies) fail("{}: give either ions or vacancies, not both", where);
  if (tc::has(table, "placement")) {
    spec.placement = tc::string(table.at("placement"), where + ".placement");
    if (spec.placement != "random" && spec.placement != "boltzmann")
      fail("{}.placement: must be \"random\" or \"boltzmann\" (got \"{}\")", where, spec.placement);
  }
  if (tc::has(table, "dopants")) {
    const toml::value& d = table.at("dopants");
    if (!d.is_array()) fail("{}.dopants: must be an array of tables", where);
    for (size_t i = 0; i < d.as_array().size(); ++i) {
      const toml::value& e = d.as_array()[i];
      const std::string w = fmt::format("{}.dopants[{}]", where, i);
      tc::allow_keys(e, w, {"host", "dopant", "fraction", "count", "oxidation"});
      DopantSpec s;
      s.host = tc::string(tc::get(e, "host", w), w + ".host");
      s.dopant = tc::string(tc::get(e, "dopant", w), w + ".dopant");
      if (!is_element_symbol(s.host)) fail("{}.host: '{}' is not an element symbol", w, s.host);
      if (!is_element_symbol(s.dopant)) fail("{}.dopant: '{}' is not an element symbol", w, s.dopant);
      if (s.dopant == s.host) fail("{}: the dopant {} is its own host", w, s.dopant);
      const bool has_f = tc::has(e, "fraction"), has_c = tc::has(e, "count");
      if (has_f == has_c) fail("{}: give exactly one of fraction or count", w);
      if (has_f) {
        s.fraction = tc::number(e.at("fraction"), w + ".fraction");
        if (!(s.fraction >= 0 && s.fraction <= 1)) fail("{}.fraction: must be in [0, 1] (got {})", w, s.fraction);
      } else {
        s.count = non_negative_int(e.at("count"), w + ".count");
      }
      s.oxidation = integer(tc::get(e, "oxidation", w), w + ".oxidation");
      spec.dopants.push_back(s);
    }
  }
  if (tc::has(table, "occupancy")) spec.occupancy = parse_occupancy(table.at("occupancy"), where + ".occupancy");
  return spec;
}

}  // namespace ionhop
