#pragma once
// Which directed hops of a supercell network pass next to a dopant (doc/theory/transport.md §10):
// hop i→j is "near" when its midpoint r_i + v/2 lies within a radius of a dopant atom (minimum
// image). Fed to KMC as KmcSystem::hop_near_dopant, which counts executed hops near / far.
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/composition/composition.hpp"

namespace ionhop {

constexpr double kDefaultDopantRadius = 4.0;  // Å, the same as `ionhop bvse --dopant-radius`

// Per directed hop of `net` (the network of `supercell`, same lattice): 1 if the hop's midpoint is
// within `radius` Å of one of `atoms` (indices into supercell.atoms), else 0.
std::vector<std::uint8_t> hops_near_atoms(const Crystal& supercell, const SiteNetwork& net, const std::vector<int>& atoms,
                                          double radius);

// The per-replica flags: dopant atoms are the atoms whose element in decorate(supercell, net, spec,
// seed, replica) (the KMC replica's framework draws) is the `dopant` of one of spec.dopants.
// Throws Error unless radius > 0.
std::function<std::vector<std::uint8_t>(std::uint64_t seed, std::uint64_t replica)> hop_near_dopant_flags(
    const Crystal& supercell, const SiteNetwork& net, const CompositionSpec& spec, double radius = kDefaultDopantRadius);

}  // namespace ionhop
