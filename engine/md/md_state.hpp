#pragma once
// Saving and restoring the state of an MD run for checkpoints (engine/app/md_checkpoint.cpp): the
// system's per-atom arrays here; the integrator, neighbour list, sampler and hop detection save
// their own state with their save()/restore() members. Restored state continues the run bit for
// bit: the forces are saved (velocity Verlet starts from them) and the neighbour list is rebuilt
// from the positions of its last build, so pairs come in the same order.
#include "engine/core/state_arrays.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

void save_system(StateArrays& a, const MdSystem& s);     // "system/x", "system/v", "system/f", "system/image"
void restore_system(const StateArrays& a, MdSystem& s);  // same atom count required

// A (n, 3) View as 3n values and back (host copies).
std::vector<double> to_vector(const Kokkos::View<double* [3], MemSpace>& v);
void from_vector(const std::vector<double>& h, const Kokkos::View<double* [3], MemSpace>& v);

}  // namespace ionhop::md
