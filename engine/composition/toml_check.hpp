#pragma once
// Small helpers for strict TOML reading: every value is checked and errors name "<where>.<key>".
#include <set>
#include <string>

#include <toml.hpp>

#include "engine/core/error.hpp"

namespace ionhop::tomlcheck {

inline void allow_keys(const toml::value& table, const std::string& where, const std::set<std::string>& keys) {
  if (!table.is_table()) fail("{}: must be a table", where);
  for (const auto& kv : table.as_table())
    if (!keys.count(kv.first)) fail("{}.{}: unknown key", where, kv.first);
}

inline double number(const toml::value& v, const std::string& name) {
  if (v.is_floating()) return v.as_floating();
  if (v.is_integer()) return static_cast<double>(v.as_integer());
  fail("{}: must be a number", name);
}

inline std::string string(const toml::value& v, const std::string& name) {
  if (!v.is_string()) fail("{}: must be a string", name);
  return v.as_string().str;
}

inline bool has(const toml::value& table, const std::string& key) {
  return table.as_table().count(key) != 0;
}

inline const toml::value& get(const toml::value& table, const std::string& key, const std::string& where) {
  const auto& t = table.as_table();
  const auto it = t.find(key);
  if (it == t.end()) fail("{}.{}: missing", where, key);
  return it->second;
}

}  // namespace ionhop::tomlcheck
