#pragma once
// Device data of an ensemble (doc/theory/kmc.md §Algorithm): the network (read-only, shared by
// all replicas) and the per-replica state in 2-D Views (replica, site). Model-specific state
// (e.g. the interaction field) lives in the model struct.
#include <cstdint>

#include <Kokkos_Core.hpp>

#include "kernels/kmc/sum_tree.hpp"

namespace ionhop::kernels {

template <class MemorySpace>
struct KmcNetworkView {
  int n_sites = 0;
  SumTreeShape tree;     // layout of each replica's sum tree
  Kokkos::View<const int*, MemorySpace> hop_offset;  // CSR by `from`, size n_sites + 1
  // Per hop: (h, 0) = target site, (h, 1) = kind, side by side. Hops that are translations of one
  // another share a kind (same class, vector and model parameters), so per-hop data lives in small
  // per-kind tables that stay in cache.
  Kokkos::View<const int* [2], MemorySpace> hop;
  Kokkos::View<const int*, MemorySpace> kind_class;
  Kokkos::View<const double* [3], MemorySpace> kind_vec;  // Cartesian, Å
  // Sites whose outgoing rate may change when site x changes occupancy:
  // {x} ∪ hops(x) ∪ partners(x) ∪ hops(partners(x)), CSR by x, sorted and deduplicated.
  Kokkos::View<const int*, MemorySpace> upd_offset;
  Kokkos::View<const int*, MemorySpace> upd_index;
};

template <class MemorySpace>
struct KmcStateView {
  Kokkos::View<std::uint8_t**, MemorySpace> occ;      // (replica, site) 1 if occupied
  Kokkos::View<int**, MemorySpace> ion_at;            // (replica, site) ion id or -1
  Kokkos::View<double***, MemorySpace> disp;          // (replica, ion, 3) unwrapped displacement, Å
  Kokkos::View<double**, MemorySpace> tree;           // (replica, node) sum tree of site rates, 1/s
  Kokkos::View<double*, MemorySpace> time;            // simulated time in this phase, s
  Kokkos::View<std::uint64_t*, MemorySpace> counter;  // RNG counter = events drawn so far
  Kokkos::View<std::int64_t*, MemorySpace> events;    // events executed in this phase
  Kokkos::View<std::int64_t**, MemorySpace> hop_count;  // (replica, hop class), this phase
  Kokkos::View<std::uint8_t*, MemorySpace> finished;  // 1 when the phase is complete
};

}  // namespace ionhop::kernels
