#pragma once
// Reading a [composition] table (keys in doc/model-files.md#composition).
#include <string>

#include <toml.hpp>

#include "engine/composition/composition.hpp"

namespace ionhop {

// Keys: dopants = [{host, dopant, fraction | count, oxidation}], ions, vacancies, placement,
// occupancy = {<site label> = {<element> = <fraction>}} (labels checked later by apply_occupancy).
// Unknown keys and bad values are errors naming "<where>.<key>".
CompositionSpec parse_composition(const toml::value& table, const std::string& where);

}  // namespace ionhop
