#pragma once
// Checked access to one table of an input TOML file: unknown keys are errors, every value is
// type- and range-checked, and every message names "<file>:<line>: <section>.<key>".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <toml.hpp>

namespace ionhop::app {

class TomlSection {
 public:
  // `table` must be a TOML table; `file` and `section` ("kmc", "structure") name it in messages.
  TomlSection(const toml::value& table, std::string file, std::string section);

  // Throws for the first key not in `allowed`.
  void allow_only(const std::vector<std::string>& allowed) const;
  bool has(const std::string& key) const;
  const toml::value& at(const std::string& key) const;  // throws "missing key" if absent
  // "<file>:<line>: <section>.<key>" for messages about this key's value.
  std::string where(const std::string& key) const;
  std::string name(const std::string& key) const { return section_.empty() ? key : section_ + "." + key; }

  // Typed getters: the default is returned when the key is absent; without a default it is required.
  double number(const std::string& key, std::optional<double> def = std::nullopt) const;   // int or float
  std::int64_t integer(const std::string& key, std::optional<std::int64_t> def = std::nullopt) const;
  bool boolean(const std::string& key, std::optional<bool> def = std::nullopt) const;
  std::string string(const std::string& key, std::optional<std::string> def = std::nullopt) const;
  std::vector<double> numbers(const std::string& key) const;  // array of numbers (or a single number)
  std::vector<std::string> strings(const std::string& key) const;

  const std::string& file() const { return file_; }
  const toml::value& table() const { return table_; }

 private:
  const toml::value& table_;
  std::string file_, section_;
};

// A sub-table `key` of `parent` as a section (throws if it is not a table).
TomlSection subsection(const TomlSection& parent, const std::string& key);

}  // namespace ionhop::app
