#pragma once
// `ionhop info`: the report of a structure and its mobile-ion network as JSON (the one model of
// the report; doc/info-output.md lists every key) and its plain-text rendering.
#include <string>

#include <nlohmann/json.hpp>

#include "engine/crystal/crystal.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::app {

nlohmann::json info_json(const Crystal& crystal, const SiteNetwork& net);
std::string info_text(const nlohmann::json& report);

}  // namespace ionhop::app
