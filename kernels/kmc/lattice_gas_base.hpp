#pragma once
// What both device forms of the lattice-gas model share (doc/theory/kmc.md §2, §3, §8): the floored
// rate of a hop from the Boltzmann half-weights of its end sites, the per-hop-kind tables, the
// site energies and the interaction-partner lists.
//   E = Σ_i n_i ε_i + Σ_{i<k} J_ik n_i n_k,  e_i = ε_i + h_i,  h_i = Σ_k J_ik n_k,
//   w_i = exp(-β e_i / 2)  (the half-weight; how it is stored is up to the model form).
// For a hop i -> j (i occupied, j empty) along a hop of kind q (E_KRA and J_ij of the hop),
// dE = e_j - e_i - J_ij and q_ij = exp(-β dE / 2) = (w_j / w_i) exp(β J_ij / 2):
//   Γ = ν exp(-β E_KRA) q_ij               if exp(-β E_KRA) <= q_ij <= exp(β E_KRA) (|dE| <= 2 E_KRA),
//   Γ = ν q_ij² = ν exp(-β dE)              if q_ij < exp(-β E_KRA)  (floored at E_a = dE),
//   Γ = ν                                   if q_ij > exp(β E_KRA)   (floored at E_a = 0),
// i.e. ν exp(-β max(E_KRA + dE/2, max(0, dE))) (rate_floor.hpp), with no exp and, per source
// site, one division. ν is the hop kind's (one per hop class, the same both ways: kind_nu), or the
// model's `nu` where kind_nu is empty.
// Optional hard exclusion (exclusion_distance, doc/theory/kmc.md §2): blocked(r, i) counts the ions on
// the sites within the exclusion distance of site i; a hop into i is possible only if none of them but
// the hopping ion itself is there, i.e. blocked(r, i) == kind_blocks(kind) (1 if the hop's two ends
// exclude each other). Both model forms keep blocked up to date in move/place/init.
// Sites held by immobile dopants (closed(r, i) = 1, doc/theory/kmc.md §1) are never entered: rate 0.
// Optional local barriers (doc/model-files.md, bvse_local): E_KRA of the directed hop in slot
// `slot` of replica r is kind_ekra(kind) + δ(r, slot), with δ(r, slot(i→j)) = δ(r, slot(j→i))
// (checked by the host) so detailed balance holds; hop_dkra(r, slot) = (exp(-β δ), exp(β δ)). Slot of
// template hop h of device cell c: c * n_template_hops + h (kernels/kmc/advance.hpp).
#include <cmath>
#include <cstdint>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/kmc_math.hpp"

namespace ionhop::kernels {

template <class MemorySpace>
struct LatticeGasBase {
  using d1 = Kokkos::View<const double*, MemorySpace>;
  enum KindConstant { kPre, kHi, kLo, kUp, kNu, kNumKindConstants };

  double nu = 0;     // attempt frequency, Hz, of every kind when kind_nu is empty
  double beta = 0;   // 1/(k_B T), 1/eV
  d1 kind_ekra;      // per hop kind, eV
  d1 kind_pair;      // per hop kind: J between the hop's two end sites (0 if not interacting), eV
  d1 kind_nu;        // per hop kind: ν of its hop class, Hz; empty: `nu` for all
  // Per hop kind (set_rate_tables), ν the kind's: pre = ν exp(-β E_KRA) exp(β J / 2) (Hz),
  // hi = exp(β (J/2 + E_KRA)), lo = exp(β (J/2 - E_KRA)), up = ν exp(β J) (Hz), nu = ν (Hz):
  // unfloored iff w_j hi >= w_i and w_j lo <= w_i.
  Kokkos::View<const double* [kNumKindConstants], MemorySpace> kind_const;
  Kokkos::View<const double** [2], MemorySpace> hop_dkra;  // (replica, slot): exp(-β δ), exp(β δ); empty: none
  Kokkos::View<const double**, MemorySpace> site_energy;    // (replica, site) ε_i, eV
  // Interaction partners k of site i with J_ik, per basis site b = i % n_basis: entries
  // [nbr_offset(b), nbr_offset(b + 1)) name k = cell_nbr(i / n_basis, nbr(e, 1)) * n_basis + nbr(e, 0)
  // (engine/kmc/cell_templates.hpp; one cell of all sites if the network is not periodic).
  int n_basis = 1;
  Kokkos::View<const int**, MemorySpace> cell_nbr;
  Kokkos::View<const int*, MemorySpace> nbr_offset;
  Kokkos::View<const int* [2], MemorySpace> nbr;
  d1 nbr_j;  // J_ik, eV
  // Exclusion partners per basis site, in the layout of nbr; all empty without exclusion.
  Kokkos::View<const int*, MemorySpace> blk_offset;
  Kokkos::View<const int* [2], MemorySpace> blk;
  Kokkos::View<const std::uint8_t*, MemorySpace> kind_blocks;  // per hop kind
  Kokkos::View<std::uint8_t**, MemorySpace> blocked;            // (replica, site)
  Kokkos::View<const std::uint8_t**, MemorySpace> closed;       // (replica, site) 1: dopant there; empty: none

