#pragma once
// Private to engine/kmc: the device tables of a KMC network and lattice-gas model that do not
// depend on the replicas (hop and partner templates per basis site, hop kinds, the locality order
// of the sites, doc/theory/kmc.md §8), and the decoration of replicas in device order. Shared by
// the replica ensemble (ensemble_setup.cpp) and the domain ensemble (domain_setup.cpp).
#include <cstdint>
#include <vector>

#include "engine/kmc/cell_templates.hpp"
#include "engine/kmc/ensemble_impl.hpp"
#include "engine/models/lattice_gas_tables.hpp"

namespace ionhop {

struct DeviceTables {
  kernels::KmcNetworkView<KmcMem> net;  // every list of the whole supercell (cell_nbr of all its cells)
  LatticeGasTables tab;                 // host tables of the lattice-gas model
  CellLayout layout;                    // cells of the device order; layout.dirs name cell offsets mod n
  SiteTemplate hop_t, nbr_t, blk_t;     // hop targets, interaction and exclusion partners per basis site
  std::vector<int> hop_off, hop_src;    // device-order hop rows and their network hops (local barriers)
  std::vector<double> template_j;       // J per entry of nbr_t, eV
  std::vector<double> kind_ekra, kind_pair;  // per hop kind, eV
  std::vector<double> kind_nu;          // per hop kind: ν of its hop class, Hz
  std::vector<int> kind_tag;            // per hop kind: local cluster expansion's centre end and slot (else 0)
  std::vector<int> site_order;          // device site j is network site site_order[j]
  std::vector<int> site_pos;            // network site i is device site site_pos[i]
  int n_classes = 0;
};

// Throws ionhop::Error on an inconsistent network.
DeviceTables build_device_tables(const KmcSystem& sys);

template <class T>
Kokkos::View<T*, KmcMem> to_device(const std::vector<T>& v, const char* name) {
  Kokkos::View<T*, KmcMem> d(std::string(name), v.size());
  auto h = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < v.size(); ++i) h(i) = v[i];
  Kokkos::deep_copy(d, h);
  return d;
}

// Template entries (b', dir) of a SiteTemplate as a device table.
Kokkos::View<int* [2], KmcMem> template_to_device(const SiteTemplate& t, const char* name);

// Decoration of replicas first .. first + n - 1 in device order: occ[r * n_sites + j] (1 = ion) and
// the static site energies eps[r * n_sites + j] (eV); with `fixed`, a local cluster expansion's
// framework bits of each centre alike; with `closed`, 1 where an immobile dopant holds the site (left
// empty when no replica has one; without `closed`, such dopants are an error). Checks that each
// replica holds n_ions ions.
void decorate_replicas(const KmcSystem& sys, const EnsembleSettings& s, const DeviceTables& t,
                       std::vector<std::uint8_t>& occ, std::vector<double>& eps,
                       std::vector<std::uint16_t>* fixed = nullptr, std::vector<std::uint8_t>* closed = nullptr);

// The dopant-site mask (replica × device site, from decorate_replicas) on the device model: hops
// into those sites get rate 0 (doc/theory/kmc.md §1). Nothing if `closed` is empty. Not saved in
// checkpoints: rebuilt from (seed, replica) with the decoration, as the site energies are.
void close_dopant_sites(DeviceModel& model, const std::vector<std::uint8_t>& closed, int n_rep, int n_sites);

// The local-cluster-expansion model at temperature T (sys.environments set) with its watch lists on
// `cell_nbr` and the framework bits `fixed` (replica × device site) of n_rep replicas.
kernels::LocalClusterModel<KmcMem> local_cluster_on_device(const KmcSystem& sys, const DeviceTables& t, double temperature,
                                                           Kokkos::View<const int**, KmcMem> cell_nbr,
                                                           const std::vector<std::uint16_t>& fixed, int n_rep);

// The lattice-gas model at temperature T with its partner lists on `cell_nbr` (the global cells, or
// a domain's), without per-site state or site energies.
kernels::LatticeGasModel<KmcMem> lattice_gas_tables_on_device(const DeviceTables& t, double temperature,
                                                              Kokkos::View<const int**, KmcMem> cell_nbr);

// The model's device form once its site energies (replica, site) are set: the coded form where it
// fits and `coded` allows it, else the weight form with a weight per (replica, site).
DeviceModel finish_device_model(kernels::LatticeGasModel<KmcMem> m, const DeviceTables& t, bool coded);

}  // namespace ionhop
