#pragma once
// Diffusion coefficients from mean-squared displacements sampled on a common time grid, with
// standard errors from the spread over independent replicas (or blocks). See doc/theory/transport.md.
#include <vector>

namespace ionhop {

struct Estimate {
  double value = 0;   // mean over replicas
  double stderr_ = 0; // standard error of the mean (sample std / sqrt(n)); 0 if n < 2
  int n = 0;          // number of independent samples behind it
};

// msd[r * n_t + k]: MSD curve of replica r at time[k] (any unit; result in that unit per time unit).
// Each replica's curve is fitted by least squares over the window time >= fit_start_fraction *
// time.back(); D_r = slope_r / (2 * dim). Returns the mean and standard error of D_r over replicas.
Estimate diffusion_from_msd(const std::vector<double>& time, const std::vector<double>& msd,
                            int n_replicas, int dim, double fit_start_fraction = 0.2);

// The per-replica D_r of diffusion_from_msd (same checks and fit).
std::vector<double> replica_diffusion(const std::vector<double>& time, const std::vector<double>& msd,
                                      int n_replicas, int dim, double fit_start_fraction = 0.2);

// Mean and standard error of independent per-replica values.
Estimate mean_estimate(const std::vector<double>& x);

// Covariance of the means of two per-replica series measured on the same replicas:
// Σ_r (a_r − ā)(b_r − b̄) / ((n − 1) n); 0 if n < 2.
double covariance_of_means(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace ionhop
