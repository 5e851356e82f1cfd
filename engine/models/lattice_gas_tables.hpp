#pragma once
// Host tables of the lattice_gas model for one supercell network: E_KRA and pair J per directed
// hop, interaction partners per site, site energies per replica (doc/theory/kmc.md).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/composition/composition.hpp"
#include "engine/models/lattice_gas_spec.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop {

struct LatticeGasTables {
  double attempt_frequency = 0;     // Hz, the file-level ν
  std::vector<double> hop_ekra;     // per directed hop, eV
  std::vector<double> hop_nu;       // per directed hop: ν of its hop class, Hz (the [[kra]] entry's, else the file's)
  std::vector<double> hop_pair;     // per directed hop: J between its end sites, eV
  std::vector<int> nbr_offset;      // CSR over sites of the interaction partners
  std::vector<int> nbr_index;
  std::vector<double> nbr_j;        // eV
  std::vector<int> blk_offset;      // CSR over sites of the sites within the exclusion distance
  std::vector<int> blk_index;       //   (empty lists: no exclusion)
  std::vector<std::uint8_t> hop_blocks;  // per directed hop: 1 if its end sites exclude each other
  std::vector<double> base_site_energy;  // per site: energy of its class, eV (no dopant shifts)
};

// Pair interaction J(r) between two mobile ions at distance r (Å), eV: the first shell with
// r <= r_max plus the screened Coulomb term within its cutoff.
double pair_interaction(const LatticeGasSpec& spec, double r);

// Matches every hop class with hops to one [[kra]] entry and every site class to a site energy;
// throws ionhop::Error naming the model file and the unmatched class otherwise, or if the cell is
// narrower than twice the interaction range.
LatticeGasTables build_lattice_gas_tables(const LatticeGasSpec& spec, const SiteNetwork& net);

// Site energies of one decorated replica: class energy + Σ dopant shifts (eV per site), from dopants
// on framework atoms and on mobile sites alike.
// `supercell` holds the framework atoms the decoration refers to (may be empty if no shifts).
std::vector<double> lattice_gas_site_energies(const LatticeGasSpec& spec, const LatticeGasTables& tables,
                                              const SiteNetwork& net, const Crystal& supercell,
                                              const Decoration& decoration);

}  // namespace ionhop
