#include "engine/md/integrator.hpp"

#include <cmath>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/md/host_random.hpp"
#include "kernels/md/integrate.hpp"

namespace ionhop::md {

namespace mk = md_kernels;
using units::eV_per_A_amu_to_A_per_ps2;  // ftm2v
constexpr double mvv2e = 1.0 / units::eV_per_A_amu_to_A_per_ps2;

int degrees_of_freedom(const MdSystem& s) { return static_cast<int>(3 * s.n_global() - 3); }

double kinetic_energy(const MdSystem& s) {
  double mv2 = 0;
  Kokkos::parallel_reduce("md::ke", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()),
                          mk::TwiceKinetic<ExecSpace>{s.v, s.mass}, mv2);
  return 0.5 * sum_over_ranks(s, mv2) * mvv2e;
}

void twice_kinetic_diag(const MdSystem& s, double out[3]) {
  mk::EnergyVirial t;
  Kokkos::parallel_reduce("md::ke_diag", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()),
                          mk::TwiceKineticDiagonal<ExecSpace>{s.v, s.mass}, t);
  const std::vector<double> k = sum_over_ranks(s, std::vector<double>{t.v[0], t.v[1], t.v[2]});
  for (int d = 0; d < 3; ++d) out[d] = k[d] * mvv2e;
}

namespace {
void scale_velocities(MdSystem& s, double factor, const double sub[3]) {
  mk::ScaleVelocities<ExecSpace> fn{s.v, factor};
  for (int d = 0; d < 3; ++d) fn.sub[d] = sub[d];
  Kokkos::parallel_for("md::scale_v", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()), fn);
}
}  // namespace

void initialize_velocities(MdSystem& s, double temperature, std::uint64_t seed) {
  if (!(temperature >= 0)) fail("MD: initial temperature must be >= 0 K (got {})", temperature);
  Kokkos::parallel_for("md::init_v", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()),
                       mk::GaussianVelocities<ExecSpace>{s.v, s.mass, s.id,
                                                         units::kB_eV * temperature * eV_per_A_amu_to_A_per_ps2,
                                                         static_cast<unsigned long long>(seed)});
  // remove the centre-of-mass velocity, then rescale to exactly T
  auto v = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.v);
  auto m = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.mass);
  std::vector<double> pm(4, 0.0);  // momentum, total mass
  for (int i = 0; i < s.n_atoms(); ++i) {
    pm[3] += m(i);
    for (int d = 0; d < 3; ++d) pm[d] += m(i) * v(i, d);
  }
  pm = sum_over_ranks(s, pm);
  double vcm[3];
  for (int d = 0; d < 3; ++d) vcm[d] = pm[d] / pm[3];
  const double zero[3] = {0, 0, 0};
  scale_velocities(s, 1.0, vcm);
  const double ke = kinetic_energy(s);
  const double target = 0.5 * degrees_of_freedom(s) * units::kB_eV * temperature;
  scale_velocities(s, ke > 0 ? std::sqrt(target / ke) : 0.0, zero);
}

Integrator::Integrator(MdSystem& s, ForceCompute& fc, const IntegratorSettings& st) : s_(s), fc_(fc), st_(st) {
  if (!(st.dt > 0)) fail("MD: time step must be > 0 ps (got {})", st.dt);
  if (st.thermostat != Thermostat::None) {
    if (!(st.temperature > 0)) fail("MD: thermostat temperature must be > 0 K (got {})", st.temperature);
    if (!(st.tau > 0)) fail("MD: thermostat tau must be > 0 ps (got {})", st.tau);
  }
  if (st.barostat.kind != Barostat::None) {
    if (st.thermostat != Thermostat::Bussi) fail("MD: the C-rescale barostat runs with the Bussi thermostat");
    if (s.domain) fail("MD: constant pressure (barostat) is not available under domain decomposition (run on one rank)");
    if (!(st.barostat.tau_p > 0) || !(st.barostat.compressibility > 0))
      fail("MD: barostat tau_p and compressibility must be > 0 (got {}, {})", st.barostat.tau_p, st.barostat.compressibility);
  }
  if (st.thermostat == Thermostat::NoseHooverChain && st.chain_length < 1)
    fail("MD: Nose-Hoover chain length must be >= 1 (got {})", st.chain_length);
  nf_ = degrees_of_freedom(s);
  const double kT = units::kB_eV * st.temperature;
  if (st.thermostat == Thermostat::NoseHooverChain) {
    // Martyna, Tuckerman, Klein (1996): Q_1 = N_f kT tau^2, Q_k = kT tau^2
    xi_.assign(st.chain_length, 0.0);
    vxi_.assign(st.chain_length, 0.0);
    Q_.assign(st.chain_length, kT * st.tau * st.tau);
    Q_[0] *= nf_;
  }
  update_thermo(fc_.compute(s_, true));
}

