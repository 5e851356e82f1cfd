#pragma once
// Memory a run will need, estimated from its sizes before anything large is allocated, printed,
// and compared with what the machine has (MemAvailable of /proc/meminfo) or with --max-memory:
// a run that cannot fit stops at once with the figure, instead of failing in an allocation later.
// The per-item byte counts are upper estimates of the data structures (doc/user-guide.md §4c).
#include <array>
#include <string>

namespace ionhop::app {

// KMC: the supercell (sites, hop and update tables, framework atoms) held once per rank, and each
// replica's state (occupancy, displacements, sum tree, model state, samples) per replica.
double kmc_memory_bytes(long unit_sites, long unit_atoms, const std::array<int, 3>& supercell, int replicas_per_rank,
                        int samples);
// MD: per atom the state, forces and neighbour list (pairs within cutoff + skin at density
// atoms / volume), plus the HDF5 trajectory frames and MSD samples kept in memory.
double md_memory_bytes(double atoms, double volume_A3, double cutoff_plus_skin, double mobile_ions, double samples,
                       double h5_frames);
// BVSE: the energy grid and its work arrays.
double bvse_memory_bytes(double volume_A3, double spacing);

double available_memory_bytes();  // MemAvailable, or 0 when unknown
// Throws Error "<what>: needs about X GB, more than ... available" when need > limit, where the
// limit is max_gb (> 0) or the available memory; prints the estimate (info) when `talk`.
void check_memory(double need_bytes, const std::string& what, double max_gb, bool talk);

}  // namespace ionhop::app
