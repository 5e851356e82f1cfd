// Benchmark: atom-steps/s of ionhop MD and of LAMMPS (`lmp`, serial) on the same NASICON 6x6x2
// supercell (8640 atoms), same force field (Teter/Du Buckingham), cutoffs (10 Å), skin (1 Å,
// check every step) and time step (1 fs), NVE from the same velocities; Buckingham + DSF and
// Buckingham + Ewald (same alpha, accuracy 1e-6). Run back to back; prints a table and the ratio.
// Usage: bench_md_lammps [steps=100] [nx=6 ny=6 nz=2]
// IONHOP_BENCH_COULOMB=dsf|ewald runs one of the two (default both);
// IONHOP_BENCH_PEER=0 skips LAMMPS (thread-scaling runs time ionhop alone; tests/bench/thread_scaling.sh).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <Kokkos_Core.hpp>
#include <fmt/format.h>

#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/lammps_export.hpp"
#include "engine/md/md_structure.hpp"

using namespace ionhop;
using namespace ionhop::md;

namespace {

double lammps_loop_time(const std::string& dir, const MdSystem& s, const std::string& pair_lines, long steps) {
  write_lammps_data(dir + "/data.lmp", s, "ionhop benchmark cell");
  std::ofstream in(dir + "/in.lmp");
  in << "units metal\natom_style charge\nboundary p p p\nbox tilt large\nread_data data.lmp\n" << pair_lines
     << "neighbor 1.0 bin\nneigh_modify delay 0 every 1 check yes one 10000 page 1000000\n"
     << "velocity all create 300 4928459 mom yes dist gaussian\n"
     << "timestep 0.001\nfix 1 all nve\nthermo 50\n"
     << fmt::format("run {}\n", steps);
  in.close();
  const std::string cmd = fmt::format("cd '{}' && lmp -in in.lmp -log log.lammps -screen none -nocite", dir);
  if (std::system(cmd.c_str()) != 0) {
    fmt::print(stderr, "LAMMPS failed, see {}/log.lammps\n", dir);
    return -1;
  }
  std::ifstream log(dir + "/log.lammps");
  std::string line;
  while (std::getline(log, line))
    if (line.rfind("Loop time of", 0) == 0) return std::stod(line.substr(13));
  return -1;
}

constexpr std::size_t kEwaldMaxAtoms = 100000;

}  // namespace

int main(int argc, char** argv) {
  Kokkos::ScopeGuard guard(argc, argv);
  const long steps = argc > 1 ? std::atol(argv[1]) : 100;
  const std::array<int, 3> n{argc > 4 ? std::atoi(argv[2]) : 6, argc > 4 ? std::atoi(argv[3]) : 6,
                             argc > 4 ? std::atoi(argv[4]) : 2};
  const char* peer_env = std::getenv("IONHOP_BENCH_PEER");
  const bool peer = !(peer_env && std::string(peer_env) == "0");
  const char* coul_env = std::getenv("IONHOP_BENCH_COULOMB");
  const std::string only = coul_env ? coul_env : "";
  if (!only.empty() && only != "dsf" && only != "ewald") {
    fmt::print(stderr, "bench_md_lammps: IONHOP_BENCH_COULOMB must be dsf or ewald, not '{}'\n", only);
    return 2;
  }
  const std::string repo = IONHOP_REPO_DIR;
  const ForceField ff = read_force_field(repo + "/potentials/teter_du_buckingham.toml");
  const Crystal unit = read_structure(repo + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  const MdAtoms atoms = decorate_ordered(make_supercell(unit, n), 7);
  const std::string dir = (std::filesystem::temp_directory_path() / "ionhop_bench_md").string();
  std::filesystem::create_directories(dir);

  fmt::print("{:<22} {:>7} {:>6} {:>14} {:>14} {:>8}\n", "model", "atoms", "steps", "ionhop [at-st/s]",
             "LAMMPS [at-st/s]", "ratio");
  for (CoulombKind kind : {CoulombKind::Dsf, CoulombKind::Ewald}) {
    if (!only.empty() && only != (kind == CoulombKind::Dsf ? "dsf" : "ewald")) continue;
    // Ewald costs N x N_k per step with N_k growing like the volume: at 1e5+ atoms one step takes
    // minutes (PPPM is the method there), so the sweep stops at DSF beyond this size.
    if (kind == CoulombKind::Ewald && atoms.frac.size() > kEwaldMaxAtoms) {
      fmt::print("  (Ewald skipped above {} atoms: cost grows as N^2)\n", kEwaldMaxAtoms);
      break;
    }
    ForceSettings fs;
    fs.cutoff_sr = fs.cutoff_coul = 10.0;
    fs.skin = 1.0;
    fs.coulomb = kind;
    fs.dsf_alpha = 0.2;
    fs.ewald_accuracy = 1e-6;
    fs.ewald_alpha = ewald_params(fs.cutoff_coul, fs.ewald_accuracy).alpha;
    MdSystem s = system_from_atoms(atoms, ff);
    initialize_velocities(s, 300, 4928459);
    ForceCompute fc(ff, s, fs);
    IntegratorSettings st;
    st.dt = 0.001;
    Integrator integ(s, fc, st);  // includes the first force call and list build
    const auto t0 = std::chrono::steady_clock::now();
    integ.run(steps);
    const double t_ion = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::string extra = kind == CoulombKind::Ewald ? fmt::format("kspace_modify gewald {:.17g}\n", fs.ewald_alpha) : "";
    const double t_lmp = peer ? lammps_loop_time(dir, s, lammps_pair_lines(ff, s, fs, false) + extra, steps) : 0;
    const double a_ion = s.n_atoms() * double(steps) / t_ion;
    const double a_lmp = t_lmp > 0 ? s.n_atoms() * double(steps) / t_lmp : 0;
    fmt::print("{:<22} {:>7} {:>6} {:>14.4g} {:>14.4g} {:>8.2f}\n",
               kind == CoulombKind::Dsf ? "Buckingham + DSF" : "Buckingham + Ewald", s.n_atoms(), steps, a_ion, a_lmp,
               a_lmp > 0 ? a_ion / a_lmp : 0.0);
    std::fflush(stdout);  // a row survives a timeout in the next one
    if (kind == CoulombKind::Ewald)
      fmt::print("  (ionhop Ewald: alpha {:.4f} 1/Å, {} k vectors in the half space)\n", fc.ewald_alpha(),
                 fc.ewald_kvectors());
  }
  return 0;
}
