#pragma once
// Units and physical constants used inside ionhop (ARCHITECTURE.md §6):
//   energy eV, length Å, time ps (MD) or s (KMC), temperature K, charge e, mass amu.
// Reported: D in cm^2/s, sigma in S/cm. Constants: CODATA 2018 (exact SI values where defined).
namespace ionhop::units {

inline constexpr double kB_eV = 8.617333262e-5;            // Boltzmann constant, eV/K
inline constexpr double kB_J = 1.380649e-23;               // Boltzmann constant, J/K (exact)
inline constexpr double e_C = 1.602176634e-19;             // elementary charge, C (exact)
inline constexpr double angstrom2_to_cm2 = 1e-16;          // 1 Å^2 = 1e-16 cm^2
inline constexpr double angstrom3_to_cm3 = 1e-24;          // 1 Å^3 = 1e-24 cm^3
inline constexpr double coulomb_eV_A = 14.399645478425668; // e^2/(4 pi eps0) in eV·Å
inline constexpr double amu_kg = 1.66053906660e-27;        // atomic mass unit, kg
// MD: with masses in amu, lengths in Å, energies in eV, time in ps: F/m in Å/ps^2 is
// (eV/Å)/amu * mvv2e_inv; 1 eV/(Å·amu) = 9648.53321233 Å/ps^2.
inline constexpr double eV_per_A_amu_to_A_per_ps2 = 9648.533212331;

}  // namespace ionhop::units
