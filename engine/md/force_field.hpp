#pragma once
// A classical pair force field read from potentials/*.toml: partial charges per element and
// short-range parameters per element pair (Buckingham with optional Teter/Du correction, or
// Pedone Morse). Host data; ForceCompute turns it into per-type device tables.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "kernels/md/short_range.hpp"

namespace ionhop::md {

enum class ShortRangeStyle { Buckingham, Morse };

struct ForceField {
  std::string name, source;  // source: file it was read from
  ShortRangeStyle style = ShortRangeStyle::Buckingham;
  std::map<std::string, double> charge;  // element -> e
  // key: element pair sorted alphabetically
  std::map<std::pair<std::string, std::string>, md_kernels::BuckinghamParams> buckingham;
  std::map<std::pair<std::string, std::string>, md_kernels::MorseParams> morse;

  double charge_of(const std::string& element) const;  // throws naming the file if absent
};

// Read a force-field TOML (format in doc/md-input.md). Unknown keys are errors.
ForceField read_force_field(const std::string& path);

// Per-type tables (index ti * n + tj, symmetric) for the species of a system.
std::vector<md_kernels::BuckinghamParams> buckingham_table(const ForceField& ff, const std::vector<std::string>& species);
std::vector<md_kernels::MorseParams> morse_table(const ForceField& ff, const std::vector<std::string>& species);

}  // namespace ionhop::md