// Trotter half step (dt/2) of the chain acting on the particle velocities (MTK 1996, Tuckerman's
// "integrate NHC" with one Suzuki–Yoshida weight).
void Integrator::nhc_half_step() {
  const int M = static_cast<int>(Q_.size());
  const double kT = units::kB_eV * st_.temperature;
  const double dt2 = 0.5 * st_.dt, dt4 = 0.25 * st_.dt, dt8 = 0.125 * st_.dt;
  double ke2 = 2.0 * kinetic_energy(s_);
  auto G = [&](int k) {
    return k == 0 ? (ke2 - nf_ * kT) / Q_[0] : (Q_[k - 1] * vxi_[k - 1] * vxi_[k - 1] - kT) / Q_[k];
  };
  vxi_[M - 1] += G(M - 1) * dt4;
  for (int k = M - 2; k >= 0; --k) {
    const double e = std::exp(-vxi_[k + 1] * dt8);
    vxi_[k] = (vxi_[k] * e + G(k) * dt4) * e;
  }
  const double scale = std::exp(-vxi_[0] * dt2);
  const double zero[3] = {0, 0, 0};
  scale_velocities(s_, scale, zero);
  ke2 *= scale * scale;
  for (int k = 0; k < M; ++k) xi_[k] += vxi_[k] * dt2;
  for (int k = 0; k < M - 1; ++k) {
    const double e = std::exp(-vxi_[k + 1] * dt8);
    vxi_[k] = (vxi_[k] * e + G(k) * dt4) * e;
  }
  vxi_[M - 1] += G(M - 1) * dt4;
}


// Bussi, Donadio, Parrinello, J. Chem. Phys. 126, 014101 (2007), eq. (A7).
void Integrator::bussi_rescale() {
  const double ke = kinetic_energy(s_);
  if (ke <= 0) return;
  const double ke_target = 0.5 * nf_ * units::kB_eV * st_.temperature;
  const double c = std::exp(-st_.dt / st_.tau);
  HostNormal rng{st_.seed, static_cast<std::uint64_t>(step_)};
  const double r1 = rng.normal();
  const double sum_r2 = r1 * r1 + rng.chi2(nf_ - 1);
  const double f = ke_target / (nf_ * ke);
  double alpha2 = c + (1 - c) * sum_r2 * f + 2 * r1 * std::sqrt(c * (1 - c) * f);
  double alpha = std::sqrt(alpha2);
  if (r1 + std::sqrt(c / ((1 - c) * f)) < 0) alpha = -alpha;
  const double zero[3] = {0, 0, 0};
  scale_velocities(s_, alpha, zero);
  bussi_energy_ += ke - alpha2 * ke;
}

void Integrator::run(long n_steps) {
  const double kick = 0.5 * st_.dt * eV_per_A_amu_to_A_per_ps2;
  mk::EnergyVirial ev;
  const bool baro = st_.barostat.kind != Barostat::None;
  for (long k = 0; k < n_steps; ++k) {
    if (st_.thermostat == Thermostat::NoseHooverChain) nhc_half_step();
    // One pass for kick + drift: each parallel region costs a fork/join on threads, a launch on a GPU.
    Kokkos::parallel_for("md::kick_drift", Kokkos::RangePolicy<ExecSpace>(0, s_.n_atoms()),
                         mk::KickDrift<ExecSpace>{s_.x, s_.v, s_.f, s_.mass, kick, st_.dt});
    const bool last = k == n_steps - 1;
    ev = fc_.compute(s_, last || baro);
    // (after compute(): atoms may have migrated, so n_atoms() may have changed)
    Kokkos::parallel_for("md::kick2", Kokkos::RangePolicy<ExecSpace>(0, s_.n_atoms()), mk::Kick<ExecSpace>{s_.v, s_.f, s_.mass, kick});
    if (st_.thermostat == Thermostat::NoseHooverChain) nhc_half_step();
    if (st_.thermostat == Thermostat::Bussi) bussi_rescale();
    if (baro) {
      if (last) update_thermo(ev);  // the state the virial belongs to, before the cell moves
      double k2[3];
      twice_kinetic_diag(s_, k2);
      baro_energy_ -= crescale_step(st_.barostat, st_.temperature, st_.dt, st_.seed, step_, k2, ev.v, s_, fc_);
    }
    ++step_;
  }
  if (n_steps > 0) {
    if (baro) thermo_.step = step_, thermo_.time = step_ * st_.dt;
    else update_thermo(ev);
  }
}

