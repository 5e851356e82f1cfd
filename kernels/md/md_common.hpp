#pragma once
// Shared device-side types of the MD kernels: the triclinic box (LAMMPS orientation: a along x,
// b in the xy plane), the table of the 27 periodic image shifts, the energy+virial reduction value
// and the packing of a neighbour entry (atom index + image code). Header-only, CUDA-legal.
#include <Kokkos_Core.hpp>

namespace ionhop::md_kernels {

// Upper-triangular cell matrix: a = (xx,0,0), b = (xy,yy,0), c = (xz,yz,zz) (Å).
struct Box {
  double xx = 0, yy = 0, zz = 0, xy = 0, xz = 0, yz = 0;

  // Fractional coordinates of a Cartesian vector (inverse of the upper-triangular matrix).
  KOKKOS_INLINE_FUNCTION void to_frac(const double r[3], double f[3]) const {
    f[2] = r[2] / zz;
    f[1] = (r[1] - yz * f[2]) / yy;
    f[0] = (r[0] - xy * f[1] - xz * f[2]) / xx;
  }
  KOKKOS_INLINE_FUNCTION void to_cart(const double f[3], double r[3]) const {
    r[0] = xx * f[0] + xy * f[1] + xz * f[2];
    r[1] = yy * f[1] + yz * f[2];
    r[2] = zz * f[2];
  }
  KOKKOS_INLINE_FUNCTION double volume() const { return xx * yy * zz; }
};

// Image code s in 0..26 <-> integer shift n in {-1,0,1}^3, s = (n0+1) + 3(n1+1) + 9(n2+1).
KOKKOS_INLINE_FUNCTION int image_code(int n0, int n1, int n2) { return (n0 + 1) + 3 * (n1 + 1) + 9 * (n2 + 1); }

// Cartesian vectors of the 27 image shifts: captured by value in kernels (648 bytes).
struct ShiftTable {
  double v[27][3];
};

// A neighbour entry packs the neighbour index and its image code: (j << 5) | s.
KOKKOS_INLINE_FUNCTION int pack_neighbor(int j, int s) { return (j << 5) | s; }
KOKKOS_INLINE_FUNCTION int neighbor_index(int e) { return e >> 5; }
KOKKOS_INLINE_FUNCTION int neighbor_image(int e) { return e & 31; }

// Potential energy and virial W_ab = sum over pairs d_a F_b (d = x_i - x_j, F the force on i);
// order xx yy zz xy xz yz as in LAMMPS. Used as a Kokkos::Sum reduction value.
struct EnergyVirial {
  double e = 0;
  double v[6] = {0, 0, 0, 0, 0, 0};

  KOKKOS_INLINE_FUNCTION EnergyVirial() {}
  KOKKOS_INLINE_FUNCTION EnergyVirial& operator+=(const EnergyVirial& o) {
    e += o.e;
    for (int k = 0; k < 6; ++k) v[k] += o.v[k];
    return *this;
  }
  KOKKOS_INLINE_FUNCTION void operator+=(const volatile EnergyVirial& o) volatile {
    e += o.e;
    for (int k = 0; k < 6; ++k) v[k] += o.v[k];
  }
  KOKKOS_INLINE_FUNCTION void tally(double energy, double fpair, double dx, double dy, double dz) {
    e += energy;
    v[0] += dx * dx * fpair;
    v[1] += dy * dy * fpair;
    v[2] += dz * dz * fpair;
    v[3] += dx * dy * fpair;
    v[4] += dx * dz * fpair;
    v[5] += dy * dz * fpair;
  }
};

}  // namespace ionhop::md_kernels

namespace Kokkos {
template <>
struct reduction_identity<ionhop::md_kernels::EnergyVirial> {
  KOKKOS_FORCEINLINE_FUNCTION static ionhop::md_kernels::EnergyVirial sum() {
    return ionhop::md_kernels::EnergyVirial();
  }
};
}  // namespace Kokkos
