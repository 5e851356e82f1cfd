#include <cmath>

#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "engine/models/lattice_gas_tables.hpp"

namespace ionhop {

namespace {

void finish(KmcSystem& sys, const CompositionSpec& composition, const ModelSpec& model) {
  sys.composition = composition;
  sys.model = model;
  sys.volume = std::abs(det(sys.network.lattice.rows));
  if (sys.network.n_sites() == 0) fail("kmc: the network has no mobile-ion sites");
  // Validate the model against this network now (missing classes, too small a supercell) rather
  // than inside the ensemble.
  (void)build_lattice_gas_tables(lattice_gas_form(sys), sys.network);
  if (std::holds_alternative<LocalClusterSpec>(sys.model)) {
    if (!sys.environments)
      fail("{}: a local cluster expansion needs the structure file's framework (a network built from a structure)",
           std::get<LocalClusterSpec>(sys.model).source);
    if (const double a = two_ion_cycle_affinity(*sys.environments); a > 1e-9)
      log::warn("{}: the site energies are not differences of one energy function: two ions hopping out and back in "
                "turn gain {:.3f} eV; the KMC has no equilibrium state (ions circulate), so D_J and sigma grow with the "
                "run length (doc/theory/kmc.md §10)",
                std::get<LocalClusterSpec>(sys.model).source, a);
    if (composition.placement == "boltzmann")
      fail("composition.placement = \"boltzmann\" needs site energies; a local cluster expansion has none per site: "
           "use \"random\" and equilibrate");
  }
  // A dopant shift for a species that is neither in the structure nor a [composition] dopant would
  // never apply: most likely a misspelt element.
  if (const auto* lg = std::get_if<LatticeGasSpec>(&sys.model); lg && !sys.crystal.sites.empty())
    for (const auto& d : lg->dopant_shifts) {
      bool known = false;
      for (const auto& s : sys.crystal.sites) known = known || s.find(d.species) != nullptr;
      for (const auto& dp : composition.dopants) known = known || dp.dopant == d.species;
      if (!known)
        fail("{}: dopant_shift for '{}', which is neither in the structure nor a [composition] dopant (the shift "
             "would never apply)",
             lg->source.empty() ? std::string("model") : lg->source, d.species);
    }
  sys.n_ions = count_mobile_ions(sys.crystal, sys.network, composition);
  if (sys.n_ions == 0) fail("composition: no mobile ions in the supercell; nothing to simulate");
}

}  // namespace

LatticeGasSpec lattice_gas_form(const KmcSystem& sys) {
  if (const auto* lce = std::get_if<LocalClusterSpec>(&sys.model)) return hop_skeleton(*lce, sys.network);
  return std::get<LatticeGasSpec>(sys.model);
}

KmcSystem build_kmc_system(const Crystal& unit, const SiteNetwork& unit_net, std::array<int, 3> supercell,
                           const CompositionSpec& composition, const ModelSpec& model) {
  KmcSystem sys;
  sys.network = make_supercell_network(unit_net, supercell);
  sys.crystal = make_supercell(unit, supercell);
  if (const auto* lce = std::get_if<LocalClusterSpec>(&model))
    sys.environments = std::make_shared<LocalEnvironments>(build_local_environments(*lce, unit, unit_net, sys.network, supercell));
  finish(sys, composition, model);
  return sys;
}

KmcSystem build_kmc_system(const SiteNetwork& supercell_net, const CompositionSpec& composition,
                           const ModelSpec& model) {
  KmcSystem sys;
  sys.network = supercell_net;
  sys.crystal.lattice = supercell_net.lattice;
  finish(sys, composition, model);
  return sys;
}

}  // namespace ionhop
