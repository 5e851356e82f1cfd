#pragma once
// The whole `ionhop bvse` analysis of one structure: grid mode (percolation energies and radii,
// minima, exports) and site/hop mode on the unit-cell network (per-hop-class barriers), as JSON.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/bvse/bvse_model.hpp"
#include "engine/bvse/field.hpp"
#include "engine/bvse/site_hop.hpp"
#include "engine/crystal/crystal.hpp"

namespace ionhop::bvse {

struct AnalysisOptions {
  FieldOptions field;              // mobile species, cutoff, charge scaling
  std::string parameters;          // "" = shipped potentials/bvse_parameters.toml
  double spacing = 0.2;            // Å
  double tolerance = 1e-3;         // bisection tolerance, eV (and Å for radii)
  double minima_window = 1.5;      // eV above E_min
  double dimensionality_window = 1.5;  // eV above E_min (kDimensionalityWindow)
  std::string output_prefix;       // "" = write no files; else PREFIX.h5, PREFIX_energy.cube, PREFIX_radius.cube
  bool hops = true;                // site/hop mode on the unit-cell network
  PathOptions path;
  std::string model_out;           // "" = no KMC model file; else write the "bvse" lattice-gas model here
  ModelOptions model;              // attempt frequency, calibration, mobile-ion Coulomb
  struct Dopant {
    std::string host, dopant;
    int oxidation = 0;
  };
  std::vector<Dopant> dopants;     // BVSE dopant site-energy shifts added to the model
  double dopant_radius = 4.0;      // Å
  // Interstitial sites (doc/theory/bvse.md §5): grid minima with E - E_min <= interstitial_window
  // (eV) farther than interstitial_min_distance (Å) from every crystallographic mobile site join the
  // site/hop network (labels X1, X2, ...) and the model (its extra_sites).
  bool interstitials = false;
  // The model gets softBV's Coulomb term between mobile ions (mobile_ion_coulomb) unless it has a
  // [coulomb] already (model.coulomb).
  bool mobile_coulomb = false;
  double interstitial_window = 0.4;
  double interstitial_min_distance = 1.0;
};

// Runs everything; throws ionhop::Error on bad input. Keys of the result: doc/theory/bvse.md.
nlohmann::json analyse(const Crystal& crystal, const AnalysisOptions& opt);

// Human-readable summary of analyse()'s JSON.
std::string report_text(const nlohmann::json& j);

}  // namespace ionhop::bvse
