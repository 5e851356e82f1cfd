#pragma once
// From a (supercell) Crystal to MD atoms: every position of a fully occupied single-species site
// gets its element; partially occupied or mixed sites are filled deterministically — for each site,
// round(occupancy x positions) positions per occupant, chosen by a seeded Fisher–Yates shuffle of
// the site's positions; the rest stay empty. The result must be charge-neutral in formal charges.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/crystal/crystal.hpp"
#include "engine/md/force_field.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

struct MdAtoms {
  Mat3 cell{};                       // rows a, b, c (Å)
  std::vector<Vec3> frac;            // fractional coordinates
  std::vector<std::string> element;  // element of each atom
};

MdAtoms decorate_ordered(const Crystal& supercell, std::uint64_t seed);

// Types are the distinct elements in alphabetical order; charges from the force field, masses
// from the periodic table.
MdSystem system_from_atoms(const MdAtoms& atoms, const ForceField& ff);

}  // namespace ionhop::md
