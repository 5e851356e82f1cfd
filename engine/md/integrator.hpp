#pragma once
// Time integration: velocity Verlet (NVE), Nosé–Hoover chain (NVT, MTK Trotter splitting) and
// Bussi stochastic velocity rescaling (NVT), seeded initial velocities and thermo quantities.
// Equations: doc/theory/md.md.
#include <cstdint>
#include <vector>

#include "engine/core/state_arrays.hpp"
#include "engine/md/barostat.hpp"
#include "engine/md/force_compute.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

enum class Thermostat { None, NoseHooverChain, Bussi };

struct IntegratorSettings {
  double dt = 0.001;         // ps
  Thermostat thermostat = Thermostat::None;
  double temperature = 300;  // K, target of the thermostat
  double tau = 0.1;          // ps, thermostat time constant
  int chain_length = 3;      // Nosé–Hoover chain
  std::uint64_t seed = 1;    // Bussi and barostat noise
  BarostatSettings barostat;  // kind None: constant volume
};

struct Thermo {
  long step = 0;
  double time = 0;        // ps
  double temperature = 0; // K (N_f = 3N - 3)
  double ke = 0, pe = 0;  // eV
  double pressure = 0;    // GPa, (2 KE + tr W) / 3V
  double conserved = 0;   // eV: KE + PE (+ thermostat energy; NPT: + P0 V + barostat energy)
  double volume = 0;      // Å^3
  double cell[3] = {0, 0, 0};      // |a|, |b|, |c|, Å
  double p_diag[3] = {0, 0, 0};    // P_xx, P_yy, P_zz, GPa
};

// Maxwell–Boltzmann velocities at temperature T from `seed` (Philox, per atom), zero total
// momentum, rescaled to exactly T.
void initialize_velocities(MdSystem& s, double temperature, std::uint64_t seed);
double kinetic_energy(const MdSystem& s);  // eV
int degrees_of_freedom(const MdSystem& s);  // 3N - 3
void twice_kinetic_diag(const MdSystem& s, double out[3]);  // Σ m v_d² per direction d, eV

class Integrator {
 public:
  Integrator(MdSystem& s, ForceCompute& fc, const IntegratorSettings& st);

  // Advance n steps; energies and virial are computed on the last one (and thermo() returns them).
  void run(long n_steps);
  Thermo thermo() const { return thermo_; }
  long step() const { return step_; }
  // Step count, thermo values and thermostat state ("integrator/..."); with the system's arrays
  // (md_state.hpp) and the neighbour list (ForceCompute::save) the run continues bit for bit.
  void save(StateArrays& a) const;
  void restore(const StateArrays& a);

 private:
  void nhc_half_step();
  void bussi_rescale();
  void update_thermo(const md_kernels::EnergyVirial& ev);

  MdSystem& s_;
  ForceCompute& fc_;
  IntegratorSettings st_;
  long step_ = 0;
  int nf_ = 0;
  Thermo thermo_;
  // Nosé–Hoover chain: positions, velocities (1/ps), masses (eV ps^2)
  std::vector<double> xi_, vxi_, Q_;
  double bussi_energy_ = 0;  // kinetic energy taken out by the Bussi thermostat, eV
  double baro_energy_ = 0;   // KE + PE + P0 V taken out by the barostat, eV (first order in the strain)
};

}  // namespace ionhop::md
