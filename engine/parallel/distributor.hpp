#pragma once
// Migration of owned items between ranks, built from an export list (the destination rank of each
// item), in the spirit of Cabana's Distributor. After migrate(), a rank holds the items it kept, in
// their old order, followed by the items it received, by source rank and then in the sender's
// order: deterministic for a given rank count. Counts go through MPI_Alltoall, so an item may
// jump to any rank (an atom that crossed several sub-boxes between two neighbour-list builds).
// Packing and unpacking run as kernels; MPI works on host copies.
#include <cstddef>
#include <string>
#include <vector>

#include <Kokkos_Core.hpp>

#include "engine/parallel/mpi.hpp"
#include "kernels/parallel/pack.hpp"

namespace ionhop::parallel {

// Every rank sends send_bytes[r] bytes (concatenated in rank order in `send`) to rank r and
// receives recv_bytes[r] from it (MPI_Alltoallv; a copy without MPI).
void alltoallv_bytes(const mpi::Comm& comm, const void* send, const std::vector<std::size_t>& send_bytes, void* recv,
                     const std::vector<std::size_t>& recv_bytes);
// Item counts: out[r] = what rank r sends to this rank (MPI_Alltoall).
std::vector<int> alltoall_counts(const mpi::Comm& comm, const std::vector<int>& send_counts);

template <class ExecSpace>
class Distributor {
 public:
  using MemSpace = typename ExecSpace::memory_space;

  // dest[i]: the rank of `comm` item i belongs to (this rank: it stays). Collective.
  // device_mpi: hand MPI the device buffers themselves (a CUDA-aware MPI); else host copies.
  Distributor(const mpi::Comm& comm, const std::vector<int>& dest, bool device_mpi = false)
      : comm_(comm), device_mpi_(device_mpi) {
    const int size = comm.size(), me = comm.rank();
    send_counts_.assign(size, 0);
    std::vector<int> keep;
    for (std::size_t i = 0; i < dest.size(); ++i) {
      if (dest[i] == me) keep.push_back(static_cast<int>(i));
      else ++send_counts_.at(dest[i]);
    }
    std::vector<int> order;  // sent items by destination rank, in item order within a rank
    std::vector<int> cursor(size, 0);
    for (int r = 1; r < size; ++r) cursor[r] = cursor[r - 1] + send_counts_[r - 1];
    order.resize(dest.size() - keep.size());
    for (std::size_t i = 0; i < dest.size(); ++i)
      if (dest[i] != me) order[cursor[dest[i]]++] = static_cast<int>(i);
    keep_ = to_device(keep, "distributor::keep");
    send_ = to_device(order, "distributor::send");
    recv_counts_ = alltoall_counts(comm, send_counts_);
    n_recv_ = 0;
    for (int c : recv_counts_) n_recv_ += c;
  }

  int n_kept() const { return static_cast<int>(keep_.extent(0)); }
  int n_sent() const { return static_cast<int>(send_.extent(0)); }
  int n_received() const { return n_recv_; }
  int n_new() const { return n_kept() + n_recv_; }

  // A View of the same type with n_new() rows: the kept rows, then the received ones.
  template <class V>
  V migrate(const V& v) const {
    using T = typename V::non_const_value_type;
    using Buf = Kokkos::View<T**, Kokkos::LayoutRight, MemSpace>;
    const int width = V::rank == 1 ? 1 : static_cast<int>(v.extent(1));
    V out(v.label(), n_new());
    Buf send(Kokkos::view_alloc("distributor::send", Kokkos::WithoutInitializing), n_sent(), width);
    Buf recv(Kokkos::view_alloc("distributor::recv", Kokkos::WithoutInitializing), n_recv_, width);
    // the kept rows straight into place; the sent ones through a buffer
    Kokkos::parallel_for("distributor::keep", Kokkos::RangePolicy<ExecSpace>(0, n_kept()),
                         parallel_kernels::GatherRows<V, V>{v, out, keep_});
    Kokkos::parallel_for("distributor::pack", Kokkos::RangePolicy<ExecSpace>(0, n_sent()),
                         parallel_kernels::GatherRows<V, Buf>{v, send, send_});
    std::vector<std::size_t> sb(send_counts_.size()), rb(recv_counts_.size());
    for (std::size_t r = 0; r < sb.size(); ++r) {
      sb[r] = sizeof(T) * width * send_counts_[r];
      rb[r] = sizeof(T) * width * recv_counts_[r];
    }
    if (device_mpi_) {
      Kokkos::fence();
      alltoallv_bytes(comm_, send.data(), sb, recv.data(), rb);
    } else {
      auto hs = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), send);
      auto hr = Kokkos::create_mirror_view(recv);
      alltoallv_bytes(comm_, hs.data(), sb, hr.data(), rb);
      Kokkos::deep_copy(recv, hr);
    }
    Kokkos::parallel_for("distributor::place", Kokkos::RangePolicy<ExecSpace>(0, n_recv_),
                         parallel_kernels::PlaceRows<Buf, V>{recv, out, n_kept()});
    Kokkos::fence();
    return out;
  }

 private:
  static Kokkos::View<int*, MemSpace> to_device(const std::vector<int>& v, const char* label) {
    Kokkos::View<int*, MemSpace> d(std::string(label), v.size());
    auto h = Kokkos::create_mirror_view(d);
    for (std::size_t k = 0; k < v.size(); ++k) h(k) = v[k];
    Kokkos::deep_copy(d, h);
    return d;
  }
  mpi::Comm comm_;
  bool device_mpi_ = false;
  std::vector<int> send_counts_, recv_counts_;
  int n_recv_ = 0;
  Kokkos::View<int*, MemSpace> keep_, send_;
};

}  // namespace ionhop::parallel
