// C-rescale barostat (doc/theory/md.md §5b): (1) an ideal gas, whose isothermal-isobaric volume
// distribution is known exactly, ρ(V) ∝ V^N exp(-P0 V / kT): <V> = (N+1) kT/P0 and
// var(V) = (N+1) (kT/P0)^2; (2) Na2O (Teter/Du, DSF) at P0 = 1 GPa: the mean pressure, and with the
// anisotropic barostat each diagonal component P_dd, reaches the target (less kT/V, eq. (5));
// (3) a strained cell's kept neighbour list and Ewald k vectors against a fresh setup.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "engine/core/units.hpp"
#include "engine/md/block_statistics.hpp"
#include "engine/md/integrator.hpp"
#include "md_test_systems.hpp"

namespace ionhop::md {
namespace {

// Verlet with the Bussi thermostat (tau, ps) and the C-rescale barostat at P0 (GPa), dt 2 fs.
IntegratorSettings npt_settings(double T, double tau, std::uint64_t seed, Barostat kind, double P0, double tau_p,
                                double compressibility) {
  IntegratorSettings st;
  st.dt = 0.002;
  st.thermostat = Thermostat::Bussi;
  st.temperature = T;
  st.tau = tau;
  st.seed = seed;
  st.barostat.kind = kind;
  st.barostat.pressure = P0;
  st.barostat.tau_p = tau_p;
  st.barostat.compressibility = compressibility;
  return st;
}

TEST(MdBarostat, IdealGasVolumeDistributionIsIsobaric) {
  // 64 non-interacting atoms (charge 0, no pair in the file): only the kinetic pressure acts
  const int N = 64;
  const double T = 300, kT = units::kB_eV * T, L = 20;
  const double P0 = (N + 1) * kT / (L * L * L) * eV_per_A3_to_GPa;  // GPa: <V> = L^3
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Vec3> frac(N);
  for (auto& f : frac) f = Vec3{u(rng), u(rng), u(rng)};
  const Mat3 cell{{{L, 0, 0}, {0, L, 0}, {0, 0, L}}};
  MdSystem s = make_system(cell, frac, std::vector<int>(N, 0), {"Ar"}, {0.0}, {39.948});
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  ForceSettings fs;
  fs.cutoff_sr = 1.0;
  fs.skin = 0.5;
  fs.coulomb = CoulombKind::None;
  ForceCompute fc(ff, s, fs);
  initialize_velocities(s, T, 3);
  // the ideal gas's own compressibility
  const IntegratorSettings st = npt_settings(T, 0.05, 17, Barostat::Isotropic, P0, 0.2, 1 / P0);
  Integrator in(s, fc, st);
  in.run(5000);
  std::vector<double> V;
  for (int k = 0; k < 80000; ++k) {
    in.run(10);
    V.push_back(in.thermo().volume);
  }
  const BlockStatistics b = block_statistics(V, 20);
  const double v_ref = (N + 1) * kT / (P0 / eV_per_A3_to_GPa), s_ref = v_ref / std::sqrt(N + 1.0);
  std::printf("  ideal gas: <V> = %.1f +- %.1f (expected %.1f), sigma_V = %.1f +- %.1f (expected %.1f)\n", b.mean,
              b.mean_err, v_ref, b.std, b.std_err, s_ref);
  EXPECT_LT(std::abs(b.mean - v_ref), 4 * b.mean_err);
  EXPECT_LT(std::abs(b.std - s_ref), 4 * b.std_err);
  // the errors must be able to tell N from N +- 1 particles' worth of volume (kT/P0 = <V>/65)
  EXPECT_LT(b.mean_err, 0.25 * v_ref / (N + 1));
}

void check_mean_pressure(Barostat kind) {
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  MdSystem s = system_from_atoms(test::na2o_atoms(5, 0.05, 3), ff);  // 375 atoms, triclinic
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 6.0;
  fs.skin = 0.8;
  fs.coulomb = CoulombKind::Dsf;
  fs.dsf_alpha = 0.25;
  ForceCompute fc(ff, s, fs);
  const double T = 600, P0 = 1.0;
  initialize_velocities(s, T, 11);
  const IntegratorSettings st = npt_settings(T, 0.1, 99, kind, P0, 0.3, 0.02);
  Integrator in(s, fc, st);
  in.run(2000);
  std::vector<double> p[4];
  double v_mean = 0;
  for (int k = 0; k < 1000; ++k) {
    in.run(5);
    const Thermo t = in.thermo();
    v_mean += t.volume / 1000;
    p[0].push_back(t.pressure);
    for (int d = 0; d < 3; ++d) p[1 + d].push_back(t.p_diag[d]);
  }
  // stationary ε: the mean drift vanishes, so <P_int> = P0 - kT/V (the kT/V of eq. (5))
  const double target = P0 - units::kB_eV * T / v_mean * eV_per_A3_to_GPa;
  for (int q = 0; q < 4; ++q) {
    const BlockStatistics b = block_statistics(p[q], 10);
    std::printf("  %s P%s = %.4f +- %.4f GPa (target %.1f)\n", kind == Barostat::Isotropic ? "iso" : "aniso",
                q == 0 ? "" : q == 1 ? "xx" : q == 2 ? "yy" : "zz", b.mean, b.mean_err, P0);
    if (q == 0 || kind == Barostat::Anisotropic) EXPECT_LT(std::abs(b.mean - target), 4 * b.mean_err);
  }
}

// After a strain of the cell (as the barostat applies it) the kept neighbour list (image shifts
// moved with the cell) and the Ewald k vectors moved with the cell give the forces and virial of a
// force computation set up from scratch on the strained system (to the Ewald accuracy, 1e-12).
TEST(MdBarostat, StrainedListAndEwaldMatchAFreshSetup) {
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  MdSystem s = system_from_atoms(test::na2o_atoms(4, 0.05, 3), ff);  // 192 atoms, triclinic
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 5.5;
  fs.skin = 0.7;
  fs.coulomb = CoulombKind::Ewald;
  fs.ewald_accuracy = 1e-12;
  ForceCompute fc(ff, s, fs);
  fc.compute(s, true);
  const long builds = fc.neighbor_list().n_builds();
  const double mu[3] = {1.01, 0.985, 1.004};
  s.box.xx *= mu[0], s.box.xy *= mu[0], s.box.xz *= mu[0], s.box.yy *= mu[1], s.box.yz *= mu[1], s.box.zz *= mu[2];
  auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int d = 0; d < 3; ++d) hx(i, d) *= mu[d];
  Kokkos::deep_copy(s.x, hx);
  fc.strain(s, mu);
  const md_kernels::EnergyVirial a = fc.compute(s, true);
  EXPECT_EQ(fc.neighbor_list().n_builds(), builds);  // 1.5 % of 6.2 Å is within the 0.7 Å skin
  auto fa = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.f);
  MdSystem s2 = system_from_atoms(test::na2o_atoms(4, 0.05, 3), ff);
  s2.box = s.box;
  Kokkos::deep_copy(s2.x, s.x);
  ForceCompute fc2(ff, s2, fs);
  const md_kernels::EnergyVirial b = fc2.compute(s2, true);
  auto fb = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s2.f);
  double df = 0, fmax = 0;
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int d = 0; d < 3; ++d) df = std::max(df, std::abs(fa(i, d) - fb(i, d))), fmax = std::max(fmax, std::abs(fb(i, d)));
  std::printf("  strained vs fresh: max |dF| = %.2e eV/A (max |F| %.2f), dE = %.2e eV\n", df, fmax, a.e - b.e);
  EXPECT_LT(df, 1e-9 * fmax);
  EXPECT_NEAR(a.e, b.e, 1e-9 * std::abs(b.e));
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(a.v[k], b.v[k], 1e-9 * std::abs(b.v[0]));
}

TEST(MdBarostat, IsotropicMeanPressureIsTarget) { check_mean_pressure(Barostat::Isotropic); }
TEST(MdBarostat, AnisotropicDiagonalPressuresAreTarget) { check_mean_pressure(Barostat::Anisotropic); }

}  // namespace
}  // namespace ionhop::md
