#pragma once
// Named arrays (f64, i64) and strings: the saved state of an MD run, where each part of the run
// (system, integrator, neighbour list, sampler, hop detector, driver) saves and restores its own
// names ("integrator/xi", ...). Written to HDF5 by engine/io/state_file.hpp.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ionhop {

struct StateArrays {
  std::map<std::string, std::vector<double>> f64;
  std::map<std::string, std::vector<std::int64_t>> i64;
  std::map<std::string, std::string> text;

  // Checked access: a missing name or a wrong length is an Error naming it.
  const std::vector<double>& doubles(const std::string& name, std::size_t expect = SIZE_MAX) const;
  const std::vector<std::int64_t>& ints(const std::string& name, std::size_t expect = SIZE_MAX) const;
  double scalar(const std::string& name) const { return doubles(name, 1)[0]; }
  std::int64_t integer(const std::string& name) const { return ints(name, 1)[0]; }
  const std::string& string(const std::string& name) const;
};

}  // namespace ionhop
