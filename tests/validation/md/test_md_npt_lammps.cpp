// Constant pressure against LAMMPS (`lmp`): Na2O (antifluorite, conventional cubic cell 3x3x3,
// 324 atoms), Teter/Du Buckingham + DSF (born/coul/dsf, alpha 0.25, r_c 6 Å), 600 K, 1 bar.
// ionhop: Bussi thermostat + isotropic C-rescale barostat; LAMMPS: fix npt (Nosé–Hoover, MTK,
// iso); and the anisotropic variants (per-axis C-rescale; fix npt aniso). Both sample the isothermal-isobaric ensemble, so the mean volume and its fluctuation
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

// Samples every `every` steps of production: the volume and the three edge lengths.
struct NptSamples {
  std::vector<double> v, l[3];
};

// LAMMPS fix npt (`coupling`: iso or aniso) from the same initial cell.
NptSamples lammps_samples(const std::string& dir, const MdSystem& s, const std::string& pair_lines, const char* coupling,
                          long prod) {
  write_lammps_data(dir + "/data.lmp", s, "ionhop NPT validation");
  {
    std::ofstream in(dir + "/in.lmp");
    in << "units metal\natom_style charge\nboundary p p p\nread_data data.lmp\n"
       << pair_lines << "neighbor 1.0 bin\nneigh_modify delay 0 every 1 check yes\n"
       << "timestep " << dt << "\n"
       << "velocity all create " << T << " 4928459 dist gaussian mom yes\n"
       << "fix 1 all npt temp " << T << " " << T << " 0.1 " << coupling << " " << P_bar << " " << P_bar << " 0.5\n"
       << "thermo 1000\nrun " << equil_steps << "\n"
       << "variable v equal vol\n"
       << "fix 2 all print " << every << " \"${v} $(lx) $(ly) $(lz)\" file vol.txt screen no\n"
       << "run " << prod << "\n";
  }
  const char* path = std::getenv("PATH");
  const std::string cmd = fmt::format(
      "cd '{}' && env -i PATH='{}' HOME=/tmp OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 lmp -in in.lmp "
      "-log log.lammps -screen none -nocite",
      dir, path ? path : "/usr/bin:/bin");
  if (std::system(cmd.c_str()) != 0) ADD_FAILURE() << "LAMMPS failed: see " << dir << "/log.lammps";
  NptSamples out;
  std::ifstream f(dir + "/vol.txt");
  std::string line;
  bool first = true;  // fix print also writes the first step of the run (end of equilibration)
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (first) {
      first = false;
      continue;
    }
    std::istringstream in(line);
    double v = 0, l[3] = {0, 0, 0};
    in >> v >> l[0] >> l[1] >> l[2];
    out.v.push_back(v);
    for (int d = 0; d < 3; ++d) out.l[d].push_back(l[d]);
  }
  return out;
}

// ionhop: Bussi thermostat + C-rescale of `kind` from the same cell.
NptSamples ionhop_samples(Barostat kind, long prod, MdSystem& s, ForceCompute& fc) {
  initialize_velocities(s, T, 7);
  IntegratorSettings st;
  st.dt = dt;
  st.thermostat = Thermostat::Bussi;
  st.temperature = T;
  st.tau = 0.1;
  st.seed = 2020;
  st.barostat.kind = kind;
  st.barostat.pressure = P_bar * 1e-4;
  st.barostat.tau_p = 0.2;
  st.barostat.compressibility = 0.02;
  Integrator in(s, fc, st);
  in.run(equil_steps);
  NptSamples out;
  for (long k = 0; k < prod / every; ++k) {
    in.run(every);
    out.v.push_back(in.thermo().volume);
    for (int d = 0; d < 3; ++d) out.l[d].push_back(in.thermo().cell[d]);
  }
  return out;
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
  const std::vector<double> vl = lammps_samples(dir, s0, pair_lines, "iso", prod_steps).v;

  MdSystem s = system_from_atoms(at, ff);
  ForceCompute fc(ff, s, settings());
  const std::vector<double> vi = ionhop_samples(Barostat::Isotropic, prod_steps, s, fc).v;

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

// Anisotropic: LAMMPS fix npt aniso (x, y, z each coupled to P on its own) against the per-axis
// C-rescale. The cubic cell keeps its symmetry on average, so the three edges are pooled: the mean
// edge and its fluctuation σ_L must agree within 3 combined block errors, and so must ⟨V⟩. 20 ps.
TEST(MdNptLammps, AnisotropicEdgesAgree) {
  if (!test::have_lammps()) GTEST_SKIP() << "lmp (LAMMPS) not installed";
  const ForceField ff = read_force_field(std::string(IONHOP_REPO_DIR) + "/potentials/teter_du_buckingham.toml");
  const MdAtoms at = na2o_cubic(3, 5.55);
  const std::string dir = (std::filesystem::temp_directory_path() / "ionhop_npt_lammps_aniso").string();
  std::filesystem::create_directories(dir);
  const long prod = prod_steps / 2;
  MdSystem s0 = system_from_atoms(at, ff);
  const std::string pair_lines = lammps_pair_lines(ff, s0, settings(), false);
  const NptSamples l = lammps_samples(dir, s0, pair_lines, "aniso", prod);
  MdSystem s = system_from_atoms(at, ff);
  ForceCompute fc(ff, s, settings());
  const NptSamples i = ionhop_samples(Barostat::Anisotropic, prod, s, fc);
  ASSERT_EQ(l.v.size(), i.v.size());
  // pooled over the axes: mean of the three block means (and of the three σ_L), errors combined
  auto pooled = [](const NptSamples& x) {
    BlockStatistics p;
    for (int d = 0; d < 3; ++d) {
      const BlockStatistics b = block_statistics(x.l[d], n_blocks);
      p.mean += b.mean / 3, p.std += b.std / 3;
      p.mean_err += b.mean_err * b.mean_err / 9, p.std_err += b.std_err * b.std_err / 9;
    }
    p.mean_err = std::sqrt(p.mean_err), p.std_err = std::sqrt(p.std_err);
    return p;
  };
  const BlockStatistics pi = pooled(i), pl = pooled(l);
  const BlockStatistics vi = block_statistics(i.v, n_blocks), vl = block_statistics(l.v, n_blocks);
  std::printf("  <L>: ionhop %.4f +- %.4f, LAMMPS %.4f +- %.4f A\n", pi.mean, pi.mean_err, pl.mean, pl.mean_err);
  std::printf("  sigma_L: ionhop %.4f +- %.4f, LAMMPS %.4f +- %.4f A\n", pi.std, pi.std_err, pl.std, pl.std_err);
  std::printf("  <V>: ionhop %.2f +- %.2f, LAMMPS %.2f +- %.2f A^3\n", vi.mean, vi.mean_err, vl.mean, vl.mean_err);
  EXPECT_LT(std::abs(pi.mean - pl.mean), 3 * std::hypot(pi.mean_err, pl.mean_err));
  EXPECT_LT(std::abs(pi.std - pl.std), 3 * std::hypot(pi.std_err, pl.std_err));
  EXPECT_LT(std::abs(vi.mean - vl.mean), 3 * std::hypot(vi.mean_err, vl.mean_err));
  EXPECT_LT(std::hypot(pi.std_err, pl.std_err), 0.25 * pl.std);  // the comparison can fail
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ionhop::md
