#pragma once
// Pack and unpack functors of the halo exchange and the migration (engine/parallel): rows of a
// per-item View (rank 1, or rank 2 with a few columns) are copied by an index list into a
// contiguous buffer (item k, column c), and contiguous buffer rows back into a View at an offset.
// Header-only, CUDA-legal: Views captured by value, no host calls.
#include <type_traits>

#include <Kokkos_Core.hpp>

namespace ionhop::parallel_kernels {

// dst(k, c) = src(ids(k), c) (+ shift[c] when `shifted`: periodic images of positions, or of
// integer image counters with ishift).
template <class Src, class Dst>
struct GatherRows {
  using M = typename Src::memory_space;
  Src src;
  Dst dst;
  Kokkos::View<const int*, M> ids;
  double shift[3] = {0, 0, 0};
  int ishift[3] = {0, 0, 0};
  bool shifted = false;
  KOKKOS_INLINE_FUNCTION void operator()(int k) const {
    const int i = ids(k);
    if constexpr (Src::rank == 1 && Dst::rank == 1) {
      dst(k) = src(i);
    } else if constexpr (Src::rank == 1) {
      dst(k, 0) = src(i);
    } else {
      for (int c = 0; c < static_cast<int>(src.extent(1)); ++c) {
        // shifts apply to the 3 coordinates only (rows of other widths are never shifted)
        if (!shifted || c >= 3)
          dst(k, c) = src(i, c);
        else if constexpr (std::is_floating_point_v<typename Dst::non_const_value_type>)
          dst(k, c) = src(i, c) + shift[c];
        else
          dst(k, c) = src(i, c) + ishift[c];
      }
    }
  }
};

// dst(first + k, c) = buf(k, c).
template <class Buf, class Dst>
struct PlaceRows {
  Buf buf;
  Dst dst;
  int first = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int k) const {
    if constexpr (Dst::rank == 1) {
      dst(first + k) = buf(k, 0);
    } else {
      for (int c = 0; c < static_cast<int>(buf.extent(1)); ++c) dst(first + k, c) = buf(k, c);
    }
  }
};

// ids(k) = first + k: the index list of a contiguous block of rows.
template <class M>
struct RowRange {
  Kokkos::View<int*, M> ids;
  int first = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int k) const { ids(k) = first + k; }
};

// dst(ids(k), c) += buf(k, c): the reverse of a halo swap (ghost forces back to their owners;
// the ids of one swap are distinct, so no atomics).
template <class Buf, class Dst>
struct AddRows {
  using M = typename Dst::memory_space;
  Buf buf;
  Dst dst;
  Kokkos::View<const int*, M> ids;
  KOKKOS_INLINE_FUNCTION void operator()(int k) const {
    const int i = ids(k);
    for (int c = 0; c < static_cast<int>(buf.extent(1)); ++c) dst(i, c) += buf(k, c);
  }
};

}  // namespace ionhop::parallel_kernels
