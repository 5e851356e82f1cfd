#pragma once
// KMC model "bvse": site energies and KRA barriers from BVSE site/hop mode, calibrated, handed to
// the KMC engine as a lattice-gas model (engine/models, one alternative of ModelSpec), optionally
// with a screened Coulomb interaction between mobile ions. doc/theory/bvse.md §5.
#include <optional>
#include <string>

#include "engine/bvse/site_hop.hpp"
#include "engine/models/lattice_gas_spec.hpp"

namespace ionhop::bvse {

struct Calibration {
  double scale = 1.0;                 // all BVSE energies (site-energy differences, KRA) times this
  double shift = 0.0;                 // eV added to every KRA barrier (after scaling)
  std::optional<double> measured_ea;  // eV: scale chosen so that scale * E_3D = measured_ea (shift must be 0)
};

struct ModelOptions {
  double attempt_frequency = 1e13;    // ν, Hz (typical phonon frequency; an assumption, not from BVSE)
  Calibration calibration;
  std::optional<ScreenedCoulombSpec> coulomb;  // mobile-ion pair interaction, off by default
};

struct ModelResult {
  LatticeGasSpec spec;
  double scale = 1, shift = 0;  // applied
  double reference_barrier = 0; // E_3D used for calibration to a measured Ea, eV (uncalibrated BVSE)
  bool calibrated = false;
};

// Build the model from unit-cell site/hop energies (`net`, `sh`) and the percolation energy E_3D
// (eV above the minimum; used only by calibration to a measured Ea). Errors on negative calibrated
// KRA barriers or a bad calibration (naming the option).
ModelResult make_model(const SiteNetwork& net, const SiteHopResult& sh, double e3d, const ModelOptions& opt);

// The model as a model file (doc/model-files.md) with a header saying where it came from.
std::string model_toml(const ModelResult& m, const std::string& structure, const std::string& mobile);

}  // namespace ionhop::bvse
