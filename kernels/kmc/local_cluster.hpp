#pragma once
// Energy model "local_cluster_expansion" on the device (doc/theory/kmc.md §10). The state kept per
// (replica, site) is, for each centre site, the code of its environment: bit k set when σ_k = -1
// (the mobile ion on a mobile slot, the slot's species on a framework slot). Framework bits never
// change in KMC (fixed, per replica); an ion arriving at (leaving) site x sets (clears) x's bit in
// the code of every centre that watches x. A hop's rate is one table lookup by the code of its
// centre: rate(code, 0) for the hop out of the centre, rate(code, 1) for the hop into it, with
// (rule "canonical") the source's bit cleared so that both directions read the same environment.
// A site held by an immobile dopant (closed) is never entered; in the codes it counts as empty.
#include <cmath>
#include <cstdint>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/prefetch.hpp"

namespace ionhop::kernels {

template <class MemorySpace>
struct LocalClusterModel {
  using code_t = std::uint16_t;  // at most 16 environment sites
  double nu = 0, beta = 0;  // Hz, 1/eV
  bool canonical = true;
  int n_basis = 1;
  Kokkos::View<const int**, MemorySpace> cell_nbr;
  Kokkos::View<const int*, MemorySpace> kind_tag;  // per hop kind: role * 256 + slot (local_environments.hpp)
  // Per basis site x: entries [watch_offset(b), watch_offset(b + 1)) of watch = (b', dir, slot): the
  // centres whose environment holds x (site cell_nbr(cell, dir) * n_basis + b') and x's slot there.
  Kokkos::View<const int*, MemorySpace> watch_offset;
  Kokkos::View<const int* [3], MemorySpace> watch;
  Kokkos::View<const double* [2], MemorySpace> rate_table;    // per code: out of / into the centre, Hz
  Kokkos::View<const double* [2], MemorySpace> energy_table;  // per code: E_KRA, E_site, eV
  Kokkos::View<const code_t**, MemorySpace> fixed;            // (replica, site): framework bits
  Kokkos::View<code_t**, MemorySpace> code;                   // (replica, site): environment code
  Kokkos::View<const std::uint8_t**, MemorySpace> closed;     // (replica, site) 1: dopant, never entered

  template <class Occ>
  KOKKOS_INLINE_FUNCTION bool occupied(const Occ& occ, int r, int i) const { return occ(r, i) != 0; }
  struct Source {
    code_t code;
  };
  KOKKOS_INLINE_FUNCTION Source source(int r, int from) const { return {code(r, from)}; }
  KOKKOS_INLINE_FUNCTION double rate(const Source& src, int r, int to, int kind, int) const {
    if (closed.extent(0) != 0 && closed(r, to) != 0) return 0.0;
    const int tag = kind_tag(kind);
    if (tag < 256) return rate_table(src.code, 0);  // out of the centre: the target's bit is clear
    unsigned c = code(r, to);
    if (canonical) c &= ~(1u << (tag - 256));
    return rate_table(c, 1);
  }
  KOKKOS_INLINE_FUNCTION double rate(int r, int from, int to, int kind, int slot) const {
    return rate(source(r, from), r, to, kind, slot);
  }
  // Bits of the centres that watch site i after an ion arrived there (set) or left (clear).
  KOKKOS_INLINE_FUNCTION void place(int r, int i, bool arrive) const {
    const int cell = i / n_basis, b = i - cell * n_basis;
    for (int e = watch_offset(b); e < watch_offset(b + 1); ++e) {
      const int c = cell_nbr(cell, watch(e, 1)) * n_basis + watch(e, 0);
      const unsigned bit = 1u << watch(e, 2);
      code(r, c) = static_cast<code_t>(arrive ? (code(r, c) | bit) : (code(r, c) & ~bit));
    }
  }
  KOKKOS_INLINE_FUNCTION void move(int r, int from, int to) const {
    place(r, from, false);
    place(r, to, true);
  }
  KOKKOS_FORCEINLINE_FUNCTION void prefetch_sites(int r, int first, int n) const {
    prefetch_bytes(&code(r, first), n * static_cast<int>(sizeof(code_t)));
  }
  template <class Occ>
  KOKKOS_INLINE_FUNCTION void init(const Occ& occ, int r, int n_sites) const {
    for (int i = 0; i < n_sites; ++i) code(r, i) = fixed(r, i);
    for (int i = 0; i < n_sites; ++i)
      if (occ(r, i)) place(r, i, true);
  }
  LocalClusterModel with_fresh_state() const {
    LocalClusterModel m = *this;
    m.code = Kokkos::View<code_t**, MemorySpace>("lce_code_check", code.extent(0), code.extent(1));
    return m;
  }
  // Largest difference (eV) of E_KRA or E_site between this model's codes and another's.
  double max_energy_difference(const LocalClusterModel& o) const {
    auto a = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), code);
    auto b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), o.code);
    auto e = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), energy_table);
    double d = 0;
    for (size_t r = 0; r < a.extent(0); ++r)
      for (size_t i = 0; i < a.extent(1); ++i)
        for (int k = 0; k < 2; ++k) d = std::fmax(d, std::fabs(e(a(r, i), k) - e(b(r, i), k)));
    return d;
  }
};

// Host: the rate table from the energy table, ν and β: E_a = E_KRA ± E_site / 2 (no floor: the
// reference model's definition, doc/theory/kmc.md §10).
template <class MemorySpace>
void set_rate_table(LocalClusterModel<MemorySpace>& m) {
  auto e = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.energy_table);
  Kokkos::View<double* [2], MemorySpace> t("lce_rate_table", e.extent(0));
  auto th = Kokkos::create_mirror_view(t);
  for (size_t c = 0; c < e.extent(0); ++c) {
    th(c, 0) = m.nu * std::exp(-m.beta * (e(c, 0) + 0.5 * e(c, 1)));
    th(c, 1) = m.nu * std::exp(-m.beta * (e(c, 0) - 0.5 * e(c, 1)));
  }
  Kokkos::deep_copy(t, th);
  m.rate_table = t;
}

}  // namespace ionhop::kernels
