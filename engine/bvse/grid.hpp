#pragma once
// BVSE grid mode: energy and free-radius maps on a periodic grid of the unit cell.
#include <array>
#include <vector>

#include "engine/bvse/field.hpp"

namespace ionhop::bvse {

struct Grid {
  Lattice lattice;
  std::array<int, 3> n{0, 0, 0};   // points along a, b, c
  std::vector<double> energy;      // eV, C order (i*n1 + j)*n2 + k; capped at energy_cap
  std::vector<double> free_radius; // Å
  double energy_cap = 300;         // eV
  double e_min = 0, e_max = 0;

  size_t size() const { return energy.size(); }
  size_t index(int i, int j, int k) const { return (size_t(i) * n[1] + j) * n[2] + k; }
  Vec3 frac(size_t idx) const {
    const int k = int(idx % n[2]), j = int((idx / n[2]) % n[1]), i = int(idx / (size_t(n[1]) * n[2]));
    return {double(i) / n[0], double(j) / n[1], double(k) / n[2]};
  }
};

// Points per lattice direction: ceil(|a_i| / spacing), so the actual spacing is <= `spacing`.
std::array<int, 3> grid_shape(const Lattice& lattice, double spacing);

// E and free radius at every grid point (one Kokkos kernel). Errors on spacing <= 0 or a grid
// of more than 2^31 points.
Grid compute_grid(const Field& field, double spacing, double energy_cap = 300.0);

}  // namespace ionhop::bvse
