#pragma once
// What a KMC ensemble run hands to analysis/ and io/: observables of every replica sampled on a
// common time grid (ARCHITECTURE.md §5), plus hop counts. Plain host data, no Kokkos.
#include <cstdint>
#include <vector>

namespace ionhop {

struct KmcSamples {
  double temperature = 0;   // K
  int n_replicas = 0;       // replicas held here (one rank's share, or all after a gather)
  int first_replica = 0;    // global id of the first replica held here
  int n_ions = 0;           // mobile ions per replica (the same in every replica)
  int n_sites = 0;          // mobile-ion sites per replica
  int n_classes = 0;        // hop classes of the network
  double volume = 0;        // supercell volume, Å^3
  std::vector<double> time; // common production time grid, s; time[0] = 0 = end of equilibration

  // Per replica r, grid point k, direction a (x, y, z); index (r * n_t + k) * 3 + a, unit Å^2:
  std::vector<double> tracer_sq;      // Σ_i Δr_{i,a}(t_k)^2      (divide by n_ions for the tracer MSD)
  std::vector<double> collective_sq;  // (Σ_i Δr_{i,a}(t_k))^2    (divide by n_ions for the collective MSD)
  // Per replica r and hop class c, index r * n_classes + c: hops executed during production.
  std::vector<std::int64_t> hops_per_class;
  std::vector<std::int64_t> events;   // per replica: production events executed
  // Per replica r and site class c (index r * n_site_classes + c): ions on the sites of class c at
  // the end of production (the state at the last grid point). Empty in domain runs.
  int n_site_classes = 0;
  std::vector<std::int64_t> ions_per_site_class;
  // Per replica, when the run has dopant-neighbour flags (KmcSystem::hop_near_dopant; empty otherwise,
  // and in domain runs): production hops executed near / far from a dopant, and the directed hops of
  // the supercell network flagged near / all of them (doc/theory/transport.md §10).
  std::vector<std::int64_t> hops_near_dopant, hops_far_from_dopant;
  std::vector<std::int64_t> available_near_dopant, available_hops;
  bool partial = false;               // stopped early (SIGINT): grid points after the stop are absent

  int n_times() const { return static_cast<int>(time.size()); }
};

}  // namespace ionhop
