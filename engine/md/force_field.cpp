#include "engine/md/force_field.hpp"
#include "engine/core/toml_file.hpp"

#include <set>

#include <toml.hpp>

#include "engine/core/error.hpp"

namespace ionhop::md {

namespace {

std::pair<std::string, std::string> key(std::string a, std::string b) {
  if (b < a) std::swap(a, b);
  return {a, b};
}

void check_keys(const toml::value& t, const std::set<std::string>& allowed, const std::string& where) {
  for (const auto& kv : t.as_table())
    if (!allowed.count(kv.first)) fail("{}: unknown key '{}'", where, kv.first);
}

double get_num(const toml::value& t, const std::string& k, const std::string& where, double dflt, bool required) {
  if (!t.contains(k)) {
    if (required) fail("{}: missing key '{}'", where, k);
    return dflt;
  }
  const auto& v = t.at(k);
  if (v.is_floating()) return v.as_floating();
  if (v.is_integer()) return static_cast<double>(v.as_integer());
  fail("{}: key '{}' must be a number", where, k);
}

}  // namespace

double ForceField::charge_of(const std::string& el) const {
  auto it = charge.find(el);
  if (it == charge.end()) fail("{}: no charge for element '{}' in force field '{}'", source, el, name);
  return it->second;
}

namespace {
ForceField force_field_from(const toml::value& root, const std::string& path) {
  ForceField ff;
  ff.source = path;
  check_keys(root, {"name", "style", "charges", "pair"}, path);
  ff.name = toml::find_or<std::string>(root, "name", path);
  const std::string style = toml::find_or<std::string>(root, "style", "");
  if (style == "buckingham") ff.style = ShortRangeStyle::Buckingham;
  else if (style == "morse") ff.style = ShortRangeStyle::Morse;
  else fail("{}: key 'style' must be \"buckingham\" or \"morse\" (got \"{}\")", path, style);
  if (!root.contains("charges")) fail("{}: missing table [charges]", path);
  for (const auto& kv : root.at("charges").as_table()) {
    const auto& v = kv.second;
    ff.charge[kv.first] = v.is_integer() ? double(v.as_integer()) : v.as_floating();
  }
  if (root.contains("pair")) {
    const auto& pairs = root.at("pair").as_array();
    for (size_t k = 0; k < pairs.size(); ++k) {
      const auto& p = pairs[k];
      const std::string where = fmt::format("{}: pair[{}]", path, k);
      const auto sp = toml::find<std::vector<std::string>>(p, "species");
      if (sp.size() != 2) fail("{}: 'species' must list two elements", where);
      if (ff.buckingham.count(key(sp[0], sp[1])) || ff.morse.count(key(sp[0], sp[1])))
        fail("{}: the pair {}-{} is given twice (which parameters were meant?)", where, sp[0], sp[1]);
      if (ff.style == ShortRangeStyle::Buckingham) {
        check_keys(p, {"species", "A", "rho", "C", "B", "n", "D", "r0"}, where);
        md_kernels::BuckinghamParams b;
        b.A = get_num(p, "A", where, 0, true);
        const double rho = get_num(p, "rho", where, 0, true);
        if (!(rho > 0)) fail("{}: 'rho' must be > 0", where);
        b.inv_rho = 1.0 / rho;
        b.C = get_num(p, "C", where, 0, true);
        const bool corr = p.contains("r0");
        b.B = get_num(p, "B", where, 0, corr);
        b.n = get_num(p, "n", where, 0, corr);
        b.D = get_num(p, "D", where, 0, corr);
        b.r0 = get_num(p, "r0", where, 0, false);
        if (!corr && (p.contains("B") || p.contains("n") || p.contains("D")))
          fail("{}: correction keys B, n, D need 'r0'", where);
        ff.buckingham[key(sp[0], sp[1])] = b;
      } else {
        check_keys(p, {"species", "D0", "alpha", "r0", "C0"}, where);
        md_kernels::MorseParams m;
        m.D0 = get_num(p, "D0", where, 0, true);
        m.alpha = get_num(p, "alpha", where, 0, true);
        m.r0 = get_num(p, "r0", where, 0, true);
        m.C0 = get_num(p, "C0", where, 0, false);
        ff.morse[key(sp[0], sp[1])] = m;
      }
    }
  }
  return ff;
}
}  // namespace

ForceField read_force_field(const std::string& path) {
  const toml::value root = parse_toml_file(path, "force field");
  return with_toml_errors(path, [&] { return force_field_from(root, path); });
}

namespace {

// Species x species table (row-major) of the pair parameters in `by_pair`; absent pairs are zero.
template <class Params>
std::vector<Params> pair_table(const std::map<std::pair<std::string, std::string>, Params>& by_pair,
                               const std::vector<std::string>& sp) {
  const size_t n = sp.size();
  std::vector<Params> t(n * n);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      auto it = by_pair.find(key(sp[i], sp[j]));
      if (it != by_pair.end()) t[i * n + j] = it->second;
    }
  return t;
}

}  // namespace

std::vector<md_kernels::BuckinghamParams> buckingham_table(const ForceField& ff, const std::vector<std::string>& sp) {
  return pair_table(ff.buckingham, sp);
}

std::vector<md_kernels::MorseParams> morse_table(const ForceField& ff, const std::vector<std::string>& sp) {
  return pair_table(ff.morse, sp);
}

}  // namespace ionhop::md
