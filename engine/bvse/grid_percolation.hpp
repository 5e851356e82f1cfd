#pragma once
// Percolation on a periodic grid graph (6-neighbour connectivity in grid-index space): the
// dimensionality of a region is the largest rank, over its connected components, of the winding
// vectors of the component's cycles (0: isolated pockets, 1: channels, 2: layers, 3: 3D network).
// Thresholds are found by bisection on the region {value < E_min + t} (energy) or {value > t}
// (free radius). doc/theory/bvse.md.
#include <array>
#include <vector>

namespace ionhop::bvse {

// Dimensionality (0..3) of the region of points with mask[idx] != 0; C-order grid of shape n.
int percolation_dimension(const std::vector<char>& mask, const std::array<int, 3>& n);

struct Thresholds {
  // Per dimension d = 1, 2, 3 (index d-1): energy above the grid minimum (eV) at which
  // {E < E_min + t} first percolates in >= d dimensions, or the largest free radius (Å) at which
  // {r > t} still does. NaN if the region never does (cannot happen for the full periodic grid).
  std::array<double, 3> value{};
};

// The whole periodic grid always percolates in 3D at t = E_max − E_min, so a dimensionality needs an
// energy window: the largest d with E_dD <= window (0 if none). The default window, 1.5 eV above
// E_min, is ionhop's convention (paths above it are treated as blocked), not a literature value.
inline constexpr double kDimensionalityWindow = 1.5;
inline int dimensionality(const Thresholds& t, double window) {
  int d = 0;
  for (int k = 0; k < 3; ++k)
    if (t.value[k] <= window) d = k + 1;  // NaN compares false
  return d;
}

// Bisection to `tolerance` (eV) on t in [0, E_max - E_min].
Thresholds percolation_energies(const std::vector<double>& energy, const std::array<int, 3>& n,
                                double tolerance = 1e-4);
// Bisection to `tolerance` (Å) on t in [min r, max r].
Thresholds percolation_radii(const std::vector<double>& radius, const std::array<int, 3>& n,
                             double tolerance = 1e-4);

}  // namespace ionhop::bvse
