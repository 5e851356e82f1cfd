// Domain-KMC benchmark (not a test; issue 12): the NASICON lattice-gas model (Na1-Na2 repulsion on)
// at 600 K on one large lattice split over the ranks of the job (DomainEnsemble), one replica.
// Prints per size: rank grid, events/s of the whole lattice (wall), events/s per rank, the share
// of wall time in the ghost exchange (packing, MPI, waiting for slower ranks: communication and idle
// together), the window, and memory per site. On one rank it also runs the replica ensemble on the
// same lattice (one replica, the replica mode's own kernel) for the ratio per core.
// Usage: mpiexec -n P bench_kmc_domains [hops_per_ion] [supercell a b c]...
// (default: 0.5 hops per ion on 40x40x26 (~1.0e6 sites))
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <Kokkos_Core.hpp>
#include <fmt/core.h>

#include "engine/kmc/domain_ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "tests/bench/kmc/bench_clock.hpp"
#include "tests/unit/kmc/nasicon_system.hpp"
#include "engine/parallel/mpi.hpp"

using namespace ionhop;
using ionhop::bench::rss_mib;
using ionhop::bench::seconds_since;

namespace {

double max_over(double x) {
  const auto all = mpi::allgather({x});
  double m = 0;
  for (double v : all) m = std::max(m, v);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  mpi::Guard mpi_guard(&argc, &argv);
  Kokkos::ScopeGuard guard(argc, argv);
  const double hops = argc > 1 ? std::atof(argv[1]) : 0.5;
  std::vector<std::array<int, 3>> sizes;
  for (int i = 2; i + 2 < argc; i += 3) sizes.push_back({std::atoi(argv[i]), std::atoi(argv[i + 1]), std::atoi(argv[i + 2])});
  if (sizes.empty()) sizes.push_back({40, 40, 26});
  const double T = 600;
  const int P = mpi::size(), me = mpi::rank();
  if (me == 0) {
    fmt::print("# NASICON Na3Zr2Si2PO12, potentials/nasicon_lattice_gas.toml (Na1-Na2 J on), T = {} K, one replica, "
               "{} hop(s) per ion timed after 0.2 of warm-up; {} rank(s), Kokkos {}\n",
               T, hops, P, Kokkos::DefaultExecutionSpace::name());
    fmt::print("# ev/s: events of the whole lattice per wall second; exch: share of wall time in the ghost exchange "
               "(pack, MPI, waiting); MiB/site: resident-set growth of the domain state per owned site (max rank)\n");
    fmt::print("{:>10} {:>9} {:>7} {:>10} {:>8} {:>11} {:>11} {:>6} {:>9} {:>9} {:>9} {:>12}\n", "supercell", "sites", "grid",
               "events", "wall_s", "ev/s", "ev/s/rank", "exch", "window_s", "windows", "B/site", "replica_ev/s");
  }
  for (const auto& n : sizes) {
    const auto tb = std::chrono::steady_clock::now();
    const KmcSystem sys = kmctest::nasicon_system(n);
    const double build_s = seconds_since(tb);
    double replica_rate = 0;
    if (P == 1) {  // the replica mode on the same lattice: its kernel, one replica, one core
      Ensemble ens(sys, {T, 1, 0, 1});
      ens.equilibrate(0.2);
      const auto t0 = std::chrono::steady_clock::now();
      ens.equilibrate(hops);
      replica_rate = hops * sys.n_ions / seconds_since(t0);
    }
    mpi::barrier();
    const double rss0 = rss_mib();
    DomainEnsemble dom(sys, {T, 1, 0, 1}, mpi::Comm());
    const double rss1 = rss_mib();
    dom.equilibrate(0.2);
    const DomainStats s0 = dom.stats();
    mpi::barrier();
    const auto t0 = std::chrono::steady_clock::now();
    dom.equilibrate(hops);
    const double wall = max_over(seconds_since(t0));
    const DomainStats s1 = dom.stats();
    const double exch = max_over(s1.exchange_seconds - s0.exchange_seconds);
    const double in_mpi = max_over(s1.mpi_seconds - s0.mpi_seconds);
    const double events = hops * sys.n_ions;
    const double bytes = max_over((rss1 - rss0) * 1024 * 1024 / (double(sys.network.n_sites()) / P));
    if (me == 0) {
      const auto& g = dom.grid();
      fmt::print("{:>10} {:>9} {:>7} {:>10.3g} {:>8.2f} {:>11.4g} {:>11.4g} {:>5.1f}% {:>9.2e} {:>9} {:>9.0f} {:>12.4g}\n",
                 fmt::format("{}x{}x{}", n[0], n[1], n[2]), sys.network.n_sites(), fmt::format("{}x{}x{}", g[0], g[1], g[2]),
                 events, wall, events / wall, events / wall / P, 100 * exch / wall, s1.window, s1.windows - s0.windows, bytes,
                 replica_rate);
      fmt::print("#   build of the whole system on every rank: {:.1f} s; in MPI calls (messages + waiting): {:.1f}% of wall\n",
                 build_s, 100 * in_mpi / wall);
      std::fflush(stdout);
    }
  }
  return 0;
}
