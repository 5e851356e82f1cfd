// Constant pressure against LAMMPS (`lmp`): Na2O (antifluorite, conventional cubic cell 3x3x3,
// 324 atoms), Teter/Du Buckingham + DSF (born/coul/dsf, alpha 0.25, r_c 6 Å), 600 K, 1 bar.
// ionhop: Bussi thermostat + isotropic C-rescale barostat; LAMMPS: fix npt (Nosé–Hoover, MTK,
// iso). Both sample the isothermal-isobaric ensemble, so the mean volume and its fluctuation
// σ_V (σ_V² = kT V κ_T) must agree within the combined block errors (3σ), whatever the algorithms.
// First the instantaneous virial pressure of one equilibrated configuration is compared (1e-9).
// The Teter/Du short-range correction (r < r0: Na-O 1.17 Å, O-O 1.91 Å) has no LAMMPS
// counterpart; the closest pairs at 600 K stay far outside it (checked on the final configuration).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "engine/core/units.hpp"
#include "engine/md/block_statistics.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/md_structure.hpp"
#include "lammps_run.hpp"

namespace ionhop::md {
namespace {

constexpr double lammps_qqr2e_metal = 14.399645;
constexpr double T = 600, P_bar = 1.0, dt = 0.002;   // K, bar, ps
constexpr long equil_steps = 2500, prod_steps = 20000, every = 10;  // 5 ps, 40 ps
constexpr int n_blocks = 10;

MdAtoms na2o_cubic(int n, double a) {
  MdAtoms at;
  at.cell = Mat3{{{n * a, 0, 0}, {0, n * a, 0}, {0, 0, n * a}}};
  const Vec3 fcc[4] = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        for (const Vec3& f : fcc)
          for (int b = 0; b < 3; ++b) {
            const double o = b == 0 ? 0.0 : b == 1 ? 0.25 : 0.75;
            at.frac.push_back(Vec3{(f[0] + o + i) / n, (f[1] + o + j) / n, (f[2] + o + k) / n});
            at.element.push_back(b == 0 ? "O" : "Na");
          }
  return at;
}

ForceSettings settings() {
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 6.0;
  fs.skin = 1.0;
  fs.coulomb = CoulombKind::Dsf;
  fs.dsf_alpha = 0.25;
  fs.shift_sr = false;
  fs.coulomb_constant = lammps_qqr2e_metal;
  return fs;
}

// LAMMPS fix npt from the same initial cell; volume every `every` steps of production.
std::vector<double> lammps_volumes(const std::string& dir, const MdSystem& s, const std::string& pair_lines) {
  write_lammps_data(dir + "/data.lmp", s, "ionhop NPT validation");
  {
    std::ofstream in(dir + "/in.lmp");
    in << "units metal\natom_style charge\nboundary p p p\nread_data data.lmp\n"
       << pair_lines << "neighbor 1.0 bin\nneigh_modify delay 0 every 1 check yes\n"
       << "timestep " << dt << "\n"
       << "velocity all create " << T << " 4928459 dist gaussian mom yes\n"
       << "fix 1 all npt temp " << T << " " << T << " 0.1 iso " << P_bar << " " << P_bar << " 0.5\n"
       << "thermo 1000\nrun " << equil_steps << "\n"
       << "variable v equal vol\n"
       << "fix 2 all print " << every << " \"${v}\" file vol.txt screen no\n"
       << "run " << prod_steps << "\n";
  }
  const char* path = std::getenv("PATH");
  const std::string cmd = fmt::format(
      "cd '{}' && env -i PATH='{}' HOME=/tmp OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 lmp -in in.lmp "
      "-log log.lammps -screen none -nocite",
      dir, path ? path : "/usr/bin:/bin");
  if (std::system(cmd.c_str()) != 0) ADD_FAILURE() << "LAMMPS failed: see " << dir << "/log.lammps";
  std::vector<double> v;
  std::ifstream f(dir + "/vol.txt");
  std::string line;
  while (std::getline(f, line))
    if (!line.empty() && line[0] != '#') v.push_back(std::stod(line));
  if (!v.empty()) v.erase(v.begin());  // fix print also writes the first step of the run (end of equilibration)
  return v;
}

TEST(MdNptLammps, MeanVolumeAndFluctuationAgree) {
  if (!test::have_lammps()) GTEST_SKIP() << "lmp (LAMMPS) not installed";
  const ForceField ff = read_force_field(std::string(IONHOP_REPO_DIR) + "/potentials/teter_du_buckingham.toml");
  const MdAtoms at = na2o_cubic(3, 5.55);
  const std::string dir = (std::filesystem::temp_directory_path() / "ionhop_npt_lammps").string();
  std::filesystem::create_directories(dir);
  MdSystem s0 = system_from_atoms(at, ff);
  ASSERT_EQ(s0.n_atoms(), 324);
  const std::string pair_lines = lammps_pair_lines(ff, s0, settings(), false);
  const std::vector<double> vl = lammps_volumes(dir, s0, pair_lines);

  MdSystem s = system_from_atoms(at, ff);
  ForceCompute fc(ff, s, settings());
  initialize_velocities(s, T, 7);
  IntegratorSettings st;
  st.dt = dt;
  st.thermostat = Thermostat::Bussi;
  st.temperature = T;
  st.tau = 0.1;
  st.seed = 2020;
  st.barostat.kind = Barostat::Isotropic;
  st.barostat.pressure = P_bar * 1e-4;
  st.barostat.tau_p = 0.2;
  st.barostat.compressibility = 0.02;
  Integrator in(s, fc, st);
  in.run(equil_steps);
  std::vector<double> vi;
  for (long k = 0; k < prod_steps / every; ++k) {
    in.run(every);
    vi.push_back(in.thermo().volume);
  }

  // the virial pressure of this configuration in both codes (LAMMPS reads the cell and positions)
  const md_kernels::EnergyVirial ev = fc.compute(s, true);
  const test::LammpsResult lr = test::run_lammps(dir, s, pair_lines, "");
  const double p_ionhop = (ev.v[0] + ev.v[1] + ev.v[2]) / (3 * s.box.volume()) * eV_per_A3_to_GPa;
  const double p_lammps = (lr.virial[0] + lr.virial[1] + lr.virial[2]) / (3 * lr.vol) * eV_per_A3_to_GPa;
  std::printf("  virial pressure of the final configuration: ionhop %.10f GPa, LAMMPS %.10f GPa\n", p_ionhop, p_lammps);
  EXPECT_NEAR(p_ionhop, p_lammps, 1e-9 * std::max(1.0, std::abs(p_lammps)));

  ASSERT_EQ(vl.size(), vi.size());
  const BlockStatistics bi = block_statistics(vi, n_blocks), bl = block_statistics(vl, n_blocks);
  std::printf("  <V>: ionhop %.2f +- %.2f, LAMMPS %.2f +- %.2f A^3\n", bi.mean, bi.mean_err, bl.mean, bl.mean_err);
  std::printf("  sigma_V: ionhop %.2f +- %.2f, LAMMPS %.2f +- %.2f A^3\n", bi.std, bi.std_err, bl.std, bl.std_err);
  const double kappa = bi.std * bi.std / (units::kB_eV * T * bi.mean) / eV_per_A3_to_GPa;  // Å^3/eV -> 1/GPa
  std::printf("  kappa_T from sigma_V (ionhop): %.4f 1/GPa\n", kappa);
  EXPECT_LT(std::abs(bi.mean - bl.mean), 3 * std::hypot(bi.mean_err, bl.mean_err));
  EXPECT_LT(std::abs(bi.std - bl.std), 3 * std::hypot(bi.std_err, bl.std_err));
  // the comparison must be able to fail: errors well below the fluctuation itself
  EXPECT_LT(std::hypot(bi.std_err, bl.std_err), 0.25 * bl.std);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ionhop::md
