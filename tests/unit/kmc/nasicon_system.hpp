#pragma once
// The shipped NASICON structure and lattice-gas model as a KMC system of the given supercell
// (tests of the ensemble machinery on a realistic network).
#include <array>
#include <string>
#include <variant>

#include "engine/crystal/read_structure.hpp"
#include "engine/kmc/kmc_system.hpp"

namespace ionhop::kmctest {

inline KmcSystem nasicon_system(std::array<int, 3> supercell) {
  const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions o;
  o.species = "Na";
  const SiteNetwork net = build_network(unit, o);
  const auto model = std::get<LatticeGasSpec>(read_model_file(std::string(IONHOP_REPO_DIR) + "/potentials/nasicon_lattice_gas.toml"));
  return build_kmc_system(unit, net, supercell, {}, model);
}

}  // namespace ionhop::kmctest
