#pragma once
// Whole-system copies on rank 0 of a domain-decomposed MD run (md_domain.hpp), by global atom id:
// what the trajectory files and the checkpoints read (transport and hops are analysed where the
// ions are: mobile_sampler.hpp, hop_tracker.hpp). Every rank calls (collective over the domain's
// ranks); only rank 0's `whole` changes. One message per rank at each trajectory frame or checkpoint.
#include "engine/md/md_system.hpp"

namespace ionhop::md {

// Unwrapped positions x + image·h of the owned atoms into the rows of `whole` named by their ids,
// with image 0 there (so unwrapped positions of `whole` read the same values).
void gather_unwrapped(const MdSystem& part, MdSystem& whole);
// Positions (wrapped), velocities, forces and image counters into the rows named by the ids.
void gather_state(const MdSystem& part, MdSystem& whole);

}  // namespace ionhop::md
