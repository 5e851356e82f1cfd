#pragma once
// KmcSystem: everything an Ensemble needs — the supercell network, how each replica is decorated,
// the energy model — built once per run by the driver (engine/app) with build_kmc_system().
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "engine/composition/composition.hpp"
#include "engine/crystal/crystal.hpp"
#include "engine/models/local_environments.hpp"
#include "engine/models/model_spec.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop {

struct KmcSystem {
  SiteNetwork network;        // supercell network (CSR hops, hop vectors, hop classes)
  Crystal crystal;            // supercell crystal (framework atoms); atoms may be empty (bare lattice)
  CompositionSpec composition;
  ModelSpec model;
  double volume = 0;          // supercell volume, Å^3
  int n_ions = 0;             // mobile ions per replica (the same in every replica)
  // Decoration of replica `replica` (global id). Empty (the default, as build_kmc_system leaves
  // it): decorate() of engine/composition on `crystal`/`network` with `composition`, using the
  // model's site energies for placement = "boltzmann". Tests may set their own (it must give
  // n_ions ions in every replica).
  std::function<Decoration(std::uint64_t seed, std::uint64_t replica, double temperature)> decoration;
  // Optional local barriers: per directed network hop of replica `replica`, δ (eV) added to the
  // hop's class E_KRA (e.g. from BVSE on the replica's decoration, engine/bvse/local_kra.hpp).
  // δ of i→j and j→i must be equal (checked). Empty (the default): class barriers only.
  std::function<std::vector<double>(std::uint64_t seed, std::uint64_t replica)> hop_kra_correction;
  // Optional dopant-neighbour statistics: per directed network hop of replica `replica` (indexed as
  // hop_kra_correction), 1 if the hop passes near a dopant (engine/composition/dopant_neighbour.hpp).
  // Set: the replica ensemble counts executed hops near / far (KmcSamples); domain runs ignore it.
  std::function<std::vector<std::uint8_t>(std::uint64_t seed, std::uint64_t replica)> hop_near_dopant;
  // local_cluster_expansion models: the environments on this supercell (null for lattice_gas).
  std::shared_ptr<const LocalEnvironments> environments;
};

// The lattice-gas form the KMC tables are built from: the model itself, or the hop skeleton of a
// local cluster expansion (engine/models/local_environments.hpp).
LatticeGasSpec lattice_gas_form(const KmcSystem& sys);

// unit: the unit-cell Crystal the network was built from; supercell: repetitions along a, b, c.
// Checks that the composition is possible and the supercell is wider than twice the model's
// interaction range; throws ionhop::Error otherwise.
KmcSystem build_kmc_system(const Crystal& unit, const SiteNetwork& unit_net, std::array<int, 3> supercell,
                           const CompositionSpec& composition, const ModelSpec& model);

// Same, for a network built in code (no framework): the decoration uses only ions/vacancies.
KmcSystem build_kmc_system(const SiteNetwork& supercell_net, const CompositionSpec& composition,
                           const ModelSpec& model);

}  // namespace ionhop