void Integrator::update_thermo(const mk::EnergyVirial& ev) {
  Thermo t;
  t.step = step_;
  t.time = step_ * st_.dt;
  t.ke = kinetic_energy(s_);
  t.pe = ev.e;
  t.temperature = 2 * t.ke / (nf_ * units::kB_eV);
  t.volume = s_.box.volume();
  t.pressure = (2 * t.ke + ev.v[0] + ev.v[1] + ev.v[2]) / (3 * t.volume) * eV_per_A3_to_GPa;
  double k2[3];
  twice_kinetic_diag(s_, k2);
  for (int d = 0; d < 3; ++d) t.p_diag[d] = (k2[d] + ev.v[d]) / t.volume * eV_per_A3_to_GPa;
  const Mat3 h = s_.cell();
  for (int d = 0; d < 3; ++d) t.cell[d] = norm(h[d]);
  t.conserved = t.ke + t.pe;
  if (st_.barostat.kind != Barostat::None)
    t.conserved += st_.barostat.pressure / eV_per_A3_to_GPa * t.volume + baro_energy_;
  if (st_.thermostat == Thermostat::NoseHooverChain) {
    const double kT = units::kB_eV * st_.temperature;
    for (size_t k = 0; k < Q_.size(); ++k) t.conserved += 0.5 * Q_[k] * vxi_[k] * vxi_[k] + (k == 0 ? nf_ : 1) * kT * xi_[k];
  } else if (st_.thermostat == Thermostat::Bussi) {
    t.conserved += bussi_energy_;
  }
  thermo_ = t;
}

void Integrator::save(StateArrays& a) const {
  a.i64["integrator/step"] = {step_};
  const Thermo& t = thermo_;
  a.f64["integrator/thermo"] = {t.time, t.temperature, t.ke, t.pe, t.pressure, t.conserved};
  a.i64["integrator/thermo_step"] = {t.step};
  a.f64["integrator/thermo_cell"] = {t.volume, t.cell[0], t.cell[1], t.cell[2], t.p_diag[0], t.p_diag[1], t.p_diag[2]};
  a.f64["integrator/xi"] = xi_;
  a.f64["integrator/vxi"] = vxi_;
  a.f64["integrator/bussi_energy"] = {bussi_energy_};
  a.f64["integrator/barostat_energy"] = {baro_energy_};
}

void Integrator::restore(const StateArrays& a) {
  step_ = static_cast<long>(a.integer("integrator/step"));
  const auto& t = a.doubles("integrator/thermo", 6);
  thermo_ = Thermo{static_cast<long>(a.integer("integrator/thermo_step")), t[0], t[1], t[2], t[3], t[4], t[5]};
  if (a.f64.count("integrator/thermo_cell")) {
    const auto& c = a.doubles("integrator/thermo_cell", 7);
    thermo_.volume = c[0];
    for (int d = 0; d < 3; ++d) thermo_.cell[d] = c[1 + d], thermo_.p_diag[d] = c[4 + d];
  }
  xi_ = a.doubles("integrator/xi", xi_.size());
  vxi_ = a.doubles("integrator/vxi", vxi_.size());
  bussi_energy_ = a.scalar("integrator/bussi_energy");
  if (a.f64.count("integrator/barostat_energy")) baro_energy_ = a.scalar("integrator/barostat_energy");
}

}  // namespace ionhop::md
