#pragma once
// Barrier of a hop with the floor that keeps detailed balance (doc/theory/kmc.md §Rates):
//   E_a = max(E_KRA + dE/2, max(0, dE)),   E_KRA >= 0.
// For the reverse hop (same E_KRA, -dE) this gives E_a(dE) - E_a(-dE) = dE in every case, so
// Γ_fwd / Γ_bwd = exp(-dE/kT) exactly; E_a >= 0 and E_a >= dE always.
#include <Kokkos_Core.hpp>

#include "kernels/kmc/kmc_math.hpp"

namespace ionhop::kernels {

KOKKOS_INLINE_FUNCTION double floored_barrier(double e_kra, double delta_e) {
  const double linear = e_kra + 0.5 * delta_e;
  const double floor = delta_e > 0.0 ? delta_e : 0.0;
  return linear > floor ? linear : floor;
}

// Γ = ν exp(-E_a / kT); beta = 1/(k_B T) in 1/eV, nu in Hz.
KOKKOS_INLINE_FUNCTION double hop_rate(double nu, double beta, double e_kra, double delta_e) {
  return nu * kmc_exp(-beta * floored_barrier(e_kra, delta_e));
}

}  // namespace ionhop::kernels
