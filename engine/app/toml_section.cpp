#include "engine/app/toml_section.hpp"

#include <cmath>

#include "engine/core/error.hpp"

namespace ionhop::app {

namespace {
std::string type_name(const toml::value& v) {
  switch (v.type()) {
    case toml::value_t::boolean: return "a boolean";
    case toml::value_t::integer: return "an integer";
    case toml::value_t::floating: return "a number";
    case toml::value_t::string: return "a string";
    case toml::value_t::array: return "an array";
    case toml::value_t::table: return "a table";
    default: return "a date/time";
  }
}
bool is_number(const toml::value& v) { return v.is_integer() || v.is_floating(); }
double as_number(const toml::value& v) {
  return v.is_integer() ? static_cast<double>(v.as_integer()) : v.as_floating();
}
}  // namespace

TomlSection::TomlSection(const toml::value& table, std::string file, std::string section)
    : table_(table), file_(std::move(file)), section_(std::move(section)) {
  if (!table_.is_table()) fail("{}: '{}' must be a table, not {}", file_, section_, type_name(table_));
}

void TomlSection::allow_only(const std::vector<std::string>& allowed) const {
  for (const auto& [key, value] : table_.as_table()) {
    bool ok = false;
    for (const auto& a : allowed) ok = ok || a == key;
    if (!ok) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      fail("{}: unknown key '{}' (allowed {}: {})", where(key), name(key),
           section_.empty() ? std::string("at the top level") : "in [" + section_ + "]", list);
    }
  }
}

bool TomlSection::has(const std::string& key) const { return table_.as_table().count(key) > 0; }

const toml::value& TomlSection::at(const std::string& key) const {
  const auto& t = table_.as_table();
  const auto it = t.find(key);
  if (it == t.end()) fail("{}: missing key '{}'", file_, name(key));
  return it->second;
}

std::string TomlSection::where(const std::string& key) const {
  if (has(key)) {
    const auto line = at(key).location().line();
    if (line > 0) return file_ + ":" + std::to_string(line);
  }
  return file_;
}

double TomlSection::number(const std::string& key, std::optional<double> def) const {
  if (!has(key) && def) return *def;
  const auto& v = at(key);
  if (!is_number(v)) fail("{}: '{}' must be a number, not {}", where(key), name(key), type_name(v));
  const double x = as_number(v);
  if (!std::isfinite(x)) fail("{}: '{}' must be finite", where(key), name(key));
  return x;
}

std::int64_t TomlSection::integer(const std::string& key, std::optional<std::int64_t> def) const {
  if (!has(key) && def) return *def;
  const auto& v = at(key);
  if (!v.is_integer()) fail("{}: '{}' must be an integer, not {}", where(key), name(key), type_name(v));
  return v.as_integer();
}

bool TomlSection::boolean(const std::string& key, std::optional<bool> def) const {
  if (!has(key) && def) return *def;
  const auto& v = at(key);
  if (!v.is_boolean()) fail("{}: '{}' must be true or false, not {}", where(key), name(key), type_name(v));
  return v.as_boolean();
}

std::string TomlSection::string(const std::string& key, std::optional<std::string> def) const {
  if (!has(key) && def) return *def;
  const auto& v = at(key);
  if (!v.is_string()) fail("{}: '{}' must be a string, not {}", where(key), name(key), type_name(v));
  return v.as_string().str;
}

std::vector<double> TomlSection::numbers(const std::string& key) const {
  const auto& v = at(key);
  if (is_number(v)) return {as_number(v)};
  if (!v.is_array()) fail("{}: '{}' must be an array of numbers, not {}", where(key), name(key), type_name(v));
  std::vector<double> out;
  for (const auto& x : v.as_array()) {
    if (!is_number(x)) fail("{}: '{}' must be an array of numbers; found {}", where(key), name(key), type_name(x));
    out.push_back(as_number(x));
    if (!std::isfinite(out.back())) fail("{}: '{}' must hold finite numbers", where(key), name(key));
  }
  return out;
}

std::vector<std::string> TomlSection::strings(const std::string& key) const {
  const auto& v = at(key);
  if (v.is_string()) return {v.as_string().str};
  if (!v.is_array()) fail("{}: '{}' must be an array of strings, not {}", where(key), name(key), type_name(v));
  std::vector<std::string> out;
  for (const auto& x : v.as_array()) {
    if (!x.is_string()) fail("{}: '{}' must be an array of strings; found {}", where(key), name(key), type_name(x));
    out.push_back(x.as_string().str);
  }
  return out;
}

TomlSection subsection(const TomlSection& parent, const std::string& key) {
  const auto& v = parent.at(key);
  if (!v.is_table()) fail("{}: '{}' must be a table, not {}", parent.where(key), parent.name(key), type_name(v));
  return TomlSection(v, parent.file(), parent.name(key));
}

}  // namespace ionhop::app
