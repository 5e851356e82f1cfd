#pragma once
// Energy model v1 "lattice_gas" on the device (doc/theory/kmc.md):
//   E = Σ_i n_i ε_i + Σ_{i<k} J_ik n_i n_k,
// ε_i: site energy (class energy + dopant shifts; per replica because dopants are), J_ik: pair
// interaction between mobile ions (distance shells and/or screened Coulomb), n_i in {0, 1}.
// The field h_i = Σ_k J_ik n_k is kept per (replica, site), so the energy change of a hop i -> j
// (i occupied, j empty) is O(1):  dE = ε_j - ε_i + (h_j - J_ij) - h_i.
#include <Kokkos_Core.hpp>

#include "kernels/kmc/rate_floor.hpp"

namespace ionhop::kernels {

template <class MemorySpace>
struct LatticeGasModel {
  using d1 = Kokkos::View<const double*, MemorySpace>;
  using d2 = Kokkos::View<const double**, MemorySpace>;
  using i1 = Kokkos::View<const int*, MemorySpace>;

  double nu = 0;     // attempt frequency, Hz
  double beta = 0;   // 1/(k_B T), 1/eV
  d2 site_energy;    // (replica, site), eV
  d1 hop_ekra;       // per directed hop of the network, eV
  d1 hop_pair;       // per directed hop: J between its two end sites (0 if not interacting), eV
  i1 nbr_offset;     // CSR over sites: interaction partners k of site i with J_ik
  i1 nbr_index;
  d1 nbr_j;

  template <class Field>
  KOKKOS_INLINE_FUNCTION double delta_e(const Field& h, int r, int from, int to, int hop) const {
    return site_energy(r, to) - site_energy(r, from) + (h(r, to) - hop_pair(hop)) - h(r, from);
  }
  KOKKOS_INLINE_FUNCTION double rate(int hop, double de) const {
    return hop_rate(nu, beta, hop_ekra(hop), de);
  }
  // Field after the ion on `from` moved to `to`.
  template <class Field>
  KOKKOS_INLINE_FUNCTION void move(const Field& h, int r, int from, int to) const {
    for (int k = nbr_offset(from); k < nbr_offset(from + 1); ++k) h(r, nbr_index(k)) -= nbr_j(k);
    for (int k = nbr_offset(to); k < nbr_offset(to + 1); ++k) h(r, nbr_index(k)) += nbr_j(k);
  }
  // h_i = Σ_k J_ik n_k from scratch.
  template <class Field, class Occ>
  KOKKOS_INLINE_FUNCTION void init_field(const Field& h, const Occ& occ, int r, int n_sites) const {
    for (int i = 0; i < n_sites; ++i) {
      double s = 0;
      for (int k = nbr_offset(i); k < nbr_offset(i + 1); ++k)
        if (occ(r, nbr_index(k))) s += nbr_j(k);
      h(r, i) = s;
    }
  }
};

}  // namespace ionhop::kernels
