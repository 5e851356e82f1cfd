#include "engine/analysis/transport.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "engine/analysis/msd_curves.hpp"
#include "engine/core/error.hpp"
#include "engine/core/units.hpp"

namespace ionhop {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double rel(double err, double value) { return value != 0 ? err / std::fabs(value) : kNaN; }
}  // namespace

double conductivity_S_cm(double d_cm2_s, int n_ions, double volume_A3, double temperature_K, double q) {
  const double v_cm3 = volume_A3 * units::angstrom3_to_cm3;
  const double qe = q * units::e_C;
  return n_ions * qe * qe * d_cm2_s / (v_cm3 * units::kB_J * temperature_K);
}

TransportResult compute_transport(const KmcSamples& s, const TransportOptions& opt) {
  check_samples(s);
  if (s.temperature <= 0) fail("KMC samples: temperature {} K is not positive", s.temperature);
  if (s.volume <= 0) fail("KMC samples: supercell volume {} Å^3 is not positive", s.volume);
  if (!opt.class_length.empty() && static_cast<int>(opt.class_length.size()) != s.n_classes)
    fail("transport: {} hop-class lengths given for {} hop classes", opt.class_length.size(), s.n_classes);

  TransportResult t;
  t.temperature = s.temperature;
  t.n_replicas = s.n_replicas;
  t.n_ions = s.n_ions;
  t.volume = s.volume;
  const int nt = s.n_times();
  t.production_time = nt > 0 ? s.time.back() : 0;

  // Hop statistics (always available, also for a partial run).
  t.hops_per_class.assign(s.n_classes, 0);
  for (int r = 0; r < s.n_replicas; ++r)
    for (int c = 0; c < s.n_classes; ++c) t.hops_per_class[c] += s.hops_per_class[static_cast<std::size_t>(r) * s.n_classes + c];
  double events = 0;
  for (auto e : s.events) events += static_cast<double>(e);
  t.events_per_replica = events / s.n_replicas;
  t.hop_rate_per_class.assign(s.n_classes, kNaN);
  if (t.production_time > 0)
    for (int c = 0; c < s.n_classes; ++c)
      t.hop_rate_per_class[c] = static_cast<double>(t.hops_per_class[c]) /
                                (static_cast<double>(s.n_replicas) * s.n_ions * t.production_time);

  // A linear fit needs at least two points in the window (a run stopped early may have fewer).
  int in_window = 0;
  for (double time : s.time) in_window += time >= opt.fit_start_fraction * t.production_time ? 1 : 0;
  if (nt < 3 || in_window < 2 || t.production_time <= 0) {
    t.d_tracer = {kNaN, kNaN, s.n_replicas};
    t.d_collective = {kNaN, kNaN, s.n_replicas};
    t.haven = t.correlation_factor = t.sigma = t.sigma_tracer = {kNaN, kNaN};
    t.d_uncorrelated = kNaN;
    t.collective_noisy = true;
    t.notes.push_back(fmt::format("T = {} K: only {} time-grid points sampled ({} in the fit window); "
                                  "no diffusion coefficient", s.temperature, nt, in_window));
    return t;
  }

  // D = slope / (2 d) with d = 3 on the total MSD; Å²/s -> cm²/s.
  auto to_cm2 = [](Estimate e) {
    e.value *= units::angstrom2_to_cm2;
    e.stderr_ *= units::angstrom2_to_cm2;
    return e;
  };
  const std::vector<double> ds_r = replica_diffusion(s.time, replica_tracer_msd(s), s.n_replicas, 3, opt.fit_start_fraction);
  const std::vector<double> dj_r =
      replica_diffusion(s.time, replica_collective_msd(s), s.n_replicas, 3, opt.fit_start_fraction);
  t.d_tracer = to_cm2(mean_estimate(ds_r));
  t.d_collective = to_cm2(mean_estimate(dj_r));

  const double ds = t.d_tracer.value, dj = t.d_collective.value;
  const double rs = rel(t.d_tracer.stderr_, ds), rj = rel(t.d_collective.stderr_, dj);
  // Haven ratio: D* and D_J come from the same trajectories, so their replica means are
  // correlated; first-order propagation with their covariance (doc/theory/transport.md §3).
  t.haven.value = dj != 0 ? ds / dj : kNaN;
  const double cov_rel = ds != 0 && dj != 0
                             ? covariance_of_means(ds_r, dj_r) * units::angstrom2_to_cm2 * units::angstrom2_to_cm2 / (ds * dj)
                             : kNaN;
  t.haven.err = std::fabs(t.haven.value) * std::sqrt(std::fmax(0.0, rs * rs + rj * rj - 2.0 * cov_rel));

  t.sigma.value = conductivity_S_cm(dj, s.n_ions, s.volume, s.temperature, opt.ion_charge);
  t.sigma.err = conductivity_S_cm(t.d_collective.stderr_, s.n_ions, s.volume, s.temperature, opt.ion_charge);
  t.sigma_tracer.value = conductivity_S_cm(ds, s.n_ions, s.volume, s.temperature, opt.ion_charge);
  t.sigma_tracer.err = conductivity_S_cm(t.d_tracer.stderr_, s.n_ions, s.volume, s.temperature, opt.ion_charge);

  // Correlation factor against the uncorrelated random walk of the hops actually executed.
  t.d_uncorrelated = kNaN;
  t.correlation_factor = {kNaN, kNaN};
  if (!opt.class_length.empty()) {
    double d0 = 0;  // Å²/s
    for (int c = 0; c < s.n_classes; ++c) d0 += t.hop_rate_per_class[c] * opt.class_length[c] * opt.class_length[c] / 6.0;
    t.d_uncorrelated = d0 * units::angstrom2_to_cm2;
    if (t.d_uncorrelated > 0) {
      t.correlation_factor.value = ds / t.d_uncorrelated;
      t.correlation_factor.err = t.d_tracer.stderr_ / t.d_uncorrelated;
    } else {
      t.notes.push_back(fmt::format("T = {} K: no hops executed; no correlation factor", s.temperature));
    }
  }

  if (s.n_replicas < 2) {
    t.collective_noisy = true;
    t.notes.push_back(fmt::format("T = {} K: one replica only: no error bars (D_J needs many replicas)", s.temperature));
  } else if (!(std::fabs(rj) <= opt.noisy_relative_error)) {
    t.collective_noisy = true;
    t.notes.push_back(fmt::format(
        "T = {} K: D_J is noisy (relative error {:.0f}% > {:.0f}%): D_J needs many replicas; "
        "sigma and H_R inherit that error",
        s.temperature, 100 * rj, 100 * opt.noisy_relative_error));
  }
  if (dj <= 0)
    t.notes.push_back(fmt::format("T = {} K: D_J = {:.3g} cm2/s is not positive (noise); sigma is meaningless",
                                  s.temperature, dj));
  if (s.partial) t.notes.push_back(fmt::format("T = {} K: run interrupted; results from the first {} grid points only",
                                               s.temperature, nt));
  return t;
}

}  // namespace ionhop
