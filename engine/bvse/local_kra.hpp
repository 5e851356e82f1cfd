#pragma once
// Local KRA barriers for KMC from BVSE (doc/theory/bvse.md §6): per replica and directed hop of a
// decorated supercell, the deviation of the BVSE KRA barrier from its hop-class mean, fed to the
// lattice-gas model as KmcSystem::hop_kra_correction (engine/kmc/kmc_system.hpp).
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/bvse/replicas.hpp"

namespace ionhop::bvse {

// δ(h) = scale · (KRA(h) − ⟨KRA⟩_class(h)), KRA(h) = saddle − (E_from + E_to)/2 of `replica`
// (energies of the supercell network `sup`), mean over the class's directed hops of this replica.
// δ(i→j) = δ(j→i) exactly (the pair's mean is taken). eV per directed hop. Hops touching a site
// held by a dopant (`site_dopant` nonzero; KMC never makes them) get δ = 0 and stay out of the means.
std::vector<double> local_kra_corrections(const SiteNetwork& sup, const SiteHopResult& replica, double scale,
                                          const std::vector<std::uint8_t>& site_dopant = {});

struct LocalKraOptions {
  double scale = 1;            // calibration scale of the model (bvse --calibrate); 1 = uncalibrated
  std::string parameters;      // softBV parameter file, "" = shipped potentials/bvse_parameters.toml
  FieldOptions field;          // mobile species (set from the network), cutoff, charge scaling
  PathOptions path;
};

// Unit-cell BVSE site/hop energies once, then for replica `replica` of a run with `seed` the
// decorated supercell n (decorate(make_supercell(unit, n), ..., seed, replica): the framework
// draws of the KMC replica) re-evaluated and turned into local_kra_corrections.
std::function<std::vector<double>(std::uint64_t seed, std::uint64_t replica)> bvse_local_kra(
    const Crystal& unit, const SiteNetwork& unit_net, std::array<int, 3> n, const CompositionSpec& spec,
    const LocalKraOptions& opt);

}  // namespace ionhop::bvse
