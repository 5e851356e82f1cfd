#pragma once
// From a (supercell) Crystal to MD atoms: every position of a fully occupied single-species site
// gets its element; partially occupied or mixed sites are filled deterministically — for each site,
// round(occupancy x positions) positions per occupant, taken in the order of a seeded Fisher–Yates
// shuffle of the site's positions, skipping any position closer than a minimum distance to an atom
// of the same element already placed (Li, Na: doc/theory/md.md §6); the rest stay empty. The
// result must be charge-neutral in formal charges.
#include <cstdint>
#include <map>
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

// Closest allowed distance (Å) between two atoms of the same element: Li 1.9, Na 2.7
// (justified in doc/theory/md.md §6). Elements not listed: no exclusion.
std::map<std::string, double> default_min_same_element_distance();

struct DecorationOptions {
  std::map<std::string, double> min_distance = default_min_same_element_distance();
  int attempts = 50;  // seeded reshuffles of the whole fill before giving up
};

// Throws when the counts cannot be placed under the exclusion in `attempts` tries (the message
// names the site, element, distance and the best count reached).
MdAtoms decorate_ordered(const Crystal& supercell, std::uint64_t seed, const DecorationOptions& opt = {});

// Types are the distinct elements in alphabetical order; charges from the force field, masses
// from the periodic table.
MdSystem system_from_atoms(const MdAtoms& atoms, const ForceField& ff);

}  // namespace ionhop::md
