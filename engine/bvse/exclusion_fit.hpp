#pragma once
// Whether a structure's own mobile-ion content fits its site network under a model's hard
// exclusion (exclusion_distance): checked by `ionhop bvse --model-out` before it writes the
// exclusion into a model, since average (unsplit) sites can make it impossible, e.g. garnet's
// 48g sites at 1.99 Å from 24d hold 56 Li per cell only if both ends of such pairs are filled.
#include <string>

#include "engine/crystal/crystal.hpp"
#include "engine/models/lattice_gas_spec.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::bvse {

// "" if the structure's ions (its site occupancies) can be placed on a supercell (at least 2x2x2,
// wider than 4 exclusion distances) with no two closer than spec.exclusion_distance; otherwise why not.
std::string exclusion_misfit(const Crystal& unit, const SiteNetwork& unit_net, const LatticeGasSpec& spec);

}  // namespace ionhop::bvse
