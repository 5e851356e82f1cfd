#pragma once
// KMC model "bvse": site energies and KRA barriers from BVSE site/hop mode, calibrated, handed to
// the KMC engine as a lattice-gas model (engine/models, one alternative of ModelSpec), optionally
// with a screened Coulomb interaction between mobile ions. doc/theory/bvse.md §5.
#include <optional>
#include <string>
#include <vector>

#include "engine/bvse/harmonic_frequency.hpp"
#include "engine/bvse/site_hop.hpp"
#include "engine/models/lattice_gas_spec.hpp"

namespace ionhop::bvse {

struct Calibration {
  double scale = 1.0;                 // all BVSE energies (site-energy differences, KRA) times this
  double shift = 0.0;                 // eV added to every KRA barrier (after scaling)
  std::optional<double> measured_ea;  // eV: scale chosen so that scale * E_3D = measured_ea (shift must be 0)
};

struct ModelOptions {
  double attempt_frequency = 1e13;    // file-level ν, Hz: every class when !harmonic_frequency, else the
                                      // fallback of a class without a harmonic ν (an assumption, not from BVSE)
  bool harmonic_frequency = true;     // per-[[kra]] ν from the landscape (harmonic_frequency.hpp)
  Calibration calibration;
  std::optional<ScreenedCoulombSpec> coulomb;  // mobile-ion pair interaction, off by default
  std::vector<DopantShiftSpec> dopant_shifts;  // BVSE-derived (derive_dopant_shift), scaled by the calibration
};

// The BVSE site-energy shift of a mobile site per `dopant` atom (replacing `host`) within `radius`:
// one host atom of a supercell (wider than 2 radius + 4 Å) is replaced, with the mobile-ion count
// changed for neutrality (it enters s_q); shift = mean ΔE of the sites within `radius` minus the
// mean ΔE of the sites beyond it (the uniform part, from s_q, cancels in rates). Mixed framework
// sites take one fixed decoration (seed 1) in both cells.
struct DopantShiftResult {
  DopantShiftSpec spec;
  int near_sites = 0, far_sites = 0;
  double far_mean = 0;  // eV, removed uniform part
};
DopantShiftResult derive_dopant_shift(const Crystal& unit, const SiteNetwork& unit_net, const SiteHopResult& unit_sh,
                                      const Parameters& params, const FieldOptions& fo, const std::string& host,
                                      const std::string& dopant, int oxidation, double radius);

struct ModelResult {
  LatticeGasSpec spec;
  double scale = 1, shift = 0;  // applied
  double reference_barrier = 0; // E_3D used for calibration to a measured Ea, eV (uncalibrated BVSE)
  bool calibrated = false;
  bool harmonic_frequency = false;  // the [[kra]] entries carry harmonic ν (where a class has one)
};

// Build the model from unit-cell site/hop energies (`net`, `sh`) and the percolation energy E_3D
// (eV above the minimum; used only by calibration to a measured Ea). With opt.harmonic_frequency,
// each [[kra]] gets the ν of `frequencies` (per hop class; classes with ν = 0 keep the file-level
// ν). Calibration scales energies only, never ν. Errors on negative calibrated KRA barriers or a
// bad calibration (naming the option).
ModelResult make_model(const SiteNetwork& net, const SiteHopResult& sh, double e3d, const ModelOptions& opt,
                       const std::vector<HopClassFrequency>& frequencies = {});

// The model as a model file (doc/model-files.md) with a header saying where it came from.
std::string model_toml(const ModelResult& m, const std::string& structure, const std::string& mobile);

}  // namespace ionhop::bvse
