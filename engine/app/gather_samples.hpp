#pragma once
// Moving KMC samples between MPI ranks: the gather of every rank's replica block to the first rank
// of a group, in global replica order (so the analysis sees the same numbers, bitwise, whatever
// the rank count), and the hand-over of a temperature's gathered samples to world rank 0.
#include <vector>

#include "engine/kmc/kmc_samples.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

// Collective over `comm`. Its rank 0 gets all replicas; other ranks get an empty KmcSamples
// (n_replicas = 0). If a rank stopped early (SIGINT), every rank's series is cut to the shortest
// and the result is marked partial. Blocks must be contiguous and in rank order (mpi::split).
KmcSamples gather_samples(const KmcSamples& local, const mpi::Comm& comm = mpi::Comm());

// One temperature's results as a group leader hands them to world rank 0.
struct TemperatureBatch {
  int index = 0;                // position in the input's temperature list
  KmcSamples samples;           // all replicas
  std::vector<double> rates;    // equilibration event rate per ion of every replica, 1/s
  double wall_seconds = 0;
};
void send_batch(const TemperatureBatch& batch, int dest, int tag);  // blocking, MPI_COMM_WORLD
TemperatureBatch recv_batch(int source, int tag);

}  // namespace ionhop::app
