#pragma once
// Device data of an ensemble (doc/theory/kmc.md §Algorithm): the network (read-only, shared by
// all replicas) and the per-replica state in 2-D Views (replica, site).
#include <cstdint>

#include <Kokkos_Core.hpp>

namespace ionhop::kernels {

template <class MemorySpace>
struct KmcNetworkView {
  int n_sites = 0;
  int tree_leaves = 1;   // P of the sum tree
  Kokkos::View<const int*, MemorySpace> hop_offset;  // CSR by `from`, size n_sites + 1
  Kokkos::View<const int*, MemorySpace> hop_to;
  Kokkos::View<const int*, MemorySpace> hop_class;
  Kokkos::View<const double* [3], MemorySpace> hop_vec;  // Cartesian, Å
  // Sites whose outgoing rate may change when site x changes occupancy:
  // {x} ∪ hops(x) ∪ partners(x) ∪ hops(partners(x)), CSR by x, deduplicated.
  Kokkos::View<const int*, MemorySpace> upd_offset;
  Kokkos::View<const int*, MemorySpace> upd_index;
};

template <class MemorySpace>
struct KmcStateView {
  Kokkos::View<std::uint8_t**, MemorySpace> occ;      // (replica, site) 1 if occupied
  Kokkos::View<int**, MemorySpace> ion_at;            // (replica, site) ion id or -1
  Kokkos::View<double***, MemorySpace> disp;          // (replica, ion, 3) unwrapped displacement, Å
  Kokkos::View<double**, MemorySpace> field;          // (replica, site) model field (interactions)
  Kokkos::View<double**, MemorySpace> tree;           // (replica, node) sum tree of site rates, 1/s
  Kokkos::View<std::uint32_t**, MemorySpace> stamp;   // (replica, site) last update generation
  Kokkos::View<std::uint32_t*, MemorySpace> generation;
  Kokkos::View<double*, MemorySpace> time;            // simulated time in this phase, s
  Kokkos::View<std::uint64_t*, MemorySpace> counter;  // RNG counter = events drawn so far
  Kokkos::View<std::int64_t*, MemorySpace> events;    // events executed in this phase
  Kokkos::View<std::int64_t**, MemorySpace> hop_count;  // (replica, hop class), this phase
  Kokkos::View<std::uint8_t*, MemorySpace> finished;  // 1 when the phase is complete
};

}  // namespace ionhop::kernels
