#pragma once
// Crystal: a periodic structure as read from a file (CIF, POSCAR): lattice, crystallographic
// sites with (possibly mixed, partial) occupants and oxidation states, the symmetry-expanded
// atoms of the cell, and the space group found by spglib. Host-only data.
#include <map>
#include <string>
#include <vector>

#include "engine/core/vec3.hpp"

namespace ionhop {

struct Lattice {
  Mat3 rows{};  // rows are the cell vectors a, b, c in Cartesian Å

  // Standard orientation: a along x, b in the xy plane. Lengths in Å, angles in degrees.
  static Lattice from_parameters(double a, double b, double c, double alpha, double beta, double gamma);
  Vec3 to_cart(const Vec3& frac) const;  // r = f0 a + f1 b + f2 c
  Vec3 to_frac(const Vec3& cart) const;
  double volume() const;                 // Å^3, > 0 for a right-handed cell
  std::array<double, 6> parameters() const;  // a, b, c (Å), alpha, beta, gamma (degrees)
  // Shortest Cartesian distance between two fractional positions over all periodic images
  // (exact for skewed cells: searches the neighbouring images, not only the rounded one).
  double distance(const Vec3& fa, const Vec3& fb) const;
  // The fractional image vector d (fb - fa + integer shift) of that shortest distance.
  Vec3 shortest_frac_vector(const Vec3& fa, const Vec3& fb) const;
};

struct Occupant {
  std::string element;     // element symbol, e.g. "Na", "Si"
  double occupancy = 1.0;  // fraction of this site held by the element, 0 < occ <= 1
  int oxidation = 0;       // formal oxidation state (from the file, the table, or the input)
};

// A crystallographic (symmetry-distinct) site.
struct CrystalSite {
  std::string label;               // as in the file ("Na1"), or element+index if none
  std::vector<Occupant> occupants; // more than one on mixed sites (Si/P, S/Cl)
  Vec3 frac{};                     // representative fractional position
  char wyckoff = '?';              // Wyckoff letter from spglib
  int multiplicity = 0;            // number of positions of this site in the cell
  std::string site_symmetry;       // site-symmetry symbol from spglib

  double total_occupancy() const;
  const Occupant* find(const std::string& element) const;  // nullptr if absent
};

// One position of the symmetry-expanded cell.
struct CellAtom {
  int site = 0;  // index into Crystal::sites
  Vec3 frac{};   // fractional coordinates in [0, 1)
};

struct SymOp {
  std::array<std::array<int, 3>, 3> rot{};  // acts on fractional coordinates: x' = R x + t
  Vec3 trans{};
};

struct SymmetryInfo {
  int number = 0;              // space-group number (1..230)
  std::string international;   // Hermann–Mauguin symbol, e.g. "R-3c"
  std::string hall;            // Hall symbol
  double symprec = 1e-3;       // Cartesian tolerance used by spglib, Å
  std::vector<SymOp> ops;      // operations of the cell as given (incl. centring translations)
};

struct Crystal {
  std::string source;   // file the structure came from
  std::string title;    // data block name / POSCAR comment
  Lattice lattice;
  std::vector<CrystalSite> sites;
  std::vector<CellAtom> atoms;
  SymmetryInfo symmetry;
  // Formula units per cell as the file states them (CIF _cell_formula_units_Z; a supercell scales
  // it), 0 if not given: formula() then prints per this unit, the standard form of the compound.
  int formula_units = 0;
  // CIF: label of each row merged into a mixed site after its first (row "P1" -> site "Si1"), so
  // inputs may name a mixed site by any of its rows.
  std::map<std::string, std::string> merged_labels;

  std::map<std::string, double> composition() const;  // element -> atoms per cell (occupancy-weighted)
  double formal_charge() const;                        // Σ occ·oxidation per cell, e
  std::string formula() const;                         // reduced formula, e.g. "Na3Zr2Si2PO12"
  bool has_element(const std::string& element) const;
  int oxidation_of(const std::string& element) const;  // oxidation state of its first occurrence, 0 if absent
};

}  // namespace ionhop
