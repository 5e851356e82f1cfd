#pragma once
// BVSE parameter tables (potentials/bvse_parameters.toml): Morse parameters per mobile-ion/anion
// pair and per-ion data (principal quantum number, softBV covalent radius, softness, Shannon
// radius). Formulas in doc/theory/bvse.md.
#include <map>
#include <optional>
#include <string>

namespace ionhop::bvse {

struct PairParameters {  // mobile ion A - anion X
  double Nc = 0;     // coordination number of A
  double R0 = 0;     // bond-valence R0, Å
  double b = 0;      // bond-valence softness b, Å
  double alpha = 0;  // Morse steepness, 1/Å (= 1/b)
  double D0 = 0;     // Morse depth parameter, eV (the well is D0/2 deep)
  double Rmin = 0;   // Morse minimum distance, Å
};

struct IonParameters {
  int n = 0;                          // principal quantum number
  double rc = 0;                      // softBV covalent radius, Å
  std::optional<double> softness;     // softBV softness (mobile ions and anions)
  std::optional<double> shannon_radius;  // ionic radius for the free-radius map, Å
};

struct Parameters {
  std::string source;  // file the table was read from
  std::map<std::string, PairParameters> pairs;  // key "Li-O"
  std::map<std::string, IonParameters> ions;    // key element symbol

  // Throw ionhop::Error naming the file and the missing key.
  const PairParameters& pair(const std::string& mobile, const std::string& anion) const;
  const IonParameters& ion(const std::string& element) const;
};

// Read a parameter file; an empty path means the shipped potentials/bvse_parameters.toml.
// Unknown keys, missing keys and non-positive values are errors naming the file and key.
Parameters load_parameters(const std::string& path = "");

}  // namespace ionhop::bvse
