#pragma once
// Stochastic cell rescaling (C-rescale; Bernetti & Bussi, J. Chem. Phys. 153, 114107 (2020)):
// a first-order stochastic equation for the log-strain of the cell driven by the pressure, applied
// after each MD step together with the Bussi thermostat. Isotropic (ε = ln V, all axes scaled
// alike) or anisotropic (ε_d = ln of the cell's extent along Cartesian x, y, z, each driven by
// P_dd). Equations and units: doc/theory/md.md §5b.
#include <cstdint>

#include "engine/md/force_compute.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

constexpr double eV_per_A3_to_GPa = 160.21766208;  // pressure units

enum class Barostat { None, Isotropic, Anisotropic };

struct BarostatSettings {
  Barostat kind = Barostat::None;
  double pressure = 1e-4;         // GPa, target (1e-4 GPa = 1 bar)
  double tau_p = 1.0;             // ps, relaxation time of the volume
  double compressibility = 0.01;  // 1/GPa, isothermal compressibility guess: sets the time scale only
};

// One barostat step: draws the strain, scales the box, positions (x_d *= mu_d) and velocities
// (v_d /= mu_d), and tells fc (neighbour list, Ewald k vectors). twice_ke[d] = Σ m v_d² in eV,
// virial W_ab in eV (xx yy zz xy xz yz). Returns the change of KE + PE + P0·V that the step made
// (PE to first order in the strain: -Σ_d W_dd ln mu_d), for the conserved quantity.
double crescale_step(const BarostatSettings& b, double temperature, double dt, std::uint64_t seed, long step,
                     const double twice_ke[3], const double virial[6], MdSystem& s, ForceCompute& fc);

}  // namespace ionhop::md
