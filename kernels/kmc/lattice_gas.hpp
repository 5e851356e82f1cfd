#pragma once
// Energy model v1 "lattice_gas" on the device (doc/theory/kmc.md):
//   E = Σ_i n_i ε_i + Σ_{i<k} J_ik n_i n_k,
// ε_i: site energy (class energy + dopant shifts; per replica because dopants are), J_ik: pair
// interaction between mobile ions (distance shells and/or screened Coulomb), n_i in {0, 1}.
// Kept per (replica, site), side by side in one View (one cache line serves both):
// e_i = ε_i + h_i with the field h_i = Σ_k J_ik n_k, and w_i = exp(-β e_i / 2). For a hop i -> j
// (i occupied, j empty) along a hop of kind q (E_KRA and J_ij of the hop):
//   dE = e_j - e_i - J_ij,
//   Γ  = ν exp(-β E_KRA) exp(β J_ij / 2) w_j / w_i   when E_KRA + dE/2 >= max(0, dE) (no floor),
//   Γ  = ν exp(-β max(0, dE))                          otherwise (floored, rate_floor.hpp),
// so a rate costs one exp only in the floored case; w changes only where h does.
// Optional local barriers (doc/model-files.md, bvse_local): E_KRA of the directed hop in slot
// `slot` of replica r is kind_ekra(kind) + δ(r, slot), with δ(r, slot(i→j)) = δ(r, slot(j→i))
// (checked by the host) so detailed balance holds; hop_dkra(r, slot, 1) = exp(-β δ). Slot of
// template hop h of device cell c: c * n_template_hops + h (kernels/kmc/advance.hpp).
#include <Kokkos_Core.hpp>

#include "kernels/kmc/kmc_math.hpp"
#include "kernels/kmc/rate_floor.hpp"

namespace ionhop::kernels {

template <class MemorySpace>
struct LatticeGasModel {
  using d1 = Kokkos::View<const double*, MemorySpace>;
  using d2c = Kokkos::View<const double**, MemorySpace>;
  using d2 = Kokkos::View<double**, MemorySpace>;
  using d3 = Kokkos::View<double** [2], MemorySpace>;
  using i1 = Kokkos::View<const int*, MemorySpace>;

  double nu = 0;     // attempt frequency, Hz
  double beta = 0;   // 1/(k_B T), 1/eV
  d2c site_energy;   // (replica, site), eV
  d1 kind_ekra;      // per hop kind, eV
  d1 kind_pair;      // per hop kind: J between the hop's two end sites (0 if not interacting), eV
  d1 kind_prefactor; // per hop kind: ν exp(-β E_KRA) exp(β J / 2), Hz
  // Interaction partners k of site i with J_ik, per basis site b = i % n_basis: entries
  // [nbr_offset(b), nbr_offset(b + 1)) name k = cell_nbr(i / n_basis, nbr(e, 1)) * n_basis + nbr(e, 0)
  // (engine/kmc/cell_templates.hpp; one cell of all sites if the network is not periodic).
  int n_basis = 1;
  Kokkos::View<const int**, MemorySpace> cell_nbr;
  i1 nbr_offset;
  Kokkos::View<const int* [2], MemorySpace> nbr;
  d1 nbr_j;
  d3 state;          // (replica, site, 0) e_i = ε_i + h_i in eV, (replica, site, 1) w_i
  Kokkos::View<const double** [2], MemorySpace> hop_dkra;  // (replica, slot): δ in eV, exp(-β δ); empty: none

  KOKKOS_INLINE_FUNCTION double delta_e(int r, int from, int to, int kind) const {
    return state(r, to, 0) - state(r, from, 0) - kind_pair(kind);
  }
  KOKKOS_INLINE_FUNCTION double rate(int r, int from, int to, int kind, int slot) const {
    const double de = delta_e(r, from, to, kind);
    double e_kra = kind_ekra(kind), pre = kind_prefactor(kind);
    if (hop_dkra.extent(0) != 0) {
      e_kra += hop_dkra(r, slot, 0);
      pre *= hop_dkra(r, slot, 1);
    }
    if (e_kra + 0.5 * de >= (de > 0.0 ? de : 0.0)) return pre * state(r, to, 1) / state(r, from, 1);
    return hop_rate(nu, beta, e_kra, de);
  }
  KOKKOS_INLINE_FUNCTION void add_energy(int r, int i, double de) const {
    state(r, i, 0) += de;
    state(r, i, 1) = kmc_exp(-0.5 * beta * state(r, i, 0));
  }
  // Energies and weights after the ion on `from` moved to `to`.
  KOKKOS_INLINE_FUNCTION void add_field(int r, int i, double sign) const {
    const int cell = i / n_basis, b = i - cell * n_basis;
    for (int k = nbr_offset(b); k < nbr_offset(b + 1); ++k)
      add_energy(r, cell_nbr(cell, nbr(k, 1)) * n_basis + nbr(k, 0), sign * nbr_j(k));
  }
  KOKKOS_INLINE_FUNCTION void move(int r, int from, int to) const {
    add_field(r, from, -1.0);
    add_field(r, to, 1.0);
  }
  // e_i and w_i from scratch.
  template <class Occ>
  KOKKOS_INLINE_FUNCTION void init(const Occ& occ, int r, int n_sites) const {
    for (int i = 0; i < n_sites; ++i) {
      const int cell = i / n_basis, b = i - cell * n_basis;
      double h = 0;
      for (int k = nbr_offset(b); k < nbr_offset(b + 1); ++k)
        if (occ(r, cell_nbr(cell, nbr(k, 1)) * n_basis + nbr(k, 0))) h += nbr_j(k);
      state(r, i, 0) = site_energy(r, i) + h;
      state(r, i, 1) = kmc_exp(-0.5 * beta * state(r, i, 0));
    }
  }
  // The same model with its own (uninitialised) state: for self-checks.
  LatticeGasModel with_fresh_state() const {
    LatticeGasModel m = *this;
    m.state = d3("state_check", state.extent(0), state.extent(1));
    return m;
  }
  // Largest |e_i - e'_i| between this model's state and another's (host-accessible Views).
  double max_energy_difference(const LatticeGasModel& o) const {
    auto a = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), state);
    auto b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), o.state);
    double d = 0;
    for (size_t r = 0; r < a.extent(0); ++r)
      for (size_t i = 0; i < a.extent(1); ++i) {
        const double x = a(r, i, 0) > b(r, i, 0) ? a(r, i, 0) - b(r, i, 0) : b(r, i, 0) - a(r, i, 0);
        d = x > d ? x : d;
      }
    return d;
  }
};

}  // namespace ionhop::kernels
