#include "engine/analysis/arrhenius.hpp"

#include <cmath>

#include <fmt/format.h>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"

namespace ionhop {

ArrheniusFit fit_arrhenius(const std::vector<double>& temperature, const std::vector<double>& y,
                           const std::vector<double>& y_err, bool times_T) {
  if (y.size() != temperature.size() || (!y_err.empty() && y_err.size() != y.size()))
    fail("Arrhenius fit: {} temperatures, {} values, {} errors", temperature.size(), y.size(), y_err.size());
  ArrheniusFit fit;
  std::vector<double> x, ly, sl;  // x = 1/(k_B T) in 1/eV, ln y, σ of ln y
  int dropped = 0;
  bool have_errors = !y_err.empty();
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double T = temperature[i];
    const double v = times_T ? y[i] * T : y[i];
    if (!(T > 0) || !(v > 0) || !std::isfinite(v)) {
      ++dropped;
      continue;
    }
    x.push_back(1.0 / (units::kB_eV * T));
    ly.push_back(std::log(v));
    const double e = y_err.empty() ? 0.0 : y_err[i] / y[i];  // relative error = error of ln y
    if (!(e > 0) || !std::isfinite(e)) have_errors = false;
    sl.push_back(e);
  }
  fit.n_points = static_cast<int>(x.size());
  fit.weighted = have_errors;
  if (dropped > 0) fit.note = fmt::format("{} point(s) with a non-positive value left out", dropped);
  if (fit.n_points < 2) {
    fit.note += (fit.note.empty() ? "" : "; ") + std::string("fewer than two usable temperatures");
    return fit;
  }
  // Normal equations of ln y = ln A - Ea x with weights w.
  double S = 0, Sx = 0, Sxx = 0, Sy = 0, Sxy = 0;
  for (int i = 0; i < fit.n_points; ++i) {
    const double w = have_errors ? 1.0 / (sl[i] * sl[i]) : 1.0;
    S += w, Sx += w * x[i], Sxx += w * x[i] * x[i], Sy += w * ly[i], Sxy += w * x[i] * ly[i];
  }
  const double det = S * Sxx - Sx * Sx;
  if (!(det > 0)) {
    fit.note += (fit.note.empty() ? "" : "; ") + std::string("all temperatures equal");
    return fit;
  }
  const double slope = (S * Sxy - Sx * Sy) / det;
  const double intercept = (Sxx * Sy - Sx * Sxy) / det;
  // Covariance of (intercept, slope): (X^T W X)^-1, scaled by the residual variance when unweighted.
  double scale = 1.0;
  if (!have_errors) {
    double rss = 0;
    for (int i = 0; i < fit.n_points; ++i) {
      const double r = ly[i] - intercept - slope * x[i];
      rss += r * r;
    }
    scale = fit.n_points > 2 ? rss / (fit.n_points - 2) : 0.0;
    if (fit.n_points == 2)
      fit.note += (fit.note.empty() ? "" : "; ") + std::string("two points without error bars: no fit error");
  }
  fit.valid = true;
  fit.ea = -slope;
  fit.ln_prefactor = intercept;
  fit.ea_err = std::sqrt(scale * S / det);
  fit.ln_prefactor_err = std::sqrt(scale * Sxx / det);
  fit.covariance = scale * Sx / det;  // cov(-slope, intercept) = -cov(slope, intercept) = Sx/det
  // Reliability: two points cannot show that ln y is linear in 1/T, a large Ea error says nothing,
  // and weighted points far off one line (χ² per degree of freedom > 9) are not one process.
  std::string why;
  if (fit.n_points < 3) why = fmt::format("{} temperatures cannot test the Arrhenius form (3 or more are needed)", fit.n_points);
  else if (!(fit.ea_err <= 0.25 * std::abs(fit.ea)))
    why = fmt::format("the Ea error ({:.3f} eV) is more than a quarter of Ea ({:.3f} eV)", fit.ea_err, fit.ea);
  else if (have_errors) {
    double chi2 = 0;
    for (int i = 0; i < fit.n_points; ++i) chi2 += std::pow((ly[i] - intercept - slope * x[i]) / sl[i], 2);
    if (chi2 / (fit.n_points - 2) > 9)
      why = fmt::format("the points lie {:.1f} error bars off one line on average (χ²/dof = {:.1f})",
                        std::sqrt(chi2 / (fit.n_points - 2)), chi2 / (fit.n_points - 2));
  }
  fit.reliable = why.empty();
  if (!why.empty()) fit.note += (fit.note.empty() ? "" : "; ") + ("unreliable: " + why);
  return fit;
}

}  // namespace ionhop
