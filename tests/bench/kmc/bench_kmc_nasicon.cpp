// KMC benchmark (not a test): events per second on one core for the NASICON lattice-gas model
// (potentials/nasicon_lattice_gas.toml, Na1-Na2 repulsion on) on supercells of ~10^3 to ~10^6
// Na sites, one replica, and the memory per site (resident-set growth while building the
// ensemble, divided by the number of sites and replicas).
// Usage: bench_kmc_nasicon [max_sites] [min_events] [replicas] [min_sites]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>

#include <Kokkos_Core.hpp>
#include <fmt/core.h>

#include "engine/crystal/read_structure.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "tests/bench/kmc/bench_clock.hpp"

using namespace ionhop;
using ionhop::bench::cpu_seconds;
using ionhop::bench::rss_mib;
using ionhop::bench::seconds_since;

int main(int argc, char** argv) {
  Kokkos::ScopeGuard guard(argc, argv);
  const double max_sites = argc > 1 ? std::atof(argv[1]) : 1.2e6;
  const double min_events = argc > 2 ? std::atof(argv[2]) : 4e6;  // timed events per size (at least 2 hops per ion)
  const int n_rep = argc > 3 ? std::atoi(argv[3]) : 1;
  const double min_sites = argc > 4 ? std::atof(argv[4]) : 0;
  const std::string repo = IONHOP_REPO_DIR;
  const Crystal unit = read_structure(repo + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions opt;
  opt.species = "Na";
  const SiteNetwork net = build_network(unit, opt);
  const ModelSpec model = read_model_file(repo + "/potentials/nasicon_lattice_gas.toml");
  const double temperature = 600;

  fmt::print("# NASICON Na3Zr2Si2PO12, model potentials/nasicon_lattice_gas.toml (Na1-Na2 J on), T = {} K,\n",
             temperature);
  fmt::print("# {} replica(s), Kokkos {} backend, >= {:.3g} events (and >= 2 hops per ion) timed after 1 hop per ion of warm-up\n",
             n_rep, Kokkos::DefaultExecutionSpace::name(), min_events);
  fmt::print("# events/s and ns/event use the main thread's CPU time (cpu_s), one replica's view; wall_s is the\n"
             "# elapsed time and wall_ev/s the ensemble's throughput (all threads: {} concurrency)\n",
             Kokkos::DefaultExecutionSpace().concurrency());
  fmt::print("{:>10} {:>9} {:>8} {:>10} {:>8} {:>8} {:>12} {:>9} {:>11} {:>12}\n", "supercell", "sites", "ions", "events",
             "cpu_s", "wall_s", "events/s", "ns/event", "bytes/site", "wall_ev/s");
  const int sizes[][3] = {{4, 4, 3}, {8, 8, 6}, {16, 16, 12}, {24, 24, 18}, {32, 32, 24}, {40, 40, 30}};
  double worst_rate = 0, worst_sites = 0, ns_first = 0, ns_last = 0;
  for (const auto& n : sizes) {
    const double sites = 24.0 * n[0] * n[1] * n[2];
    if (sites > max_sites) break;
    if (sites < min_sites) continue;
    const KmcSystem sys = build_kmc_system(unit, net, {n[0], n[1], n[2]}, CompositionSpec{}, model);
    const double rss0 = rss_mib();
    Ensemble ens(sys, {temperature, 1, 0, n_rep});
    const double rss1 = rss_mib();
    ens.equilibrate(1.0);  // warm-up: caches, page faults, a relaxed configuration
    const double hops_per_ion = std::max(2.0, std::ceil(min_events / (double(sys.n_ions) * n_rep)));
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    ens.equilibrate(hops_per_ion);
    const double dt = cpu_seconds() - c0, wall = seconds_since(t0);
    const double events = hops_per_ion * sys.n_ions * n_rep;
    fmt::print("{:>10} {:>9} {:>8} {:>10.3g} {:>8.2f} {:>8.2f} {:>12.4g} {:>9.1f} {:>11.0f} {:>12.4g}\n",
               fmt::format("{}x{}x{}", n[0], n[1], n[2]), sys.network.n_sites(), sys.n_ions, events, dt, wall,
               events / dt, 1e9 * dt / events, (rss1 - rss0) * 1024 * 1024 / sys.network.n_sites() / n_rep,
               events / wall);
    std::fflush(stdout);
    if (worst_rate == 0 || events / dt < worst_rate) {
      worst_rate = events / dt;
      worst_sites = sites;
    }
    if (ns_first == 0) ns_first = 1e9 * dt / events;
    ns_last = 1e9 * dt / events;
  }
  // The target (KMC engine): >= 1e6 events/s at every size, cost per event flat within 2x.
  if (worst_rate > 0) {
    fmt::print("# target >= 1e6 events/s at every size: {} (lowest {:.3g} events/s at {:.0f} sites)\n",
               worst_rate >= 1e6 ? "met" : "NOT met", worst_rate, worst_sites);
    fmt::print("# target cost growth <= 2x from the smallest to the largest size: {} ({:.2f}x)\n",
               ns_last <= 2 * ns_first ? "met" : "NOT met", ns_last / ns_first);
  }
  return 0;
}
