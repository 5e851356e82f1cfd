#pragma once
// Energy model v1 "lattice_gas" on the device (doc/theory/kmc.md §3, §8):
//   E = Σ_i n_i ε_i + Σ_{i<k} J_ik n_i n_k,
// ε_i: site energy (class energy + dopant shifts; per replica because dopants are), J_ik: pair
// interaction between mobile ions (distance shells and/or screened Coulomb), n_i in {0, 1}.
// The state kept per (replica, site) is one number, the Boltzmann half-weight
//   w_i = exp(-β e_i / 2),  e_i = ε_i + h_i,  h_i = Σ_k J_ik n_k (the field of the other ions).
// For a hop i -> j (i occupied, j empty) along a hop of kind q (E_KRA and J_ij of the hop),
// dE = e_j - e_i - J_ij and q_ij = exp(-β dE / 2) = (w_j / w_i) exp(β J_ij / 2):
//   Γ = ν exp(-β E_KRA) q_ij               if exp(-β E_KRA) <= q_ij <= exp(β E_KRA) (|dE| <= 2 E_KRA),
//   Γ = ν q_ij² = ν exp(-β dE)              if q_ij < exp(-β E_KRA)  (floored at E_a = dE),
//   Γ = ν                                   if q_ij > exp(β E_KRA)   (floored at E_a = 0),
// i.e. ν exp(-β max(E_KRA + dE/2, max(0, dE))) (rate_floor.hpp), with no exp and, per source
// site, one division. When an ion arrives at (leaves) site i, w_k of each partner k of i is
// multiplied by exp(∓β J_ik / 2): no exp at run time either.
// Optional local barriers (doc/model-files.md, bvse_local): E_KRA of the directed hop in slot
// `slot` of replica r is kind_ekra(kind) + δ(r, slot), with δ(r, slot(i→j)) = δ(r, slot(j→i))
// (checked by the host) so detailed balance holds; hop_dkra(r, slot) = (exp(-β δ), exp(β δ)). Slot of
// template hop h of device cell c: c * n_template_hops + h (kernels/kmc/advance.hpp).
#include <algorithm>
#include <cmath>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/kmc_math.hpp"

namespace ionhop::kernels {

template <class MemorySpace>
struct LatticeGasModel {
  using d1 = Kokkos::View<const double*, MemorySpace>;
  using d2c = Kokkos::View<const double**, MemorySpace>;
  using d2 = Kokkos::View<double**, MemorySpace>;
  using i1 = Kokkos::View<const int*, MemorySpace>;
  enum KindConstant { kPre, kHi, kLo, kUp, kNumKindConstants };

  double nu = 0;     // attempt frequency, Hz
  double beta = 0;   // 1/(k_B T), 1/eV
  d2c site_energy;   // (replica, site), eV
  d1 kind_ekra;      // per hop kind, eV
  d1 kind_pair;      // per hop kind: J between the hop's two end sites (0 if not interacting), eV
  // Per hop kind (set_kind_tables): pre = ν exp(-β E_KRA) exp(β J / 2) (Hz), hi = exp(β (J/2 + E_KRA)),
  // lo = exp(β (J/2 - E_KRA)), up = ν exp(β J) (Hz): unfloored iff w_j hi >= w_i and w_j lo <= w_i.
  Kokkos::View<const double* [kNumKindConstants], MemorySpace> kind_const;
  // Interaction partners k of site i with J_ik, per basis site b = i % n_basis: entries
  // [nbr_offset(b), nbr_offset(b + 1)) name k = cell_nbr(i / n_basis, nbr(e, 1)) * n_basis + nbr(e, 0)
  // (engine/kmc/cell_templates.hpp; one cell of all sites if the network is not periodic).
  int n_basis = 1;
  Kokkos::View<const int**, MemorySpace> cell_nbr;
  i1 nbr_offset;
  Kokkos::View<const int* [2], MemorySpace> nbr;
  d1 nbr_j;          // J_ik, eV
  // Per partner entry: exp(-β J / 2) (ion arrives) and exp(β J / 2) (ion leaves), set_kind_tables.
  Kokkos::View<const double* [2], MemorySpace> nbr_factor;
  d2 weight;         // (replica, site) w_i
  Kokkos::View<const double** [2], MemorySpace> hop_dkra;  // (replica, slot): exp(-β δ), exp(β δ); empty: none

