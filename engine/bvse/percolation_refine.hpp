#pragma once
// Continuous refinement of grid percolation energies (doc/theory/bvse.md). A grid threshold is
// set by the grid points nearest the critical saddle, which lie above it by ~k h²/8 per direction
// (0.03-0.1 eV at h = 0.2 Å in narrow bottlenecks). The refinement relaxes the grid minimum to the
// true minimum and, for the grid points that complete percolation in d dimensions, runs a local
// saddle search (descend across the channel, ascend along it) from the point itself, the channel
// direction taken from its two lower grid neighbours on opposite sides.
#include "engine/bvse/grid.hpp"
#include "engine/bvse/grid_percolation.hpp"
#include "engine/bvse/site_hop.hpp"

namespace ionhop::bvse {

struct RefinedPercolation {
  Thresholds energies;  // eV above e_min (continuous), min(grid, refined) per dimension
  double e_min = 0;     // eV, relaxed global minimum (<= grid minimum)
  int refined[3] = {0, 0, 0};  // per dimension: 1 if a saddle search succeeded
};

// `grid_t` from percolation_energies(grid.energy, grid.n, tolerance) with the same tolerance.
RefinedPercolation refine_percolation(const Field& field, const Grid& grid, const Thresholds& grid_t,
                                      double tolerance, const PathOptions& opt = {});

}  // namespace ionhop::bvse
