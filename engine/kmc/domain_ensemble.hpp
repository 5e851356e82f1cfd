#pragma once
// Domain-decomposed KMC (doc/theory/kmc.md §9; ARCHITECTURE.md §4b): every replica of a block is
// one lattice split in space over the ranks of `comm` (a 3D grid, engine/parallel/rank_grid.hpp),
// advanced by the synchronous sublattice algorithm (Shim & Amar, PRB 71, 125432 (2005); SPPARKS
// "sectors"). A cycle of length δt runs every sector once, in an order drawn per cycle, each for δt
// of simulated time on all ranks at once; after each sector window the changed ghost sites are
// exchanged with the neighbours (ions that hopped into a neighbour's domain go to their owner with
// their unwrapped displacement). Observables are sums over the owned sites of all ranks on the
// common time grid. For a fixed rank grid a run is reproducible bit for bit from the seed (Philox
// keyed by (seed, replica, domain rank), the sector order by (seed, cycle)); other grids agree
// statistically. Collective over `comm` in every call that advances, samples or reports.
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/kmc/ensemble.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop {

struct DomainSettings {
  std::array<int, 3> grid{0, 0, 0};  // ranks along a, b, c; all 0: chosen (smallest domain surface)
  double sector_window = 0;           // δt, s; 0: n_stop / Γ_max
  double n_stop = 1;                  // the default δt in units of 1/Γ_max (Γ_max: largest site rate)
};

// Timing and traffic of a domain run so far (this rank).
struct DomainStats {
  std::int64_t cycles = 0, windows = 0;
  double window = 0;                  // δt of the phase under way, s
  double max_site_rate = 0;           // Γ_max measured at the phase's start, 1/s
  double kmc_seconds = 0;             // in the sector kernels
  double exchange_seconds = 0;        // packing, MPI (including waiting for slower ranks), applying
  double mpi_seconds = 0;             // of which in MPI calls (messages and waiting)
  std::int64_t rows_sent = 0;         // changed sites sent
  std::int64_t conflicts = 0;         // ions sent to an occupied site (0 unless the ghost width is wrong)
};

class DomainEnsemble final : public EnsembleRunner {
 public:
  // Collective over comm. Throws ionhop::Error when the system cannot be split (a domain thinner
  // than two interaction reaches: the message names the largest usable rank count).
  DomainEnsemble(const KmcSystem& system, const EnsembleSettings& settings, const mpi::Comm& comm,
                 const DomainSettings& domain = {});
  ~DomainEnsemble() override;
  DomainEnsemble(const DomainEnsemble&) = delete;
  DomainEnsemble& operator=(const DomainEnsemble&) = delete;

  void begin_equilibration(double hops_per_ion) override;
  void begin_production(const std::vector<double>& time_grid) override;
  bool step() override;  // a few cycles; the same answer on every rank
  double fraction_done() const override;
  std::int64_t events_done() const override;  // of all ranks of the domain group
  // On rank 0 of comm: per replica the events of all domains / (time n_ions); elsewhere empty.
  std::vector<double> equilibration_rates() const override;
  // On rank 0 of comm: the block's samples; elsewhere no replicas. Collective.
  KmcSamples samples() const override;
  EnsemblePhase phase() const override;
  // Not yet available for domain runs (throws ionhop::Error).
  ReplicaArrays save_state() const override;
  void load_state(const EnsemblePhase& phase, const ReplicaArrays& state) override;

  // Both phases at once (tests, benchmarks).
  std::vector<double> equilibrate(double hops_per_ion);
  KmcSamples produce(const std::vector<double>& time_grid);

  const std::array<int, 3>& grid() const;
  const std::array<int, 3>& reach() const;  // ghost width 2h + p per axis, cells
  int n_sectors() const;
  DomainStats stats() const;
  // Occupancy of every replica in network site order (index replica * n_sites + site), on rank 0 of
  // comm; elsewhere empty. Collective.
  std::vector<std::uint8_t> occupancy() const;
  // Largest difference between the maintained and recomputed owned-site rates relative to the
  // largest, over all ranks (0 up to round-off). Collective.
  double rate_consistency_error() const;

  // The rank grid a run would use for `ranks` ranks (checks it as the constructor does).
  static std::array<int, 3> choose_grid(const KmcSystem& system, int ranks, const DomainSettings& domain);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ionhop
