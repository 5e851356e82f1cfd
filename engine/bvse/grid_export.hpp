#pragma once
// Export of the BVSE grid: Gaussian cube (VESTA, OVITO) and HDF5 (h5py).
#include <string>
#include <vector>

#include "engine/bvse/grid.hpp"
#include "engine/bvse/grid_minima.hpp"
#include "engine/bvse/grid_percolation.hpp"

namespace ionhop::bvse {

struct GridReport {
  std::string structure;  // source file
  std::string mobile;
  double spacing = 0;     // requested spacing, Å
  double s_q = 1;
  Thresholds energies;    // eV above E_min
  Thresholds radii;       // Å
  std::vector<Minimum> minima;
};

// Gaussian cube of `values` (one of grid.energy / grid.free_radius) with the framework atoms;
// lengths in bohr as the format requires, values as given (eV or Å, named in the comment line).
void write_cube(const std::string& path, const Grid& grid, const std::vector<double>& values,
                const std::vector<FieldAtom>& atoms, const std::string& what);

// HDF5: /bvse/energy, /bvse/free_radius (n0×n1×n2), /bvse/lattice (3×3 rows, Å),
// /bvse/minima_frac (m×3), /bvse/minima_energy (m, eV), /bvse/minima_multiplicity, and attributes
// (mobile, spacing, e_min, energy_cap, s_q, E_1D/E_2D/E_3D, r_1D/r_2D/r_3D). doc/formats: see theory/bvse.md.
void write_hdf5(const std::string& path, const Grid& grid, const GridReport& report);

}  // namespace ionhop::bvse
