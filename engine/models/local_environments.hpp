#pragma once
// The local environments of a local_cluster_expansion model on one supercell (doc/theory/kmc.md
// §10): which sites and framework atoms are environment site k of each centre, which end of each
// hop is its centre, and E_KRA, E_site for every environment code. Host-only; the device form is
// kernels/kmc/local_cluster.hpp.
#include <array>
#include <cstdint>
#include <vector>

#include "engine/composition/composition.hpp"
#include "engine/crystal/crystal.hpp"
#include "engine/models/lattice_gas_spec.hpp"
#include "engine/models/local_cluster_spec.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop {

struct LocalEnvironments {
  int n_env = 0;
  std::vector<std::string> env_species;   // per environment slot
  std::vector<bool> env_mobile;           // per slot: a site of the mobile species
  std::vector<int> centre_site;           // per centre: network site
  std::vector<int> centre_of_site;        // per network site: centre index, -1 if not a centre
  std::vector<int> env_index;             // per centre × slot: network site (mobile) or supercell atom
  // Per directed network hop: tag = role * 256 + k; role 0: `from` is the centre and `to` its
  // environment site k; role 1: `to` is the centre and `from` its site k.
  std::vector<int> hop_tag;
  // Per network site x: the centres whose environment holds x, as (network site, slot):
  // entries [watch_offset[x], watch_offset[x + 1]).
  std::vector<int> watch_offset;
  std::vector<std::array<int, 2>> watch;
  std::vector<double> e_kra, e_site;      // per environment code (bit k set: σ_k = -1), eV
};

// Maps the environment of every centre of the supercell network `net` (built from `unit_net`, the
// network of the unit cell `unit`) onto its sites and the atoms of `supercell`. The environment
// listed in the model belongs to the template centre (or, without one, to the first centre it
// fits untransformed); every other centre's environment is its image under the space-group
// operation that takes the template centre there. Throws ionhop::Error naming the model file if a
// slot finds no site, a hop has no centre, or the supercell is too small.
LocalEnvironments build_local_environments(const LocalClusterSpec& spec, const Crystal& unit, const SiteNetwork& unit_net,
                                           const SiteNetwork& net, std::array<int, 3> supercell);

// The lattice-gas skeleton of the model on `net`: ν, zero site energies and E_KRA for every class,
// no interactions. The KMC tables reuse its hop lists; the rates come from the environments.
LatticeGasSpec hop_skeleton(const LocalClusterSpec& spec, const SiteNetwork& net);

// Whether the model's site energies are differences of one energy function (Kolmogorov's cycle
// condition, doc/theory/kmc.md §10): the energy gained around the four-hop cycle "ion 1 hops from
// centre c to its site j; ion 2 hops from another centre c' to a site j2 that c's environment also
// holds (j not in c''s); both hop back", largest over the slots of one centre, all other sites
// vacant, framework bits clear (eV; 0 for a consistent model). Where it is not 0 the KMC has no
// equilibrium state: ions circulate, and D_J grows with the run length.
double two_ion_cycle_affinity(const LocalEnvironments& env);

// Per network site: the framework bits of a centre's code for one decoration (0 elsewhere).
std::vector<std::uint16_t> framework_codes(const LocalEnvironments& env, const Decoration& dec);

}  // namespace ionhop
