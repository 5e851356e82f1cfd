#pragma once
// Binned cell-list construction of a half neighbour list in a triclinic box (fractional bins whose
// perpendicular thickness is at least the list cutoff, so a 3x3x3 stencil is complete). Requires
// cutoff < half the smallest perpendicular width: then each pair has one image within the cutoff,
// found by rounding the fractional difference. Two passes (count, then fill) give CSR.
#include <cstdint>

#include <Kokkos_Core.hpp>

#include "kernels/md/md_common.hpp"

namespace ionhop::md_kernels {

template <class MemSpace>
struct BinGrid {
  int nb[3] = {1, 1, 1};
  Kokkos::View<int*, MemSpace> atom_bin;     // bin of each atom
  Kokkos::View<int*, MemSpace> bin_offsets;  // CSR over bins (n_bins + 1)
  Kokkos::View<int*, MemSpace> bin_atoms;    // atoms sorted by bin
};

// Wrap positions into the box (fractional [0,1)), counting crossings in `image`; record the
// wrapped positions as the reference for the rebuild criterion.
template <class ExecSpace>
struct WrapPositions {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<double* [3], M> x, x_ref;
  Kokkos::View<int* [3], M> image;
  Box box;
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    double r[3] = {x(i, 0), x(i, 1), x(i, 2)}, f[3];
    box.to_frac(r, f);
    for (int d = 0; d < 3; ++d) {
      const double n = floor(f[d]);
      f[d] -= n;
      if (f[d] >= 1.0) f[d] = 0.0;
      image(i, d) += static_cast<int>(n);
    }
    box.to_cart(f, r);
    for (int d = 0; d < 3; ++d) x(i, d) = x_ref(i, d) = r[d];
  }
};

template <class ExecSpace>
struct AssignBins {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [3], M> x;
  Kokkos::View<int*, M> atom_bin, bin_count;
  Box box;
  int nb0, nb1, nb2;
  // The binned region in fractional coordinates: [f0, f0 + span) (the box; or a sub-box with its
  // ghost layer under domain decomposition, whose atoms are never wrapped).
  double f0[3] = {0, 0, 0}, span[3] = {1, 1, 1};
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    double r[3] = {x(i, 0), x(i, 1), x(i, 2)}, f[3];
    box.to_frac(r, f);
    for (int d = 0; d < 3; ++d) f[d] = (f[d] - f0[d]) / span[d];
    int b0 = static_cast<int>(f[0] * nb0), b1 = static_cast<int>(f[1] * nb1), b2 = static_cast<int>(f[2] * nb2);
    b0 = b0 < 0 ? 0 : (b0 >= nb0 ? nb0 - 1 : b0);
    b1 = b1 < 0 ? 0 : (b1 >= nb1 ? nb1 - 1 : b1);
    b2 = b2 < 0 ? 0 : (b2 >= nb2 ? nb2 - 1 : b2);
    const int b = b0 + nb0 * (b1 + nb1 * b2);
    atom_bin(i) = b;
    Kokkos::atomic_add(&bin_count(b), 1);
  }
};

// Atoms into their bins' ranges of bin_atoms, in whatever order the threads arrive (cursor: zeros).
template <class ExecSpace>
struct FillBins {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const int*, M> atom_bin, bin_offsets;
  Kokkos::View<int*, M> cursor, bin_atoms;
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    const int b = atom_bin(i);
    bin_atoms(bin_offsets(b) + Kokkos::atomic_fetch_add(&cursor(b), 1)) = i;
  }
};

// Each bin's atoms in increasing index: the lists, hence the force sums, are then the same on every
// backend and thread count. Insertion sort: a bin holds tens to a few hundred atoms.
template <class ExecSpace>
struct SortBins {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const int*, M> bin_offsets;
  Kokkos::View<int*, M> bin_atoms;
  KOKKOS_INLINE_FUNCTION void operator()(int b) const {
    const int lo = bin_offsets(b), hi = bin_offsets(b + 1);
    for (int k = lo + 1; k < hi; ++k) {
      const int a = bin_atoms(k);
      int j = k - 1;
      for (; j >= lo && bin_atoms(j) > a; --j) bin_atoms(j + 1) = bin_atoms(j);
      bin_atoms(j + 1) = a;
    }
  }
};

// Which atom of a pair holds it in the half list: the lower index when i + j is even, the higher
// when odd. Every atom then holds about half of its neighbours whatever its index; with "j > i"
// the first atoms held nearly all of theirs and the last almost none, so a static split of the
// atoms over threads left one thread with 3/4 of the pairs (1.3x at 2 threads, measured).
KOKKOS_INLINE_FUNCTION bool holds_pair(int i, int j) { return ((i + j) & 1) ? i > j : i < j; }

