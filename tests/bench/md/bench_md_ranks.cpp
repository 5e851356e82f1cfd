// Benchmark: one NASICON supercell run by ionhop MD on however many ranks it is started with
// (mpiexec -n P; P = 1 runs the serial path, P > 1 the domain decomposition), Teter/Du Buckingham
// + DSF or Ewald, cutoffs 10 Å, skin 1 Å, 1 fs, NVE from the same velocities as
// bench_md_lammps. Rank 0 prints one line: ranks, grid, atoms, steps, seconds, atom-steps/s, the
// communication share of the run and the mean ghosts per rank. With --write-lammps DIR it
// writes the same system and settings as a LAMMPS input (DIR/in.lmp, DIR/data.lmp) and exits.
// tests/bench/md/md_rank_scaling.sh runs both side by side and prints the table.
// Usage: bench_md_ranks STEPS NX NY NZ dsf|ewald [--write-lammps DIR]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <Kokkos_Core.hpp>
#include <fmt/format.h>

#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/lammps_export.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/md/md_structure.hpp"
#include "engine/parallel/mpi.hpp"

using namespace ionhop;
using namespace ionhop::md;

int main(int argc, char** argv) {
  mpi::Guard mpi_guard(&argc, &argv);
  Kokkos::ScopeGuard guard(argc, argv);
  if (argc < 6) {
    std::fprintf(stderr, "usage: bench_md_ranks STEPS NX NY NZ dsf|ewald [--write-lammps DIR]\n");
    return 2;
  }
  const long steps = std::atol(argv[1]);
  const std::array<int, 3> n{std::atoi(argv[2]), std::atoi(argv[3]), std::atoi(argv[4])};
  const std::string coul = argv[5];
  const std::string lammps_dir = argc > 7 && std::string(argv[6]) == "--write-lammps" ? argv[7] : "";
  const std::string repo = IONHOP_REPO_DIR;
  const ForceField ff = read_force_field(repo + "/potentials/teter_du_buckingham.toml");
  const Crystal unit = read_structure(repo + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  const MdAtoms atoms = decorate_ordered(make_supercell(unit, n), 7);
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 10.0;
  fs.skin = 1.0;
  fs.coulomb = coul == "ewald" ? CoulombKind::Ewald : CoulombKind::Dsf;
  fs.dsf_alpha = 0.2;
  fs.ewald_accuracy = 1e-6;
  fs.ewald_alpha = ewald_params(fs.cutoff_coul, fs.ewald_accuracy).alpha;
  MdSystem whole = system_from_atoms(atoms, ff);
  initialize_velocities(whole, 300, 4928459);

  if (!lammps_dir.empty()) {
    write_lammps_data(lammps_dir + "/data.lmp", whole, "ionhop benchmark cell");
    std::ofstream in(lammps_dir + "/in.lmp");
    const std::string extra =
        fs.coulomb == CoulombKind::Ewald ? fmt::format("kspace_modify gewald {:.17g}\n", fs.ewald_alpha) : "";
    in << "units metal\natom_style charge\nboundary p p p\nbox tilt large\nread_data data.lmp\n"
       << lammps_pair_lines(ff, whole, fs, false) << extra
       << "neighbor 1.0 bin\nneigh_modify delay 0 every 1 check yes one 10000 page 1000000\n"
       << "velocity all create 300 4928459 mom yes dist gaussian\n"
       << "timestep 0.001\nfix 1 all nve\nthermo 50\n"
       << fmt::format("run {}\n", steps);
    return 0;
  }

  const int ranks = mpi::size();
  std::shared_ptr<MdDomain> domain;
  MdSystem s = whole;
  // IONHOP_BENCH_DOMAIN=1: the domain decomposition also on one rank (its overhead without messages)
  const char* force_domain = std::getenv("IONHOP_BENCH_DOMAIN");
  if (ranks > 1 || (force_domain && std::string(force_domain) == "1")) {
    domain = std::make_shared<MdDomain>(mpi::Comm(), whole.box, fs.interaction_cutoff() + fs.skin, std::array<int, 3>{0, 0, 0});
    s = MdDomain::distribute(whole, domain);
  }
  ForceCompute fc(ff, s, fs);
  IntegratorSettings st;
  st.dt = 0.001;
  Integrator integ(s, fc, st);  // includes the first force call and list build
  const double comm0 = domain ? domain->comm_seconds() : 0;
  mpi::barrier();
  const auto t0 = std::chrono::steady_clock::now();
  integ.run(steps);
  mpi::barrier();
  const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double comm = domain ? sum_over_ranks(s, domain->comm_seconds() - comm0) / ranks : 0;
  const double ghosts = sum_over_ranks(s, static_cast<double>(s.n_ghost)) / ranks;
  // load balance: the largest pair count of a rank over the mean (pairs within cutoff + skin)
  const double pairs = static_cast<double>(fc.neighbor_list().n_pairs());
  const double pairs_max = mpi::max_over_ranks(std::vector<int>{static_cast<int>(pairs)})[0];
  const double imbalance = pairs_max / (sum_over_ranks(s, pairs) / ranks);
  if (mpi::rank() == 0) {
    const auto p = domain ? domain->grid().dims() : std::array<int, 3>{1, 1, 1};
    fmt::print("ionhop ranks {} grid {}x{}x{} atoms {} steps {} seconds {:.4f} atom_steps_per_s {:.6g} comm_share {:.4f} "
               "ghosts_per_rank {:.0f} pair_imbalance {:.4f} builds {} T_end {:.2f} Econs_end {:.6f}\n",
               ranks, p[0], p[1], p[2], whole.n_atoms(), steps, t, whole.n_atoms() * double(steps) / t, comm / t, ghosts,
               imbalance, fc.neighbor_list().n_builds(), integ.thermo().temperature, integ.thermo().conserved);
  }
  return 0;
}
