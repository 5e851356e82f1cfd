#pragma once
// Halo (ghost) exchange built from export lists, in the spirit of Cabana's Halo: a sequence of
// swaps, each sending a list of local items (owned, or ghosts of earlier swaps) to one rank and
// receiving that rank's items as new ghosts appended after the local items. A 3D halo is three
// sweeps of two swaps (x, then y including the x ghosts, then z), so edges and corners come for
// free; each swap may add a constant shift to positions (a periodic image). Items are rows of
// Kokkos Views; packing and unpacking run as kernels (kernels/parallel/pack.hpp) and MPI works on
// host copies of the buffers. A swap with oneself (one rank along a direction) is a local copy.
#include <array>
#include <cstddef>
#include <type_traits>
#include <vector>

#include <Kokkos_Core.hpp>

#include "engine/parallel/mpi.hpp"
#include "kernels/parallel/pack.hpp"

namespace ionhop::parallel {

// Send `send_bytes` bytes to `to` and receive `recv_bytes` bytes from `from` (MPI_Sendrecv, or a
// copy when both are this rank). Blocking.
void sendrecv_bytes(const mpi::Comm& comm, const void* send, std::size_t send_bytes, int to, void* recv,
                    std::size_t recv_bytes, int from);
// The count each side sends, exchanged the same way.
int sendrecv_count(const mpi::Comm& comm, int send_count, int to, int from);

template <class ExecSpace>
class Halo {
 public:
  using MemSpace = typename ExecSpace::memory_space;

  // device_mpi: hand MPI the device buffers themselves (a CUDA-aware MPI); else host copies.
  Halo(const mpi::Comm& comm, int n_owned, bool device_mpi = false)
      : comm_(comm), n_owned_(n_owned), n_local_(n_owned), device_mpi_(device_mpi) {}

  // Adds a swap: local items `ids` (each < n_local()) go to rank `to`; items from rank `from`
  // become local items n_local() ... Collective between the pair. Returns the number received.
  int add_swap(const std::vector<int>& ids, int to, int from, const std::array<double, 3>& shift,
               const std::array<int, 3>& image_shift = {0, 0, 0}) {
    Swap s;
    s.ids = Kokkos::View<int*, MemSpace>("halo::ids", ids.size());
    auto h = Kokkos::create_mirror_view(s.ids);
    for (std::size_t k = 0; k < ids.size(); ++k) h(k) = ids[k];
    Kokkos::deep_copy(s.ids, h);
    s.to = to;
    s.from = from;
    s.shift = shift;
    s.image_shift = image_shift;
    s.first = n_local_;
    s.n_recv = sendrecv_count(comm_, static_cast<int>(ids.size()), to, from);
    s.rows = Kokkos::View<int*, MemSpace>("halo::rows", s.n_recv);
    Kokkos::parallel_for("halo::rows", Kokkos::RangePolicy<ExecSpace>(0, s.n_recv),
                         parallel_kernels::RowRange<MemSpace>{s.rows, s.first});
    n_local_ += s.n_recv;
    swaps_.push_back(s);
    return s.n_recv;
  }

  int n_owned() const { return n_owned_; }
  int n_local() const { return n_local_; }
  int n_ghost() const { return n_local_ - n_owned_; }
  int n_swaps() const { return static_cast<int>(swaps_.size()); }

  // Fills the ghost rows of v (extent(0) >= n_local()) of swaps [first, last) from their owners;
  // `shifted`: add each swap's shift (positions; integer image shifts for integer Views).
  template <class V>
  void gather(const V& v, bool shifted = false, int first = 0, int last = -1) const {
    const int width = V::rank == 1 ? 1 : static_cast<int>(v.extent(1));
    if (last < 0) last = n_swaps();
    for (int k = first; k < last; ++k) {
      const Swap& s = swaps_[k];
      const int n_send = static_cast<int>(s.ids.extent(0));
      const BufFor<V> send = scratch<ValueOf<V>>(0, n_send, width), recv = scratch<ValueOf<V>>(1, s.n_recv, width);
      parallel_kernels::GatherRows<V, BufFor<V>> pack{v, send, s.ids};
      pack.shifted = shifted;
      for (int d = 0; d < 3; ++d) pack.shift[d] = s.shift[d], pack.ishift[d] = s.image_shift[d];
      Kokkos::parallel_for("halo::pack", Kokkos::RangePolicy<ExecSpace>(0, n_send), pack);
      transfer(send, s.to, recv, s.from);
      Kokkos::parallel_for("halo::unpack", Kokkos::RangePolicy<ExecSpace>(0, s.n_recv),
                           parallel_kernels::PlaceRows<BufFor<V>, V>{recv, v, s.first});
    }
    Kokkos::fence();
  }

