#pragma once
// Pack functor of the KMC domain's ghost updates (engine/kmc/domain_ensemble.cpp): of a static list
// of (local site, neighbour, site index on that neighbour) entries, the entries whose occupancy
// differs from what the other side last heard (a shadow byte per entry and replica) become rows
//   (neighbour, remote site, replica, occupied, dx, dy, dz)
// (dx, dy, dz: the ion's unwrapped displacement, when `with_disp`; else 0)
// in entry-major order (entries are sorted by neighbour), and the shadow is brought up to date.
// Only changed sites travel. Run as a count (parallel_reduce) then a parallel_scan that writes.
// Header-only, CUDA-legal.
#include <cstdint>

#include <Kokkos_Core.hpp>

namespace ionhop::parallel_kernels {

// Row n of `out` for entry e of replica r at local site s, and the shadow brought up to date.
template <class M>
KOKKOS_INLINE_FUNCTION void write_changed_row(const Kokkos::View<double* [7], M>& out, int n,
                                              const Kokkos::View<const int* [3], M>& entry, int e, int r, int s,
                                              const Kokkos::View<const std::uint8_t**, M>& occ,
                                              const Kokkos::View<const double***, M>& disp, bool with_disp,
                                              const Kokkos::View<std::uint8_t**, M>& shadow) {
  out(n, 0) = entry(e, 1);
  out(n, 1) = entry(e, 2);
  out(n, 2) = r;
  out(n, 3) = occ(r, s);
  for (int a = 0; a < 3; ++a) out(n, 4 + a) = with_disp ? disp(r, s, a) : 0.0;
  shadow(r, e) = occ(r, s);
}

template <class M>
struct PackChangedSites {
  Kokkos::View<const std::uint8_t**, M> occ;  // (replica, local site)
  Kokkos::View<const double***, M> disp;      // (replica, local site, 3)
  Kokkos::View<std::uint8_t**, M> shadow;     // (replica, entry)
  Kokkos::View<const int* [3], M> entry;      // (local site, neighbour index, remote site)
  Kokkos::View<double* [7], M> out;
  int n_rep = 1;
  bool with_disp = false;

  KOKKOS_INLINE_FUNCTION bool changed(int q, int& r, int& e) const {
    e = q / n_rep;
    r = q - e * n_rep;
    return occ(r, entry(e, 0)) != shadow(r, e);
  }
  struct Count {};
  struct Write {};
  KOKKOS_INLINE_FUNCTION void operator()(Count, int q, int& n) const {
    int r, e;
    if (changed(q, r, e)) ++n;
  }
  KOKKOS_INLINE_FUNCTION void operator()(Write, int q, int& n, bool final) const {
    int r, e;
    if (!changed(q, r, e)) return;
    if (final) write_changed_row(out, n, entry, e, r, entry(e, 0), occ, disp, with_disp, shadow);
    ++n;
  }
};

// The same rows from the dirty lists (kernels/kmc/sector_advance.hpp DirtySites): pair i of the
// flattened (replica, listed site) pairs is replica r = the last with first(r) <= i; site
// list(r, i - first(r)); its entries [entry_offset(site), entry_offset(site + 1)) of entry_index.
// Cost: the changed sites, not the boundary.
template <class M>
struct PackDirtySites {
  Kokkos::View<const std::uint8_t**, M> occ;
  Kokkos::View<const double***, M> disp;
  Kokkos::View<std::uint8_t**, M> shadow;     // (replica, entry)
  Kokkos::View<const int* [3], M> entry;      // (local site, neighbour index, remote site)
  Kokkos::View<const int*, M> entry_offset;   // per local site (+1)
  Kokkos::View<const int*, M> entry_index;
  Kokkos::View<const int**, M> list;
  Kokkos::View<const int*, M> first;          // per replica (+1): prefix of the list lengths
  Kokkos::View<double* [7], M> out;
  int n_rep = 1;
  bool with_disp = false;
  struct Count {};
  struct Write {};

  KOKKOS_INLINE_FUNCTION void locate(int i, int& r, int& site) const {
    int lo = 0, hi = n_rep;  // first(lo) <= i < first(hi)
    while (hi - lo > 1) {
      const int mid = (lo + hi) / 2;
      if (first(mid) <= i) lo = mid;
      else hi = mid;
    }
    r = lo;
    site = list(r, i - first(r));
  }
  KOKKOS_INLINE_FUNCTION void operator()(Count, int i, int& n) const {
    int r, s;
    locate(i, r, s);
    for (int k = entry_offset(s); k < entry_offset(s + 1); ++k)
      if (occ(r, s) != shadow(r, entry_index(k))) ++n;
  }
  KOKKOS_INLINE_FUNCTION void operator()(Write, int i, int& n, bool final) const {
    int r, s;
    locate(i, r, s);
    for (int k = entry_offset(s); k < entry_offset(s + 1); ++k) {
      const int e = entry_index(k);
      if (occ(r, s) == shadow(r, e)) continue;
      if (final) write_changed_row(out, n, entry, e, r, s, occ, disp, with_disp, shadow);
      ++n;
    }
  }
};

// Copy of the occupancy into the shadow: what every neighbour knows after a full exchange.
template <class M>
struct ResetShadow {
  Kokkos::View<const std::uint8_t**, M> occ;
  Kokkos::View<std::uint8_t**, M> shadow;
  Kokkos::View<const int* [3], M> entry;
  KOKKOS_INLINE_FUNCTION void operator()(int r) const {
    for (int e = 0; e < static_cast<int>(entry.extent(0)); ++e) shadow(r, e) = occ(r, entry(e, 0));
  }
};

}  // namespace ionhop::parallel_kernels
