#pragma once
// Writing an MdSystem as a LAMMPS data file (atom_style charge, triclinic box) and the matching
// pair_style / pair_coeff / kspace lines, so the same model can be run in LAMMPS.
#include <string>

#include "engine/md/force_compute.hpp"
#include "engine/md/force_field.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

// Positions as stored (wrapped by the last neighbour build if any), %.17g throughout.
void write_lammps_data(const std::string& path, const MdSystem& s, const std::string& title);

// LAMMPS input lines (units metal) reproducing the force field and settings:
//   Buckingham + DSF   -> born/coul/dsf (sigma = D = 0);
//   Buckingham + Ewald -> buck/coul/long + kspace_style ewald (pair_modify table 0).
// The Teter/Du short-range correction (r < r0) and the Morse style have no single LAMMPS 2021
// pair style: the lines then carry a comment saying what is omitted, or throw when require_exact.
std::string lammps_pair_lines(const ForceField& ff, const MdSystem& s, const ForceSettings& fs, bool require_exact);

}  // namespace ionhop::md
