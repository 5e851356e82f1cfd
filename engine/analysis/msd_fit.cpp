// Diffusion coefficients from MSD curves (doc/theory/kmc.md §Estimators): least-squares slope of
// each replica's curve over the fit window, D_r = slope / (2 dim), mean and standard error over r.
#include "engine/analysis/msd_fit.hpp"

#include <cmath>

#include "engine/core/error.hpp"

namespace ionhop {

std::vector<double> replica_diffusion(const std::vector<double>& time, const std::vector<double>& msd, int n_replicas,
                                      int dim, double fit_start_fraction) {
  const size_t n_t = time.size();
  if (n_replicas < 1) fail("msd fit: need at least one replica (got {})", n_replicas);
  if (dim < 1 || dim > 3) fail("msd fit: dimension must be 1, 2 or 3 (got {})", dim);
  if (msd.size() != n_t * static_cast<size_t>(n_replicas))
    fail("msd fit: {} MSD values for {} replicas x {} times", msd.size(), n_replicas, n_t);
  if (!(fit_start_fraction >= 0 && fit_start_fraction < 1))
    fail("msd fit: fit start fraction must be in [0, 1) (got {})", fit_start_fraction);
  if (n_t < 2) fail("msd fit: need at least two time points (got {})", n_t);
  const double t0 = fit_start_fraction * time.back();
  size_t first = 0;
  while (first < n_t && time[first] < t0) ++first;
  if (n_t - first < 2) fail("msd fit: fewer than two time points in the fit window (t >= {} s)", t0);

  double tm = 0;
  for (size_t k = first; k < n_t; ++k) tm += time[k];
  tm /= static_cast<double>(n_t - first);
  double stt = 0;
  for (size_t k = first; k < n_t; ++k) stt += (time[k] - tm) * (time[k] - tm);
  if (!(stt > 0)) fail("msd fit: the fit window has no time spread");

  std::vector<double> d(static_cast<size_t>(n_replicas));
  for (int r = 0; r < n_replicas; ++r) {
    const double* y = msd.data() + static_cast<size_t>(r) * n_t;
    double ym = 0;
    for (size_t k = first; k < n_t; ++k) ym += y[k];
    ym /= static_cast<double>(n_t - first);
    double sty = 0;
    for (size_t k = first; k < n_t; ++k) sty += (time[k] - tm) * (y[k] - ym);
    d[static_cast<size_t>(r)] = sty / stt / (2.0 * dim);
  }
  return d;
}

Estimate mean_estimate(const std::vector<double>& x) {
  Estimate e;
  e.n = static_cast<int>(x.size());
  if (x.empty()) return e;
  for (double v : x) e.value += v;
  e.value /= static_cast<double>(x.size());
  if (x.size() >= 2) {
    double var = 0;
    for (double v : x) var += (v - e.value) * (v - e.value);
    var /= static_cast<double>(x.size() - 1);
    e.stderr_ = std::sqrt(var / static_cast<double>(x.size()));
  }
  return e;
}

double covariance_of_means(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) fail("covariance: {} and {} values", a.size(), b.size());
  const size_t n = a.size();
  if (n < 2) return 0.0;
  const double ma = mean_estimate(a).value, mb = mean_estimate(b).value;
  double c = 0;
  for (size_t r = 0; r < n; ++r) c += (a[r] - ma) * (b[r] - mb);
  return c / (static_cast<double>(n - 1) * static_cast<double>(n));
}

Estimate diffusion_from_msd(const std::vector<double>& time, const std::vector<double>& msd, int n_replicas, int dim,
                            double fit_start_fraction) {
  return mean_estimate(replica_diffusion(time, msd, n_replicas, dim, fit_start_fraction));
}

}  // namespace ionhop
