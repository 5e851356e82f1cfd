#pragma once
// Ensemble-averaged mean-squared displacements on the common time grid of a KMC run
// (doc/theory/transport.md §1): tracer MSD <Σ_i |Δr_i|²>/N and collective MSD <|Σ_i Δr_i|²>/N,
// per direction and total, with standard errors from the spread over replicas.
#include <vector>

#include "engine/kmc/kmc_samples.hpp"

namespace ionhop {

struct MsdCurves {
  std::vector<double> time;  // s
  // Index k * 4 + a, a = 0,1,2 for x,y,z and 3 for the total; unit Å².
  std::vector<double> tracer, tracer_err;
  std::vector<double> collective, collective_err;
  int n_replicas = 0;

  int n_times() const { return static_cast<int>(time.size()); }
};

// Per replica r and grid point k: the total (x+y+z) tracer and collective MSD, Å², index r*n_t+k.
// What diffusion_from_msd fits.
std::vector<double> replica_tracer_msd(const KmcSamples& s);
std::vector<double> replica_collective_msd(const KmcSamples& s);

// Means and standard errors of the mean over the replicas held in `s` (all of them after a gather).
MsdCurves msd_curves(const KmcSamples& s);

// Throws ionhop::Error if the arrays of `s` do not have the sizes its counts imply.
void check_samples(const KmcSamples& s);

}  // namespace ionhop