  // The reverse: every swap, last first, adds the ghost rows of v back onto the rows they copy
  // (ghost forces to their owners; ghosts of ghosts reach the owner through the earlier swap).
  template <class V>
  void scatter_add(const V& v) const {
    const int width = V::rank == 1 ? 1 : static_cast<int>(v.extent(1));
    for (int k = n_swaps() - 1; k >= 0; --k) {
      const Swap& s = swaps_[k];
      const int n_back = static_cast<int>(s.ids.extent(0));
      const BufFor<V> send = scratch<ValueOf<V>>(0, s.n_recv, width), recv = scratch<ValueOf<V>>(1, n_back, width);
      Kokkos::parallel_for("halo::pack_back", Kokkos::RangePolicy<ExecSpace>(0, s.n_recv),
                           parallel_kernels::GatherRows<V, BufFor<V>>{v, send, s.rows});
      transfer(send, s.from, recv, s.to);
      Kokkos::parallel_for("halo::add_back", Kokkos::RangePolicy<ExecSpace>(0, n_back),
                           parallel_kernels::AddRows<BufFor<V>, V>{recv, v, s.ids});
    }
    Kokkos::fence();
  }

  struct Swap {
    Kokkos::View<int*, MemSpace> ids;   // local items sent
    Kokkos::View<int*, MemSpace> rows;  // local rows of the items received: first .. first + n_recv
    int to = 0, from = 0, first = 0, n_recv = 0;
    std::array<double, 3> shift{0, 0, 0};
    std::array<int, 3> image_shift{0, 0, 0};
  };

 private:
  template <class T>
  using Buf = Kokkos::View<T**, Kokkos::LayoutRight, MemSpace>;
  // (aliases, not local typedefs: nvcc warns that those are unused)
  template <class V>
  using ValueOf = typename V::non_const_value_type;
  template <class V>
  using BufFor = Buf<ValueOf<V>>;

  // A buffer of rows x width (which: 0 send, 1 receive). Doubles (positions and forces, every
  // step) reuse one allocation; other types (once per neighbour-list build) get a fresh one.
  template <class T>
  Buf<T> scratch(int which, int rows, int width) const {
    if constexpr (std::is_same_v<T, double>) {
      auto& raw = scratch_[which];
      const std::size_t need = static_cast<std::size_t>(rows) * width;
      if (raw.extent(0) < need)
        raw = Kokkos::View<double*, MemSpace>(Kokkos::view_alloc("halo::scratch", Kokkos::WithoutInitializing),
                                              need + need / 4 + 64);
      return Buf<T>(raw.data(), rows, width);
    } else {
      return Buf<T>(Kokkos::view_alloc("halo::buffer", Kokkos::WithoutInitializing), rows, width);
    }
  }

  // A swap with oneself is a copy in the buffers' memory; MPI works on host copies (on the
  // buffers themselves when they live in host memory, or when the MPI is CUDA-aware).
  template <class T>
  void transfer(const Buf<T>& send, int to, const Buf<T>& recv, int from) const {
    const int me = comm_.rank();
    if (to == me && from == me) {
      Kokkos::deep_copy(recv, send);
      return;
    }
    if (device_mpi_) {
      Kokkos::fence();  // the pack kernel has written the buffer
      sendrecv_bytes(comm_, send.data(), sizeof(T) * send.size(), to, recv.data(), sizeof(T) * recv.size(), from);
      return;
    }
    auto hs = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), send);
    auto hr = Kokkos::create_mirror_view(recv);
    sendrecv_bytes(comm_, hs.data(), sizeof(T) * send.size(), to, hr.data(), sizeof(T) * recv.size(), from);
    Kokkos::deep_copy(recv, hr);
  }

  mpi::Comm comm_;
  int n_owned_ = 0, n_local_ = 0;
  bool device_mpi_ = false;
  std::vector<Swap> swaps_;
  mutable Kokkos::View<double*, MemSpace> scratch_[2];
};

}  // namespace ionhop::parallel
