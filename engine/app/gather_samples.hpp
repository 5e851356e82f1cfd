#pragma once
// Collect the KMC samples of every rank's replica block on rank 0, in global replica order, so
// that the analysis sees the same numbers (bitwise) whatever the rank count.
#include "engine/kmc/kmc_samples.hpp"

namespace ionhop::app {

// Collective. Rank 0 gets all replicas; other ranks get an empty KmcSamples (n_replicas = 0).
// If a rank stopped early (SIGINT), every rank's series is cut to the shortest and the result is
// marked partial. Blocks must be contiguous and in rank order (mpi::split).
KmcSamples gather_samples(const KmcSamples& local);

}  // namespace ionhop::app
