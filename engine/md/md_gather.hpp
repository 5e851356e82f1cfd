#pragma once
// Whole-system copies on rank 0 of a domain-decomposed MD run (md_domain.hpp), by global atom id:
// what the outputs, the transport and hop analysis and the checkpoints read. Every rank calls
// (collective over the domain's ranks); only rank 0's `whole` changes. The copy on rank 0 costs
// one message per rank at each sampling, hop-detection, trajectory or checkpoint step.
#include "engine/md/md_system.hpp"

namespace ionhop::md {

// Unwrapped positions x + image·h of the owned atoms (all, or those of type `type` >= 0) into the
// rows of `whole` named by their ids, with image 0 there (so unwrapped positions of `whole` read the
// same values).
void gather_unwrapped(const MdSystem& part, MdSystem& whole, int type = -1);
// Positions (wrapped), velocities, forces and image counters into the rows named by the ids.
void gather_state(const MdSystem& part, MdSystem& whole);

}  // namespace ionhop::md
