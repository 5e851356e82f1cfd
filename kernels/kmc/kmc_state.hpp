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
  // Per-site lists are stored per basis site (doc/theory/kmc.md §8): device site j lies in cell
  // j / n_basis with basis index j % n_basis; a template entry (b', dir, ...) names site
  // cell_nbr(cell, dir) * n_basis + b'. Non-periodic networks: one cell, n_basis = n_sites.
  int n_basis = 1;
  Kokkos::View<const int**, MemorySpace> cell_nbr;     // (cell, dir) -> neighbour cell
  // Hops of basis site b: [hop_offset(b), hop_offset(b + 1)) of hop(h, 0..2) = (b', dir, kind).
  // Hops that are translations of one another share a kind (same class, vector and model
  // parameters), so per-hop data lives in small per-kind tables that stay in cache.
  Kokkos::View<const int*, MemorySpace> hop_offset;
  Kokkos::View<const int* [3], MemorySpace> hop;
  Kokkos::View<const int*, MemorySpace> kind_class;
  Kokkos::View<const double* [3], MemorySpace> kind_vec;  // Cartesian, Å
  // Sites whose outgoing rate may change when site x changes occupancy:
  // {x} ∪ hops(x) ∪ partners(x) ∪ hops(partners(x)), per basis site as (b', dir).
  Kokkos::View<const int*, MemorySpace> upd_offset;
  Kokkos::View<const int* [2], MemorySpace> upd;

  // Optional (empty if too large): per template hop h of basis site x, the union of the update
  // sets of x and of the hop's target, deduplicated, as (b', dir) relative to x's cell.
  Kokkos::View<const int*, MemorySpace> pair_offset;
  Kokkos::View<const int* [2], MemorySpace> pair;
  // With them (periodic layouts, n_basis <= 256), per template hop h the cells of its list:
  // entries [pair_cell_offset(h), pair_cell_offset(h + 1)) of pair_cell = (dir, mask), bit k of the
  // mask set if the list holds a basis site of block k (sites 8k .. 8k + 7) of that cell. What the
  // update after the hop will read, prefetched at once (host backends; advance.hpp).
  Kokkos::View<const int*, MemorySpace> pair_cell_offset;
  Kokkos::View<const unsigned* [2], MemorySpace> pair_cell;

  KOKKOS_INLINE_FUNCTION int site_at(int cell, int dir, int b) const { return cell_nbr(cell, dir) * n_basis + b; }
};

template <class MemorySpace>
struct KmcStateView {
  Kokkos::View<std::uint8_t**, MemorySpace> occ;      // (replica, site) 1 if occupied
  // (replica, site, 3) unwrapped displacement of the ion on the site since the phase began, Å; 0 on
  // empty sites. It moves with the ion (no ion ids): the tracer and collective sums run over sites.
  Kokkos::View<double***, MemorySpace> disp;
  Kokkos::View<double**, MemorySpace> tree;           // (replica, node) sum tree of site rates, 1/s
  Kokkos::View<double*, MemorySpace> time;            // simulated time in this phase, s
  Kokkos::View<std::uint64_t*, MemorySpace> counter;  // RNG counter = events drawn so far
  Kokkos::View<std::int64_t*, MemorySpace> events;    // events executed in this phase
  Kokkos::View<std::int64_t**, MemorySpace> hop_count;  // (replica, hop class), this phase
  Kokkos::View<std::uint8_t*, MemorySpace> finished;  // 1 when the phase is complete
  // Equilibration ends at a simulated time, not after an event (doc/theory/kmc.md §4): 0 during its
  // first stage (target_events events), then twice the time that stage took, s.
  Kokkos::View<double*, MemorySpace> eq_end;
  // Optional (empty unless dopant-neighbour flags are given): bit (slot & 7) of hop_near(r, slot >> 3)
  // set if hop slot `slot` of replica r passes near a dopant; dopant_hops(r, 0 / 1) executed hops
  // near / far from a dopant in this phase.
  Kokkos::View<const std::uint8_t**, MemorySpace> hop_near;
  Kokkos::View<std::int64_t**, MemorySpace> dopant_hops;
};

}  // namespace ionhop::kernels
