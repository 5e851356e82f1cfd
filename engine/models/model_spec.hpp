#pragma once
// The energy models ionhop knows, as one std::variant (the host picks with std::visit and launches
// kernels templated on the matching device model). Model TOML format: doc/model-files.md.
#include <string>
#include <variant>

#include <toml.hpp>

#include "engine/models/lattice_gas_spec.hpp"
#include "engine/models/local_cluster_spec.hpp"

namespace ionhop {

using ModelSpec = std::variant<LatticeGasSpec, LocalClusterSpec>;

// Read a model file (path as given, else a shipped file such as "potentials/nasicon_lattice_gas.toml").
// Unknown keys and bad values are errors naming "<file>: <key>".
ModelSpec read_model_file(const std::string& path);
// Parse a model table (e.g. an inline [model] table of an input file); `where` prefixes key names
// in error messages, e.g. "input.toml: model".
ModelSpec parse_model(const toml::value& table, const std::string& where);

// Short name of the model kind ("lattice_gas", "local_cluster_expansion").
std::string model_kind(const ModelSpec& model);

}  // namespace ionhop
