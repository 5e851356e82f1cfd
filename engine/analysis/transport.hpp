#pragma once
// Transport coefficients of one temperature from the KMC samples of all replicas
// (doc/theory/transport.md §2–5): D*, D_J, Haven ratio, correlation factor, conductivity.
// D in cm²/s, σ in S/cm. A value that cannot be estimated is NaN and explained in `notes`.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/analysis/msd_fit.hpp"
#include "engine/kmc/kmc_samples.hpp"

namespace ionhop {

struct TransportOptions {
  double fit_start_fraction = 0.2;    // fit window: time >= this fraction of the last grid time
  double ion_charge = 1;              // charge number q of the mobile ion (Na+ -> 1)
  std::vector<double> class_length;   // hop length per hop class, Å (for the correlation factor)
  double noisy_relative_error = 0.2;  // D_J flagged noisy above this relative standard error
};

struct ValueErr {
  double value = 0;
  double err = 0;  // standard error; 0 when it cannot be estimated (one replica)
};

struct TransportResult {
  double temperature = 0;             // K
  int n_replicas = 0, n_ions = 0;
  double volume = 0;                  // Å^3 per supercell
  double production_time = 0;         // s (last grid time)
  Estimate d_tracer;                  // D*, cm²/s
  Estimate d_collective;              // D_J, cm²/s
  ValueErr haven;                     // H_R = D*/D_J
  double d_uncorrelated = 0;          // Σ_c ν_c a_c² / 6 from executed hops, cm²/s
  ValueErr correlation_factor;        // f = D*/d_uncorrelated
  ValueErr sigma;                     // σ from D_J, S/cm
  ValueErr sigma_tracer;              // Nernst–Einstein σ from D*, S/cm (= σ H_R)
  std::vector<std::int64_t> hops_per_class;  // executed in production, summed over replicas
  std::vector<double> hop_rate_per_class;    // ν_c: executed hops per ion per second
  double events_per_replica = 0;      // mean production events per replica
  bool collective_noisy = false;      // relative error of D_J above the threshold (or unknown)
  std::vector<std::string> notes;     // plain-language warnings for the output
};

TransportResult compute_transport(const KmcSamples& s, const TransportOptions& opt);

// σ in S/cm of n_ions ions of charge number q in volume_A3 (Å^3) at temperature_K with diffusion
// coefficient d_cm2_s: σ = n q² e² D / (V k_B T).
double conductivity_S_cm(double d_cm2_s, int n_ions, double volume_A3, double temperature_K, double q);

}  // namespace ionhop
