#pragma once
// Grid mode: E and the free radius at every point of a periodic n0×n1×n2 grid of the cell.
// Point (i,j,k) sits at fractional (i/n0, j/n1, k/n2); flat index (i*n1 + j)*n2 + k (C order).
// Energies above `cap` (points on top of a cation, where erfc(R)/R diverges) are stored as `cap`.
#include <Kokkos_Core.hpp>

#include "kernels/bvse/bvse_field.hpp"

namespace ionhop::kernels::bvse {

template <class ExecutionSpace, class MemorySpace>
void compute_grid(const BvseField<MemorySpace>& field, const int n[3], double cap,
                  Kokkos::View<double*, MemorySpace> energy, Kokkos::View<double*, MemorySpace> free_radius) {
  const int n0 = n[0], n1 = n[1], n2 = n[2];
  const BvseField<MemorySpace> f = field;
  Kokkos::parallel_for(
      "bvse_grid", Kokkos::RangePolicy<ExecutionSpace>(0, n0 * n1 * n2), KOKKOS_LAMBDA(const int idx) {
        const int k = idx % n2, j = (idx / n2) % n1, i = idx / (n1 * n2);
        const double g0 = double(i) / n0, g1 = double(j) / n1, g2 = double(k) / n2;
        double r[3];
        for (int c = 0; c < 3; ++c) r[c] = g0 * f.cell[0][c] + g1 * f.cell[1][c] + g2 * f.cell[2][c];
        const double e = f.energy(r);
        energy(idx) = (e < cap) ? e : cap;  // also maps NaN/inf (R = 0 on a cation) to cap
        free_radius(idx) = f.free_radius(r);
      });
}

}  // namespace ionhop::kernels::bvse
