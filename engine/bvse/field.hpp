#pragma once
// Building the BVSE energy field (kernels/bvse/bvse_field.hpp) of a mobile species from a crystal
// or from a decorated supercell: framework atoms with their Morse or screened-Coulomb parameters,
// the charge scaling s_q, and host-side evaluation helpers.
#include <map>
#include <string>
#include <vector>

#include <Kokkos_Core.hpp>

#include "engine/bvse/bvse_parameters.hpp"
#include "engine/crystal/crystal.hpp"
#include "kernels/bvse/bvse_field.hpp"

namespace ionhop::bvse {

using MemSpace = Kokkos::DefaultExecutionSpace::memory_space;
using DeviceField = kernels::bvse::BvseField<MemSpace>;

struct FieldOptions {
  std::string mobile = "Li";       // mobile species (removed from the framework)
  double cutoff = 10.0;            // Å
  bool charge_scaling = true;      // s_q as in ccnb; false: s_q = 1 (BVlain)
  double screening_factor = 0.74;  // f in erfc(R / (f (rcA + rcM)))
};

// One (possibly partially occupied) ion of the cell: each occupant of a mixed site is one entry.
struct FieldAtom {
  std::string element;
  int oxidation = 0;
  double occupancy = 1;
  Vec3 frac{};
};

struct Field {
  DeviceField device;           // copy into kernels
  Lattice lattice;
  FieldOptions options;
  std::vector<FieldAtom> framework;  // anions and non-mobile cations entering E
  double s_q = 1;               // charge scaling applied to the Coulomb term
  double mobile_charge = 0;     // Σ occ q of the mobile species in the cell, e
};

// Every occupant of every cell atom of the crystal (mobile species included).
std::vector<FieldAtom> crystal_atoms(const Crystal& crystal);

// s_q = −Σ_anions occ q/√n ÷ Σ_cations occ q/√n (mobile ions included), over `atoms`.
double charge_scaling_factor(const std::vector<FieldAtom>& atoms, const Parameters& p);

// Field from all atoms of a cell (mobile species among them are dropped from E but counted in
// s_q). Errors name the element whose parameters or oxidation state are missing.
Field build_field(const Lattice& lattice, const std::vector<FieldAtom>& atoms, const Parameters& p,
                  const FieldOptions& opt);
inline Field build_field(const Crystal& c, const Parameters& p, const FieldOptions& opt) {
  return build_field(c.lattice, crystal_atoms(c), p, opt);
}

// Host evaluation (runs a small kernel): E (eV) and optionally ∇E (eV/Å) at Cartesian points.
std::vector<double> energies_at(const Field& f, const std::vector<Vec3>& cart,
                                std::vector<Vec3>* gradient = nullptr);
std::vector<double> free_radii_at(const Field& f, const std::vector<Vec3>& cart);

// Cartesian position of fractional coordinates (row-vector convention of Lattice::rows).
inline Vec3 frac_to_cart(const Lattice& l, const Vec3& f) {
  return {f[0] * l.rows[0][0] + f[1] * l.rows[1][0] + f[2] * l.rows[2][0],
          f[0] * l.rows[0][1] + f[1] * l.rows[1][1] + f[2] * l.rows[2][1],
          f[0] * l.rows[0][2] + f[1] * l.rows[1][2] + f[2] * l.rows[2][2]};
}
inline Vec3 cart_to_frac(const Lattice& l, const Vec3& r) {
  const Mat3 inv = inverse(l.rows);
  return {r[0] * inv[0][0] + r[1] * inv[1][0] + r[2] * inv[2][0],
          r[0] * inv[0][1] + r[1] * inv[1][1] + r[2] * inv[2][1],
          r[0] * inv[0][2] + r[1] * inv[1][2] + r[2] * inv[2][2]};
}

}  // namespace ionhop::bvse
