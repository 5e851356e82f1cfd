#pragma once
// Everything a KMC run reports, collected on rank 0 by the run driver (engine/app) and written by
// the writers of this folder (HDF5, JSON, CSV; layout in doc/output.md).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/analysis/arrhenius.hpp"
#include "engine/analysis/dopant_hops.hpp"
#include "engine/analysis/site_occupancy.hpp"
#include "engine/analysis/hop_statistics.hpp"
#include "engine/analysis/msd_curves.hpp"
#include "engine/analysis/transport.hpp"
#include "engine/crystal/crystal.hpp"
#include "engine/kmc/kmc_samples.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop {

struct TemperatureReport {
  KmcSamples samples;                  // all replicas, global replica order
  MsdCurves msd;
  TransportResult transport;
  BottleneckHistogram bottlenecks;
  std::vector<SiteOccupancy> site_occupancy;  // per site class at the end of production (empty: domain runs)
  DopantHopStats dopant_hops;          // executed hops near / far from dopants (present: doped replica runs)
  double equilibration_rate = 0;       // mean event rate per ion during equilibration, 1/s
  double wall_seconds = 0;             // equilibration + production
};

struct RunReport {
  std::string version;                 // ionhop version
  std::string input_file, input_text;  // the input TOML (path and contents)
  std::string model_kind, model_file;
  std::string species;                 // mobile species
  double ion_charge = 1;               // e
  Crystal crystal;                     // unit cell as read (atoms may be empty for a bare lattice)
  SiteNetwork network;                 // unit-cell network
  std::array<int, 3> supercell{1, 1, 1};
  std::uint64_t seed = 0;
  int n_replicas = 0;
  int n_ranks = 1;
  std::string kokkos_backend;          // Kokkos execution space of the replicas (Serial, OpenMP, Cuda)
  int threads = 1;                     // its concurrency on each rank (threads; GPU: resident threads)
  double fit_start_fraction = 0.2;
  std::vector<TemperatureReport> temperatures;  // in input order; fewer than planned if partial
  ArrheniusFit arrhenius_sigma;        // σ = A exp(-Ea/kT)
  ArrheniusFit arrhenius_sigma_T;      // σT = A exp(-Ea/kT)
  bool partial = false;                // interrupted (SIGINT): results so far
  std::vector<std::string> notes;      // all warnings, also printed
};

// Fit σ(T) and σT(T) over the report's temperatures (points without a positive σ are left out).
void fit_arrhenius_of(RunReport& report);

}  // namespace ionhop
