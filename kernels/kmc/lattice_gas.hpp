#pragma once
// Energy model v1 "lattice_gas" on the device, weight form (doc/theory/kmc.md §2, §3, §8): the state
// kept per (replica, site) is the half-weight w_i = exp(-β e_i / 2) itself; rates come from
// lattice_gas_base.hpp. When an ion arrives at (leaves) site i, w_k of each partner k of i is
// multiplied by exp(∓β J_ik / 2): no exp at run time. Any interaction range; the coded form
// (coded_lattice_gas.hpp) is used instead where the partners' occupations fit in a small code.
#include <algorithm>
#include <cmath>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/kmc_math.hpp"
#include "kernels/kmc/lattice_gas_base.hpp"
#include "kernels/kmc/prefetch.hpp"

namespace ionhop::kernels {

template <class MemorySpace>
struct LatticeGasModel : LatticeGasBase<MemorySpace> {
  using Base = LatticeGasBase<MemorySpace>;
  using typename Base::Source;
  using d2 = Kokkos::View<double**, MemorySpace>;

  // Per partner entry: exp(-β J / 2) (ion arrives) and exp(β J / 2) (ion leaves), set_kind_tables.
  Kokkos::View<const double* [2], MemorySpace> nbr_factor;
  d2 weight;         // (replica, site) w_i

  template <class Occ>
  KOKKOS_INLINE_FUNCTION bool occupied(const Occ& occ, int r, int i) const { return occ(r, i) != 0; }
  // Site `from` as the source of hops; the rate of its hop of kind `kind` (slot `slot`) to `to`.
  KOKKOS_INLINE_FUNCTION Source source(int r, int from) const { return Base::source_of(weight(r, from)); }
  KOKKOS_INLINE_FUNCTION double rate(const Source& src, int r, int to, int kind, int slot) const {
    if (this->excluded(r, to, kind)) return 0.0;
    return Base::rate_of(src, weight(r, to), r, kind, slot);
  }
  KOKKOS_INLINE_FUNCTION double rate(int r, int from, int to, int kind, int slot) const {
    return rate(source(r, from), r, to, kind, slot);
  }
  // dE of the hop from -> to in eV (diagnostics and tests; the rate does not need it).
  KOKKOS_INLINE_FUNCTION double delta_e(int r, int from, int to, int kind) const {
    return Base::delta_e_of(weight(r, from), weight(r, to), kind);
  }
  KOKKOS_INLINE_FUNCTION void set_energy(int r, int i, double e) const { weight(r, i) = kmc_exp(-0.5 * this->beta * e); }
  // Weights after an ion arrived at (column 0) or left (column 1) site i.
  KOKKOS_INLINE_FUNCTION void scale_partners(int r, int i, int column) const {
    const int cell = i / this->n_basis, b = i - cell * this->n_basis;
    for (int k = this->nbr_offset(b); k < this->nbr_offset(b + 1); ++k) weight(r, this->partner(cell, k)) *= nbr_factor(k, column);
  }
  // Prefetch the state of sites first .. first + n - 1 (kernels/kmc/prefetch.hpp).
  KOKKOS_FORCEINLINE_FUNCTION void prefetch_sites(int r, int first, int n) const {
    prefetch_bytes(&weight(r, first), n * static_cast<int>(sizeof(double)));
  }
  // Another rank's ion arrived at (left) site i (kernels/kmc/sector_advance.hpp); st.occ is the caller's.
  KOKKOS_INLINE_FUNCTION void place(int r, int i, bool arrive) const {
    scale_partners(r, i, arrive ? 0 : 1);
    this->block_partners(r, i, arrive ? +1 : -1);
  }
  KOKKOS_INLINE_FUNCTION void move(int r, int from, int to) const {
    scale_partners(r, from, 1);
    scale_partners(r, to, 0);
    this->block_partners(r, from, -1);
    this->block_partners(r, to, +1);
  }
  // w_i from scratch.
  template <class Occ>
  KOKKOS_INLINE_FUNCTION void init(const Occ& occ, int r, int n_sites) const {
    for (int i = 0; i < n_sites; ++i) {
      const int cell = i / this->n_basis, b = i - cell * this->n_basis;
      double h = 0;
      for (int k = this->nbr_offset(b); k < this->nbr_offset(b + 1); ++k)
        if (occ(r, this->partner(cell, k))) h += this->nbr_j(k);
      set_energy(r, i, this->site_energy(r, i) + h);
    }
    this->init_blocked(occ, r, n_sites);
  }
  // The same model with its own (uninitialised) state: for self-checks.
  LatticeGasModel with_fresh_state() const {
    LatticeGasModel m = *this;
    m.weight = d2("weight_check", weight.extent(0), weight.extent(1));
    if (this->blocked.extent(0) != 0)
      m.blocked = Kokkos::View<std::uint8_t**, MemorySpace>("blocked_check", this->blocked.extent(0), this->blocked.extent(1));
    return m;
  }
  // Largest |e_i - e'_i| (eV) between this model's state and another's.
  double max_energy_difference(const LatticeGasModel& o) const {
    auto a = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), weight);
    auto b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), o.weight);
    double d = 0;
    for (size_t r = 0; r < a.extent(0); ++r)
      for (size_t i = 0; i < a.extent(1); ++i) d = std::max(d, 2.0 / this->beta * std::abs(std::log(a(r, i) / b(r, i))));
    return this->blocked_agrees(o) ? d : HUGE_VAL;
  }
};

// Host: the per-kind constants (from nu, beta, kind_ekra, kind_pair) and the per-partner factors
// (from beta, nbr_j) of a model.
template <class MemorySpace>
void set_kind_tables(LatticeGasModel<MemorySpace>& m) {
  set_rate_tables<MemorySpace>(m);
  auto nj = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.nbr_j);
  Kokkos::View<double* [2], MemorySpace> f("nbr_factor", nj.extent(0));
  auto fh = Kokkos::create_mirror_view(f);
  for (size_t k = 0; k < nj.extent(0); ++k) {
    fh(k, 0) = std::exp(-0.5 * m.beta * nj(k));
    fh(k, 1) = 1.0 / fh(k, 0);  // the exact inverse as far as rounding allows: arrive + leave ≈ 1
  }
  Kokkos::deep_copy(f, fh);
  m.nbr_factor = f;
}

}  // namespace ionhop::kernels