  // What a rate out of site `from` needs from the source: w and 1/w.
  struct Source {
    double w, inv_w;
  };
  KOKKOS_INLINE_FUNCTION Source source(int r, int from) const {
    const double w = weight(r, from);
    return {w, 1.0 / w};
  }
  KOKKOS_INLINE_FUNCTION double rate(const Source& src, int r, int to, int kind, int slot) const {
    const double wt = weight(r, to);
    double pre = kind_const(kind, kPre), hi = kind_const(kind, kHi), lo = kind_const(kind, kLo);
    if (hop_dkra.extent(0) != 0) {  // E_KRA + δ: pre and lo scale by exp(-β δ), hi by exp(β δ)
      pre *= hop_dkra(r, slot, 0);
      lo *= hop_dkra(r, slot, 0);
      hi *= hop_dkra(r, slot, 1);
    }
    if (wt * hi < src.w) {  // dE > 2 E_KRA: E_a = dE
      const double q = wt * src.inv_w;
      return kind_const(kind, kUp) * q * q;
    }
    if (wt * lo > src.w) return nu;  // dE < -2 E_KRA: E_a = 0
    return pre * wt * src.inv_w;
  }
  KOKKOS_INLINE_FUNCTION double rate(int r, int from, int to, int kind, int slot) const {
    return rate(source(r, from), r, to, kind, slot);
  }
  // dE of the hop from -> to in eV (diagnostics and tests; the rate does not need it).
  KOKKOS_INLINE_FUNCTION double delta_e(int r, int from, int to, int kind) const {
    return -2.0 / beta * (kmc_log(weight(r, to)) - kmc_log(weight(r, from))) - kind_pair(kind);
  }
  KOKKOS_INLINE_FUNCTION void set_energy(int r, int i, double e) const { weight(r, i) = kmc_exp(-0.5 * beta * e); }
  // Weights after an ion arrived at (column 0) or left (column 1) site i.
  KOKKOS_INLINE_FUNCTION void scale_partners(int r, int i, int column) const {
    const int cell = i / n_basis, b = i - cell * n_basis;
    for (int k = nbr_offset(b); k < nbr_offset(b + 1); ++k)
      weight(r, cell_nbr(cell, nbr(k, 1)) * n_basis + nbr(k, 0)) *= nbr_factor(k, column);
  }
  KOKKOS_INLINE_FUNCTION void move(int r, int from, int to) const {
    scale_partners(r, from, 1);
    scale_partners(r, to, 0);
  }
  // w_i from scratch.
  template <class Occ>
  KOKKOS_INLINE_FUNCTION void init(const Occ& occ, int r, int n_sites) const {
    for (int i = 0; i < n_sites; ++i) {
      const int cell = i / n_basis, b = i - cell * n_basis;
      double h = 0;
      for (int k = nbr_offset(b); k < nbr_offset(b + 1); ++k)
        if (occ(r, cell_nbr(cell, nbr(k, 1)) * n_basis + nbr(k, 0))) h += nbr_j(k);
      set_energy(r, i, site_energy(r, i) + h);
    }
  }
  // The same model with its own (uninitialised) state: for self-checks.
  LatticeGasModel with_fresh_state() const {
    LatticeGasModel m = *this;
    m.weight = d2("weight_check", weight.extent(0), weight.extent(1));
    return m;
  }
  // Largest |e_i - e'_i| (eV) between this model's state and another's.
  double max_energy_difference(const LatticeGasModel& o) const {
    auto a = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), weight);
    auto b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), o.weight);
    double d = 0;
    for (size_t r = 0; r < a.extent(0); ++r)
      for (size_t i = 0; i < a.extent(1); ++i) d = std::max(d, 2.0 / beta * std::abs(std::log(a(r, i) / b(r, i))));
    return d;
  }
};

// Host: the per-kind constants (from nu, beta, kind_ekra, kind_pair) and the per-partner factors
// (from beta, nbr_j) of a model.
template <class MemorySpace>
void set_kind_tables(LatticeGasModel<MemorySpace>& m) {
  using M = LatticeGasModel<MemorySpace>;
  auto ek = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.kind_ekra);
  auto jp = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.kind_pair);
  Kokkos::View<double* [M::kNumKindConstants], MemorySpace> c("kind_const", ek.extent(0));
  auto ch = Kokkos::create_mirror_view(c);
  for (size_t k = 0; k < ek.extent(0); ++k) {
    const double b = m.beta, e = ek(k), j = jp(k);
    ch(k, M::kPre) = m.nu * std::exp(-b * e + 0.5 * b * j);
    ch(k, M::kHi) = std::exp(b * (0.5 * j + e));
    ch(k, M::kLo) = std::exp(b * (0.5 * j - e));
    ch(k, M::kUp) = m.nu * std::exp(b * j);
  }
  Kokkos::deep_copy(c, ch);
  m.kind_const = c;
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
