#pragma once
// Private to engine/kmc: the data behind DomainEnsemble (domain_setup.cpp builds it,
// domain_ensemble.cpp runs the phases, domain_exchange.cpp updates the ghosts).
#include <memory>
#include <vector>

#include <Kokkos_Core.hpp>

#include "engine/kmc/domain_ensemble.hpp"
#include "engine/kmc/domain_layout.hpp"
#include "engine/kmc/ensemble_impl.hpp"
#include "engine/parallel/neighbor_exchange.hpp"
#include "engine/parallel/rank_grid.hpp"
#include "kernels/kmc/sector_advance.hpp"
#include "kernels/parallel/changed_sites.hpp"

namespace ionhop {

struct DomainEnsemble::Impl {
  const KmcSystem& system;
  EnsembleSettings settings;
  DomainSettings domain;
  mpi::Comm comm;
  std::unique_ptr<parallel::RankGrid> grid;
  DomainLayout lay;
  std::unique_ptr<parallel::NeighborExchange> exchange;
  int n_rep = 0, n_ions = 0, n_classes = 0, n_sites = 0;  // n_sites: of the whole supercell
  std::vector<int> site_order;  // device site of the whole supercell -> network site

  kernels::KmcNetworkView<KmcMem> net;  // the local lattice (cell_nbr of the box)
  kernels::KmcStateView<KmcMem> st;     // (replica, local site); st.tree unused
  DeviceModel model;
  kernels::SectorView<KmcMem> sec;
  kernels::SectorTrees<KmcMem> trees;
  Kokkos::View<std::uint64_t*, KmcMem> stream;  // per replica: Philox word
  Kokkos::View<std::uint8_t*, KmcMem> active;   // per replica: still in the phase
  std::vector<std::uint8_t> active_h;
  // Ghost exchange (domain_exchange.cpp): entries (local site, neighbour, remote site) and per
  // (replica, entry) what the other side last heard.
  Kokkos::View<int* [3], KmcMem> ghosts, exports;
  Kokkos::View<std::uint8_t**, KmcMem> ghost_shadow, export_shadow;
  // Per local site its entries (CSR over the local sites): at most one ghost entry, any number of
  // export entries; ghost_entry: the ghost entry or -1.
  Kokkos::View<int*, KmcMem> ghost_offset, ghost_index, export_offset, export_index, ghost_entry;
  kernels::DirtySites<KmcMem> dirty;  // sites changed in the window under way
  Kokkos::View<int*, KmcMem> conflicts;

  // The phase under way.
  EnsemblePhase phase;
  double time = 0;                       // simulated time of the phase, s (the same for all replicas)
  double window = 0;                     // δt, s
  std::vector<double> finish_time;       // equilibration: per replica the time its target was reached
  std::vector<std::int64_t> all_events;  // per replica: events of the phase over all ranks
  std::int64_t cycle = 0;                // cycles since the ensemble was built (sector order key)
  int next_k = 0;                        // production: next grid point to record
  std::vector<double> sums;              // production: (replica, grid point, 6) sums over all ranks
  DomainStats stats;

  Impl(const KmcSystem& sys, const EnsembleSettings& s, const mpi::Comm& c, const DomainSettings& d);
  void reset_phase();
  void measure_window();               // Γ_max over all ranks -> window
  void run_cycle(double length);        // every sector once, with ghost updates
  void exchange_ghosts();               // after a sector window (domain_exchange.cpp)
  std::vector<std::vector<double>> pack(bool reverse) const;  // changed sites per neighbour
  void count_events();                  // all_events from every rank
  void record(int k);                   // production sums at grid point k
};

}  // namespace ionhop
