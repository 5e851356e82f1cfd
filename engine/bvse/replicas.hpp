#pragma once
// BVSE site/hop energies per replica of a decorated supercell: each replica's decoration comes from
// decorate(supercell, network, spec, seed, replica) (engine/composition), so replica r gets the same
// energies whichever batch computes it.
#include <array>
#include <cstdint>
#include <vector>

#include "engine/bvse/site_hop.hpp"

namespace ionhop::bvse {

struct ReplicaEnergies {
  std::uint64_t replica = 0;
  int n_ions = 0;
  double s_q = 1;
  SiteHopResult energies;  // per supercell site / directed hop (frozen unit-cell paths)
  std::vector<std::uint8_t> site_dopant;  // the decoration's dopants on mobile sites (empty: none)
};

// Supercell n of `unit` (network `unit_net`, unit-cell energies `unit_sh` from compute_site_hop).
std::vector<ReplicaEnergies> replica_site_hop(const Crystal& unit, const SiteNetwork& unit_net, const SiteHopResult& unit_sh,
                                              std::array<int, 3> n, const CompositionSpec& spec, std::uint64_t seed,
                                              std::uint64_t first_replica, int count, const Parameters& params,
                                              const FieldOptions& fo, const PathOptions& opt = {});

}  // namespace ionhop::bvse
