#pragma once
// Energy model v1 "lattice_gas" on the device, coded form (doc/theory/kmc.md §3, §8). The same
// energy and rates as the weight form (lattice_gas.hpp, rates from lattice_gas_base.hpp), but the
// state per (replica, site) is a 16-bit word instead of a double: bit 15 is the occupation n_i (a
// copy of the KMC state's, next to the rest, so an event reads one array), bits 0-14 index one
// table of half-weights:
//   word_i & 0x7FFF = L_i · n_codes + code_offset(b_i) + C_i,   w_i = weight_table(word_i & 0x7FFF),
// with C_i the occupations of the interaction partners of i as a mixed-radix number (one digit
// per group of partners of basis site b_i with the same J; the digit counts the occupied ones),
// code_offset(b) + C < n_codes, and L_i the index of the static energy ε_i among the distinct
// values of all replicas; weight_table(L n_codes + code_offset(b) + C) = exp(-β (ε_L + h_b(C)) / 2).
// An ion arriving at (leaving) site i adds (subtracts) the digit value of its J group to the word
// of each partner. An event thus reads and writes 2 bytes per site instead of 8, w_i comes from a
// small table that stays in cache, and it is exact at every step (no multiplicative updates). The
// host uses this form when the table has at most 32 768 entries.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/lattice_gas_base.hpp"
#include "kernels/kmc/prefetch.hpp"

namespace ionhop::kernels {

template <class MemorySpace>
struct CodedLatticeGasModel : LatticeGasBase<MemorySpace> {
  using Base = LatticeGasBase<MemorySpace>;
  using typename Base::Source;
  using Word = std::uint16_t;
  static constexpr Word kOccupied = 0x8000, kIndex = 0x7FFF;

  // Per partner entry e of basis site b (partner k): column 0, the digit value of e's J group in
  // b's own code; column 1, what k's word gains when an ion arrives at the site (k's digit of J).
  Kokkos::View<const int* [2], MemorySpace> nbr_inc;
  Kokkos::View<const int*, MemorySpace> code_offset;      // per basis site: start of its codes
  int n_codes = 1;                                         // codes of all basis sites together
  Kokkos::View<const double*, MemorySpace> weight_table;  // half-weight per word value
  Kokkos::View<Word**, MemorySpace> word;                 // (replica, site)

  template <class Occ>
  KOKKOS_INLINE_FUNCTION bool occupied(const Occ& /*occ*/, int r, int i) const { return (word(r, i) & kOccupied) != 0; }
  KOKKOS_INLINE_FUNCTION double weight(int r, int i) const { return weight_table(word(r, i) & kIndex); }
  // Site `from` as the source of hops; the rate of its hop of kind `kind` (slot `slot`) to `to`.
  KOKKOS_INLINE_FUNCTION Source source(int r, int from) const { return Base::source_of(weight(r, from)); }
  KOKKOS_INLINE_FUNCTION double rate(const Source& src, int r, int to, int kind, int slot) const {
    if (this->excluded(r, to, kind)) return 0.0;
    return Base::rate_of(src, weight(r, to), r, kind, slot);
  }
  // Words of the partners of i after an ion arrived at (sign +1) or left (sign -1) site i.
  KOKKOS_INLINE_FUNCTION void recode_partners(int r, int i, int sign) const {
    const int cell = i / this->n_basis, b = i - cell * this->n_basis;
    for (int e = this->nbr_offset(b); e < this->nbr_offset(b + 1); ++e) {
      Word& w = word(r, this->partner(cell, e));
      w = static_cast<Word>(w + sign * nbr_inc(e, 1));
    }
  }
  // Prefetch the state of sites first .. first + n - 1 (kernels/kmc/prefetch.hpp).
  KOKKOS_FORCEINLINE_FUNCTION void prefetch_sites(int r, int first, int n) const {
    prefetch_bytes(&word(r, first), n * static_cast<int>(sizeof(Word)));
  }
  // Another rank's ion arrived at (left) site i (kernels/kmc/sector_advance.hpp).
  KOKKOS_INLINE_FUNCTION void place(int r, int i, bool arrive) const {
    word(r, i) = static_cast<Word>(arrive ? (word(r, i) | kOccupied) : (word(r, i) & kIndex));
    recode_partners(r, i, arrive ? +1 : -1);
    this->block_partners(r, i, arrive ? +1 : -1);
  }
  KOKKOS_INLINE_FUNCTION void move(int r, int from, int to) const {
    word(r, from) = static_cast<Word>(word(r, from) & kIndex);
    word(r, to) = static_cast<Word>(word(r, to) | kOccupied);
    recode_partners(r, from, -1);
    recode_partners(r, to, +1);
    this->block_partners(r, from, -1);
    this->block_partners(r, to, +1);
  }
  // n_i and C_i from scratch; the level L_i = (word_i & 0x7FFF) / n_codes (set by the host) is kept.
  template <class Occ>
  KOKKOS_INLINE_FUNCTION void init(const Occ& occ, int r, int n_sites) const {
    for (int i = 0; i < n_sites; ++i) {
      const int cell = i / this->n_basis, b = i - cell * this->n_basis;
      int code = 0;
      for (int e = this->nbr_offset(b); e < this->nbr_offset(b + 1); ++e)
        if (occ(r, this->partner(cell, e))) code += nbr_inc(e, 0);
      const int level = (word(r, i) & kIndex) / n_codes;
      word(r, i) = static_cast<Word>((occ(r, i) ? kOccupied : 0) | (level * n_codes + code_offset(b) + code));
    }
    this->init_blocked(occ, r, n_sites);
  }
  // The same model with its own state (levels copied, codes to be recomputed): for self-checks.
  CodedLatticeGasModel with_fresh_state() const {
    CodedLatticeGasModel m = *this;
    m.word = Kokkos::View<Word**, MemorySpace>("word_check", word.extent(0), word.extent(1));
    Kokkos::deep_copy(m.word, word);
    if (this->blocked.extent(0) != 0)
      m.blocked = Kokkos::View<std::uint8_t**, MemorySpace>("blocked_check", this->blocked.extent(0), this->blocked.extent(1));
    return m;
  }
  // Largest |e_i - e'_i| (eV) between this model's state and another's.
  double max_energy_difference(const CodedLatticeGasModel& o) const {
    auto a = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), word);
    auto b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), o.word);
    auto w = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), weight_table);
    double d = 0;
    for (size_t r = 0; r < a.extent(0); ++r)
      for (size_t i = 0; i < a.extent(1); ++i)
        if (a(r, i) != b(r, i))  // a different occupation bit counts as infinitely wrong
          d = std::max(d, 2.0 / this->beta * std::abs(std::log(w(a(r, i) & kIndex) / w(b(r, i) & kIndex))) +
                              ((a(r, i) ^ b(r, i)) & kOccupied ? HUGE_VAL : 0.0));
    return this->blocked_agrees(o) ? d : HUGE_VAL;
  }
};

}  // namespace ionhop::kernels
