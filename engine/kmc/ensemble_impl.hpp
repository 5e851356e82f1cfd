#pragma once
// Private to engine/kmc: the device data behind Ensemble (ensemble.cpp runs the phases,
// ensemble_setup.cpp builds the tables and the initial state).
#include <variant>
#include <vector>

#include <Kokkos_Core.hpp>

#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "kernels/kmc/advance.hpp"
#include "kernels/kmc/coded_lattice_gas.hpp"
#include "kernels/kmc/lattice_gas.hpp"
#include "kernels/kmc/local_cluster.hpp"

namespace ionhop {

using KmcExec = Kokkos::DefaultExecutionSpace;
using KmcMem = KmcExec::memory_space;
// Device forms of the models: lattice_gas has two (weights for any interaction range, the coded
// state where partners and site energies fit in 16 bits per site; doc/theory/kmc.md §8);
// local_cluster_expansion one (environment codes, §10).
using DeviceModel = std::variant<kernels::LatticeGasModel<KmcMem>, kernels::CodedLatticeGasModel<KmcMem>,
                                 kernels::LocalClusterModel<KmcMem>>;

struct Ensemble::Impl {
  const KmcSystem& system;
  EnsembleSettings settings;
  int n_sites = 0, n_ions = 0, n_classes = 0, n_rep = 0;
  kernels::KmcNetworkView<KmcMem> net;
  kernels::KmcStateView<KmcMem> st;
  DeviceModel model;
  std::vector<int> site_order;  // device site j is network site site_order[j]
  std::vector<int> site_pos;    // network site i is device site site_pos[i]
  std::vector<std::int64_t> available_near;  // per replica: directed hops flagged near a dopant (if flags)
  std::vector<std::int64_t> available_all;   // per replica: directed hops not into / out of a dopant-held site

  // The phase under way (ensemble.cpp): its goal and, in production, the sampling state.
  EnsemblePhase phase;
  Kokkos::View<double*, KmcMem> grid;       // production time grid, s
  Kokkos::View<int*, KmcMem> next_k;        // per replica: next grid point to record
  Kokkos::View<double***, KmcMem> samples;  // (replica, grid point, 6)

  Impl(const KmcSystem& sys, const EnsembleSettings& s);
  void reset_phase();  // time, events, hop counts (also near / far from dopants), finished = 0

  // The advance functor with what both phases share; each phase sets its own targets.
  template <class M>
  kernels::AdvanceReplicas<M, KmcMem> advance_functor(const M& dm, std::int64_t batch) const {
    kernels::AdvanceReplicas<M, KmcMem> f;
    f.model = dm;
    f.net = net;
    f.st = st;
    f.seed = settings.seed;
    f.first_replica = settings.first_replica;
    f.batch = batch;
    f.journal_capacity = settings.hop_journal;
    return f;
  }
};

}  // namespace ionhop
