#pragma once
// Initial placement under hard exclusion (model key exclusion_distance, doc/theory/kmc.md §1): the
// decoration places ions without knowing the model; this moves ions until no two occupy sites that
// exclude each other. Min-conflicts search: repeatedly take an ion with an excluding neighbour and
// move it to a random free site that no ion excludes (the best of a few draws if none is found),
// reproducible from (seed, replica). It only sets the start of equilibration.
#include <cstdint>
#include <string>
#include <vector>

namespace ionhop {

// occ: per site 1 = ion; blk_offset/blk_index: CSR lists of the sites each site excludes (symmetric).
// Throws ionhop::Error naming `what` (the model file and its distance) if no such placement is found.
// `closed` (per site, nonzero: held by a dopant) sites are never moved to.
void resolve_exclusion(std::vector<std::uint8_t>& occ, const std::vector<int>& blk_offset,
                       const std::vector<int>& blk_index, std::uint64_t seed, std::uint64_t replica,
                       const std::string& what, const std::vector<std::uint8_t>* closed = nullptr);

}  // namespace ionhop