  KOKKOS_INLINE_FUNCTION int partner(int cell, int e) const { return cell_nbr(cell, nbr(e, 1)) * n_basis + nbr(e, 0); }

  KOKKOS_INLINE_FUNCTION bool excluded(int r, int to, int kind) const {
    if (closed.extent(0) != 0 && closed(r, to) != 0) return true;
    return blocked.extent(0) != 0 && blocked(r, to) != kind_blocks(kind);
  }
  // The blocked counts of the exclusion partners of i after an ion arrived at (+1) or left (-1) i.
  KOKKOS_INLINE_FUNCTION void block_partners(int r, int i, int sign) const {
    if (blocked.extent(0) == 0) return;
    const int cell = i / n_basis, b = i - cell * n_basis;
    for (int e = blk_offset(b); e < blk_offset(b + 1); ++e) {
      std::uint8_t& c = blocked(r, cell_nbr(cell, blk(e, 1)) * n_basis + blk(e, 0));
      c = static_cast<std::uint8_t>(c + sign);
    }
  }
  template <class Occ>
  KOKKOS_INLINE_FUNCTION void init_blocked(const Occ& occ, int r, int n_sites) const {
    if (blocked.extent(0) == 0) return;
    for (int i = 0; i < n_sites; ++i) {
      const int cell = i / n_basis, b = i - cell * n_basis;
      int c = 0;
      for (int e = blk_offset(b); e < blk_offset(b + 1); ++e) c += occ(r, cell_nbr(cell, blk(e, 1)) * n_basis + blk(e, 0)) != 0;
      blocked(r, i) = static_cast<std::uint8_t>(c);
    }
  }

  // Host: whether another model's blocked counts equal these (self-checks; true without exclusion).
  bool blocked_agrees(const LatticeGasBase& o) const {
    if (blocked.extent(0) == 0) return true;
    auto a = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), blocked);
    auto b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), o.blocked);
    for (size_t r = 0; r < a.extent(0); ++r)
      for (size_t i = 0; i < a.extent(1); ++i)
        if (a(r, i) != b(r, i)) return false;
    return true;
  }

  // What every rate out of one source site shares: w and 1/w.
  struct Source {
    double w, inv_w;
  };
  KOKKOS_INLINE_FUNCTION static Source source_of(double w) { return {w, 1.0 / w}; }

  // Rate (Hz) of the hop of kind `kind` (slot `slot`) from a source to a site of half-weight wt.
  KOKKOS_INLINE_FUNCTION double rate_of(const Source& src, double wt, int r, int kind, int slot) const {
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
    if (wt * lo > src.w) return kind_const(kind, kNu);  // dE < -2 E_KRA: E_a = 0
    return pre * wt * src.inv_w;
  }
  // dE (eV) of a hop of kind `kind` between sites of half-weights ws (from) and wt (to).
  KOKKOS_INLINE_FUNCTION double delta_e_of(double ws, double wt, int kind) const {
    return -2.0 / beta * (kmc_log(wt) - kmc_log(ws)) - kind_pair(kind);
  }
};

// Host: the per-kind constants from nu (or kind_nu), beta, kind_ekra and kind_pair.
template <class MemorySpace>
void set_rate_tables(LatticeGasBase<MemorySpace>& m) {
  using M = LatticeGasBase<MemorySpace>;
  auto ek = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.kind_ekra);
  auto jp = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.kind_pair);
  auto kn = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.kind_nu);
  const bool per_kind = kn.extent(0) != 0;  // built by the same loop as kind_ekra (engine/kmc/device_tables.cpp)
  Kokkos::View<double* [M::kNumKindConstants], MemorySpace> c("kind_const", ek.extent(0));
  auto ch = Kokkos::create_mirror_view(c);
  for (size_t k = 0; k < ek.extent(0); ++k) {
    const double b = m.beta, e = ek(k), j = jp(k), nu = per_kind ? kn(k) : m.nu;
    ch(k, M::kPre) = nu * std::exp(-b * e + 0.5 * b * j);
    ch(k, M::kHi) = std::exp(b * (0.5 * j + e));
    ch(k, M::kLo) = std::exp(b * (0.5 * j - e));
    ch(k, M::kUp) = nu * std::exp(b * j);
    ch(k, M::kNu) = nu;
  }
  Kokkos::deep_copy(c, ch);
  m.kind_const = c;
}

}  // namespace ionhop::kernels
