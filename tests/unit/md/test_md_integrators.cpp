// Integrators: NVE energy conservation (drift bound and the dt^2 scaling of Verlet's energy
// fluctuation), NVT kinetic-temperature distribution against the canonical one (Nosé–Hoover
// chain and Bussi), seeded velocities.
#include <cmath>

#include <gtest/gtest.h>

#include "engine/core/units.hpp"
#include "engine/md/integrator.hpp"
#include "md_test_systems.hpp"

namespace ionhop::md {
namespace {

ForceSettings dsf_settings(double rc, double skin) {
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = rc;
  fs.skin = skin;
  fs.coulomb = CoulombKind::Dsf;
  fs.dsf_alpha = 0.25;
  fs.shift_sr = true;
  return fs;
}

TEST(MdVelocities, SeededZeroMomentumExactTemperature) {
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  MdSystem a = system_from_atoms(test::na2o_atoms(4, 0.0, 1), ff);
  MdSystem b = system_from_atoms(test::na2o_atoms(4, 0.0, 1), ff);
  initialize_velocities(a, 500, 42);
  initialize_velocities(b, 500, 42);
  EXPECT_NEAR(2 * kinetic_energy(a) / (degrees_of_freedom(a) * units::kB_eV), 500.0, 1e-9);
  auto va = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a.v);
  auto vb = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), b.v);
  auto m = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a.mass);
  double p[3] = {0, 0, 0};
  for (int i = 0; i < a.n_atoms(); ++i)
    for (int d = 0; d < 3; ++d) {
      EXPECT_EQ(va(i, d), vb(i, d));
      p[d] += m(i) * va(i, d);
    }
  for (double c : p) EXPECT_NEAR(c, 0.0, 1e-9);
}

// Conserved energy sampled every `every` steps.
std::vector<double> nve_run(double dt, long steps, long every) {
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  MdSystem s = system_from_atoms(test::na2o_atoms(5, 0.05, 9), ff);  // 375 atoms, triclinic
  ForceCompute fc(ff, s, dsf_settings(7.0, 0.8));
  initialize_velocities(s, 600, 7);
  IntegratorSettings st;
  st.dt = dt;
  Integrator in(s, fc, st);
  std::vector<double> e{in.thermo().conserved};
  for (long k = 0; k < steps / every; ++k) {
    in.run(every);
    e.push_back(in.thermo().conserved);
  }
  return e;
}

TEST(MdIntegrators, NveEnergyDriftOver10kSteps) {
  // 10^4 steps of 1 fs, 375 atoms, DSF, shifted short range. Stated bounds: linear drift of the
  // conserved energy below 1e-5 eV/atom/ps, and every sample within 1e-4 eV/atom (0.4% of kT at
  // 300 K) of the start (Verlet's bounded O(dt^2) fluctuation; the dt^2 test below checks its origin).
  const double dt = 0.001;
  const auto e = nve_run(dt, 10000, 50);
  const double n = 375;
  double dmax = 0;
  for (double x : e) dmax = std::max(dmax, std::abs(x - e[0]) / n);
  // least-squares slope, eV/atom/ps
  double st = 0, se = 0, stt = 0, ste = 0;
  for (size_t k = 0; k < e.size(); ++k) {
    const double t = k * 50 * dt;
    st += t;
    se += e[k] / n;
    stt += t * t;
    ste += t * e[k] / n;
  }
  const double m = e.size();
  const double slope = (m * ste - st * se) / (m * stt - st * st);
  std::printf("  NVE: max |E - E0| = %.2e eV/atom, drift %.2e eV/atom/ps\n", dmax, slope);
  EXPECT_LT(dmax, 1e-4);
  EXPECT_LT(std::abs(slope), 1e-5);
}

TEST(MdIntegrators, VerletEnergyFluctuationScalesAsDtSquared) {
  auto rms = [](const std::vector<double>& e) {
    double m = 0, v = 0;
    for (double x : e) m += x / e.size();
    for (double x : e) v += (x - m) * (x - m) / e.size();
    return std::sqrt(v);
  };
  const double r1 = rms(nve_run(0.002, 1000, 10)), r2 = rms(nve_run(0.001, 2000, 20));
  std::printf("  rms fluctuation dt=2fs %.3e, dt=1fs %.3e, ratio %.2f (expect 4)\n", r1, r2, r1 / r2);
  EXPECT_GT(r1 / r2, 3.0);
  EXPECT_LT(r1 / r2, 5.0);
}

// Kinetic temperature samples under a thermostat; block averages give the errors of the mean
// and of the variance, compared with the canonical <T> = T0 and var(T) = 2 T0^2 / N_f.
void check_canonical(Thermostat th) {
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  MdSystem s = system_from_atoms(test::na2o_atoms(4, 0.05, 3), ff);  // 192 atoms
  ForceCompute fc(ff, s, dsf_settings(5.5, 0.7));
  const double T0 = 600;
  initialize_velocities(s, T0, 11);
  IntegratorSettings st;
  st.dt = 0.001;
  st.thermostat = th;
  st.temperature = T0;
  st.tau = 0.05;
  st.seed = 99;
  Integrator in(s, fc, st);
  in.run(2000);  // equilibration
  const int n_blocks = 20, per_block = 250, stride = 5;
  std::vector<double> bmean, bvar;
  for (int b = 0; b < n_blocks; ++b) {
    double m = 0, m2 = 0;
    for (int k = 0; k < per_block; ++k) {
      in.run(stride);
      const double T = in.thermo().temperature;
      m += T / per_block;
      m2 += T * T / per_block;
    }
    bmean.push_back(m);
    bvar.push_back(m2 - m * m);
  }
  auto mean_err = [&](const std::vector<double>& x, double& mean, double& err) {
    mean = 0;
    for (double v : x) mean += v / x.size();
    double var = 0;
    for (double v : x) var += (v - mean) * (v - mean) / (x.size() - 1);
    err = std::sqrt(var / x.size());
  };
  double mT, eT, mV, eV;
  mean_err(bmean, mT, eT);
  mean_err(bvar, mV, eV);
  const double var_ref = 2 * T0 * T0 / degrees_of_freedom(s);
  std::printf("  <T> = %.2f +- %.2f K (T0 %.0f); var(T) = %.0f +- %.0f K^2 (canonical %.0f)\n", mT, eT, T0, mV, eV,
              var_ref);
  EXPECT_LT(std::abs(mT - T0), 4 * eT);
  EXPECT_LT(std::abs(mV - var_ref), 4 * eV);
}

TEST(MdIntegrators, NoseHooverChainCanonicalTemperature) { check_canonical(Thermostat::NoseHooverChain); }
TEST(MdIntegrators, BussiCanonicalTemperature) { check_canonical(Thermostat::Bussi); }

}  // namespace
}  // namespace ionhop::md
