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
  bool global = false;                // scale is kGlobalEnergyScale, the default of ionhop bvse (not a per-material fit)
};

// The one BVSE energy scale of `ionhop bvse --model-out` when no calibration is asked for (doc/theory/
// bvse.md §5): s minimising Σ (s·Ea_KMC,i − Ea_measured,i)² over NASICON Na3Zr2Si2PO12 (0.34 eV), cubic
// Na3PS4 (0.28 eV) and Li10GeP2S12 (0.22 eV), Ea_KMC from the raw-energy default route
// (scripts/validation/default_route.py --fit-scale, doc/data/measured_transport.csv). RMS residual
// 0.058 eV; leave-one-out residuals up to 0.14 eV.
constexpr double kGlobalEnergyScale = 0.491;

// Default hard-exclusion distance between two mobile ions M+ (doc/theory/bvse.md §5): the Shannon
// M-O bond length r(M+, VI) + r(O2-, VI) (Li 2.16 Å, Na 2.42 Å): two cations closer than one
// cation-anion bond have no anion between them. Radii from potentials/shannon_radii.toml.
double default_exclusion_distance(const std::string& mobile);

// softBV's cation-cation Coulomb term (doc/theory/bvse.md §1) between two mobile ions of charge q:
// J(r) = 14.3996 eV·Å · s_q (q/√n)² erfc(r / (f·2 rc)) / r, with the structure's charge scaling s_q and
// the ion's n and rc from the parameter table, f the field's screening factor (0.74); cut where
// J < 1 meV. Returned as a [coulomb] with charge q·√(s_q/n), eps_r 1, erfc_length f·2rc.
ScreenedCoulombSpec mobile_ion_coulomb(const Parameters& params, const std::string& mobile, int charge, double s_q,
                                       double screening_factor);

struct ModelOptions {
  double attempt_frequency = 1e13;    // file-level ν, Hz: every class when !harmonic_frequency, else the
                                      // fallback of a class without a harmonic ν (an assumption, not from BVSE)
  bool harmonic_frequency = true;     // per-[[kra]] ν from the landscape (harmonic_frequency.hpp)
  Calibration calibration;
  std::optional<ScreenedCoulombSpec> coulomb;  // mobile-ion pair interaction, off by default
  std::vector<DopantShiftSpec> dopant_shifts;  // BVSE-derived (derive_dopant_shift), scaled by the calibration
  double exclusion_distance = 0;  // Å: no two mobile ions closer (default_exclusion_distance); 0 = none
  bool coulomb_from_bvse = false;  // coulomb is mobile_ion_coulomb(): a BVSE energy, scaled by the calibration
};

// The BVSE site-energy shift of a mobile site per `dopant` atom (replacing `host`) within `radius`:
// one host atom of a supercell (wider than 2 radius + 4 Å) is replaced, with the mobile-ion count
// changed for neutrality (it enters s_q); shift = mean ΔE of the sites within `radius` minus the
// mean ΔE of the sites beyond it (the uniform part, from s_q, cancels in rates). Mixed framework
// sites take one fixed decoration (seed 1) in both cells. host = the mobile species: the dopant
// takes mobile site 0 (its ion removed too) and that site is left out of the means.
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
  bool global_scale = false;    // the scale is kGlobalEnergyScale (Calibration::global)
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
