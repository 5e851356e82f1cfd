#pragma once
// Private to engine/models: the TOML form of a local_cluster_expansion model.
#include <string>

#include <toml.hpp>

#include "engine/models/local_cluster_spec.hpp"

namespace ionhop {

// `base`: the model file's path (relative file names inside it are taken from its folder); "" for
// an inline table.
LocalClusterSpec parse_local_cluster(const toml::value& t, const std::string& where, const std::string& base);

}  // namespace ionhop
