#pragma once
// Energy model v1 "lattice_gas" (doc/theory/kmc.md, file format doc/model-files.md): host-side
// parameters as read from a model TOML in potentials/. The device struct built from it lives in
// kernels/kmc/lattice_gas.hpp; engine/models/lattice_gas_build.hpp turns one into the other.
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace ionhop {

// E_KRA of the hops between two site classes (crystallographic labels), optionally only those of
// a given length (|length - l| <= length_tolerance).
struct KraSpec {
  std::string site_a, site_b;  // order irrelevant
  double length = -1;          // Å; < 0: any length
  double length_tolerance = 0.05;
  double e_kra = 0;            // eV, >= 0
  std::optional<double> attempt_frequency;  // ν of this hop class, Hz (> 0); unset: the file-level ν
};

// Pair interaction between two mobile ions at distance r: J of the first shell with r <= r_max.
struct PairShell {
  double r_max = 0;  // Å, increasing from shell to shell
  double j = 0;      // eV (> 0 repulsive)
};

// Screened Coulomb between mobile ions, r <= cutoff:
//   J(r) = q^2 k_e exp(-r/lambda) erfc(r/l) / (eps_r r)
// (either screening factor absent when its length is 0; with q = q_M sqrt(s_q/n_M), l = 0.74 * 2 rc_M,
// eps_r = 1 it is softBV's cation-cation term between two mobile ions, doc/theory/bvse.md §5).
struct ScreenedCoulombSpec {
  double charge = 1;         // e, charge of a mobile ion
  double epsilon_r = 1;      // relative permittivity
  double screening_length = 0;  // Å; <= 0: no exponential screening
  double cutoff = 0;         // Å
  double erfc_length = 0;    // Å; <= 0: no erfc screening
};

// Site-energy shift of a mobile site for each atom of `species` within `radius` of it.
struct DopantShiftSpec {
  std::string species;  // framework element (usually a dopant), e.g. "Sc"
  double radius = 0;    // Å
  double shift = 0;     // eV per atom within the radius
};

struct LatticeGasSpec {
  std::string source;                       // file it was read from ("" if built in code)
  double attempt_frequency = 0;             // ν, Hz (hop classes whose [[kra]] entry gives none)
  std::vector<std::pair<std::string, double>> site_energy;  // label -> eV; missing labels: 0
  std::vector<KraSpec> kra;                 // every hop class must match exactly one entry
  std::vector<PairShell> pair_shells;       // empty: site exclusion only
  std::optional<ScreenedCoulombSpec> coulomb;  // added to the shells when present
  std::vector<DopantShiftSpec> dopant_shifts;
  // Hard exclusion: two mobile ions never sit on sites closer than this (Å; 0: none). A hop into a
  // site with an ion (other than the hopping one) within this distance has rate 0.
  double exclusion_distance = 0;
  // Interstitial mobile sites the model was made for (fractional, symmetry copies implied), added to
  // the network as X1, X2, ... in this order (ionhop bvse --interstitials); the run's [structure]
  // extra_sites must be absent or the same.
  std::vector<std::array<double, 3>> extra_sites;

  // Longest range of the ion-ion interaction or exclusion, Å (0 if none).
  double interaction_range() const;
};

}  // namespace ionhop
