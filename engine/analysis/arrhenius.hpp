#pragma once
// Arrhenius fit y(T) = A exp(-Ea / (k_B T)) over a temperature list by (weighted) linear least
// squares of ln y against 1/(k_B T) (doc/theory/transport.md §6). Used for σ and for σT.
#include <string>
#include <vector>

namespace ionhop {

struct ArrheniusFit {
  bool valid = false;         // false if fewer than two usable points
  // Whether the fit means something: >= 3 points, Ea error <= Ea/4, and (weighted) reduced χ² <= 9.
  // A valid but unreliable fit says why in `note` (doc/output.md).
  bool reliable = false;
  double ea = 0, ea_err = 0;  // activation energy, eV
  double ln_prefactor = 0, ln_prefactor_err = 0;  // ln A, A in the unit of y
  double covariance = 0;      // cov(Ea, ln A)
  int n_points = 0;           // points used (y > 0)
  bool weighted = false;      // true: weights 1/σ_ln y², absolute errors; false: errors from the residuals
  std::string note;           // why points were dropped or the fit is invalid
};

// temperature in K, y > 0 (points with y <= 0 or non-finite are dropped), y_err its standard errors
// (empty, or any entry <= 0, for an unweighted fit). times_T: fit y*T instead of y.
ArrheniusFit fit_arrhenius(const std::vector<double>& temperature, const std::vector<double>& y,
                           const std::vector<double>& y_err, bool times_T = false);

}  // namespace ionhop