// Count (FILL = false) or write (FILL = true) the half list of atom i: the j within the cutoff
// for which holds_pair(i, j).
template <class ExecSpace, bool FILL>
struct HalfListPass {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [3], M> x;
  Kokkos::View<const int*, M> atom_bin, bin_offsets, bin_atoms;
  Kokkos::View<int*, M> count;          // FILL = false: neighbours per atom (size n + 1)
  Kokkos::View<const int*, M> offsets;  // FILL = true
  Kokkos::View<int*, M> entries;        // FILL = true
  Box box;
  int nb[3];
  int lo[3], hi[3];  // stencil offsets per direction ({-1,0,1}, or {0,1} when only 2 bins)
  double cut2 = 0;

  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    const int b = atom_bin(i);
    const int bi[3] = {b % nb[0], (b / nb[0]) % nb[1], b / (nb[0] * nb[1])};
    const double ri[3] = {x(i, 0), x(i, 1), x(i, 2)};
    int n = 0;
    int out = FILL ? offsets(i) : 0;
    for (int o2 = lo[2]; o2 <= hi[2]; ++o2)
      for (int o1 = lo[1]; o1 <= hi[1]; ++o1)
        for (int o0 = lo[0]; o0 <= hi[0]; ++o0) {
          const int c0 = (bi[0] + o0 + nb[0]) % nb[0], c1 = (bi[1] + o1 + nb[1]) % nb[1],
                    c2 = (bi[2] + o2 + nb[2]) % nb[2];
          const int c = c0 + nb[0] * (c1 + nb[1] * c2);
          for (int k = bin_offsets(c); k < bin_offsets(c + 1); ++k) {
            const int j = bin_atoms(k);
            if (!holds_pair(i, j)) continue;
            const double d[3] = {x(j, 0) - ri[0], x(j, 1) - ri[1], x(j, 2) - ri[2]};
            double f[3], dc[3];
            box.to_frac(d, f);
            const double n0 = -nearbyint(f[0]), n1 = -nearbyint(f[1]), n2 = -nearbyint(f[2]);
            f[0] += n0;
            f[1] += n1;
            f[2] += n2;
            box.to_cart(f, dc);
            if (dc[0] * dc[0] + dc[1] * dc[1] + dc[2] * dc[2] >= cut2) continue;
            // the image of j used is x_j + n·h, so the stored shift is n
            if (FILL) entries(out++) = pack_neighbor(j, image_code(int(n0), int(n1), int(n2)));
            ++n;
          }
        }
    if (!FILL) count(i) = n;
  }
};

// Which of the two copies of a pair between an owned atom and a ghost is held (domain
// decomposition, Newton's third law on): the ghost of atom j seen from the owner of i, shifted by
// the periodic image n (integers), mirrors the ghost of i seen from the owner of j, shifted by -n.
// Held, with s the sign of the first nonzero of n2, n1, n0: for an odd id_i + id_j s > 0, for an
// even one s < 0 (the mirror has -s and the same ids: exactly one copy is held, and the pairs
// across a periodic face are shared evenly by the two ranks there, not all given to one); for
// n = 0 the ids as holds_pair does. Integer logic: exact whatever the rounding of the positions.
KOKKOS_INLINE_FUNCTION bool holds_ghost_pair(std::int64_t id_i, std::int64_t id_j, int n0, int n1, int n2) {
  const int n = n2 != 0 ? n2 : (n1 != 0 ? n1 : n0);
  const bool odd = ((id_i + id_j) & 1) != 0;
  if (n != 0) return odd ? n > 0 : n < 0;
  return odd ? id_i > id_j : id_i < id_j;
}

// Domain decomposition: the half list of owned atom i (i < n_owned) among the owned atoms and the
// ghosts, with no periodic wrapping (ghosts are images already; image code 13 = no shift). Each
// pair is held once over all ranks: two owned atoms by holds_pair, an owned atom and a ghost by
// holds_ghost_pair; the force on a ghost goes back to its owner (reverse halo exchange).
template <class ExecSpace, bool FILL>
struct LocalHalfListPass {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [3], M> x;
  Kokkos::View<const std::int64_t*, M> id;      // global atom ids (owned and ghosts)
  Kokkos::View<const int* [3], M> ghost_image;  // periodic image of each ghost (0 for owned atoms)
  Kokkos::View<const int*, M> atom_bin, bin_offsets, bin_atoms;
  Kokkos::View<int*, M> count;
  Kokkos::View<const int*, M> offsets;
  Kokkos::View<int*, M> entries;
  int nb[3];
  int n_owned = 0;
  double cut2 = 0;

  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    const int b = atom_bin(i);
    const int bi[3] = {b % nb[0], (b / nb[0]) % nb[1], b / (nb[0] * nb[1])};
    const double ri[3] = {x(i, 0), x(i, 1), x(i, 2)};
    int n = 0;
    int out = FILL ? offsets(i) : 0;
    for (int c2 = bi[2] - 1; c2 <= bi[2] + 1; ++c2)
      for (int c1 = bi[1] - 1; c1 <= bi[1] + 1; ++c1)
        for (int c0 = bi[0] - 1; c0 <= bi[0] + 1; ++c0) {
          if (c0 < 0 || c1 < 0 || c2 < 0 || c0 >= nb[0] || c1 >= nb[1] || c2 >= nb[2]) continue;
          const int c = c0 + nb[0] * (c1 + nb[1] * c2);
          for (int k = bin_offsets(c); k < bin_offsets(c + 1); ++k) {
            const int j = bin_atoms(k);
            if (j < n_owned ? !holds_pair(i, j)
                            : !holds_ghost_pair(id(i), id(j), ghost_image(j, 0), ghost_image(j, 1), ghost_image(j, 2)))
              continue;
            const double dx = x(j, 0) - ri[0], dy = x(j, 1) - ri[1], dz = x(j, 2) - ri[2];
            if (dx * dx + dy * dy + dz * dz >= cut2) continue;
            if (FILL) entries(out++) = pack_neighbor(j, image_code(0, 0, 0));
            ++n;
          }
        }
    if (!FILL) count(i) = n;
  }
};

// Largest squared displacement since the last build (rebuild when > (skin/2)^2).
template <class ExecSpace>
struct MaxDisplacement2 {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [3], M> x, x_ref;
  KOKKOS_INLINE_FUNCTION void operator()(int i, double& m) const {
    const double dx = x(i, 0) - x_ref(i, 0), dy = x(i, 1) - x_ref(i, 1), dz = x(i, 2) - x_ref(i, 2);
    const double d2 = dx * dx + dy * dy + dz * dz;
    if (d2 > m) m = d2;
  }
};

}  // namespace ionhop::md_kernels
