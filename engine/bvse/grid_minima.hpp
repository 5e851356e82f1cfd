#pragma once
// Local minima of the BVSE grid (candidate mobile-ion sites, including interstitials), merged when
// closer than a radius and deduplicated under the space-group operations of the structure.
#include <vector>

#include "engine/bvse/grid.hpp"

namespace ionhop::bvse {

struct Minimum {
  Vec3 frac{};         // representative position (fractional, in [0,1))
  double energy = 0;   // eV above the grid minimum
  int multiplicity = 1;// symmetry-equivalent positions in the cell
};

// Grid points lower than all 26 periodic neighbours with E - E_min <= window, merged within
// merge_radius (Å) of a lower one and then grouped into symmetry orbits (ops act on fractional
// coordinates: x' = R x + t). Sorted by energy.
std::vector<Minimum> find_minima(const Grid& grid, const std::vector<SymOp>& ops, double window = 1.5,
                                 double merge_radius = 0.5);

// Orbit of a fractional position under `ops`, positions closer than `tol` (Å) merged.
std::vector<Vec3> orbit(const Lattice& lattice, const Vec3& frac, const std::vector<SymOp>& ops, double tol);

// Shortest Cartesian distance between fractional positions over periodic images (any cell shape).
double periodic_distance(const Lattice& lattice, const Vec3& fa, const Vec3& fb);

}  // namespace ionhop::bvse
