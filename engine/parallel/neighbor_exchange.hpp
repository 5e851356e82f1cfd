#pragma once
// Rows of doubles exchanged with a fixed set of neighbour ranks (MPI_Isend, MPI_Probe + MPI_Recv):
// for exchanges whose partners are known when the decomposition is built and whose sizes
// change every time (the KMC domain's changed ghost sites, engine/kmc/domain_ensemble.cpp). The
// cost per exchange is one message each way per neighbour (empty ones too), independent of the total rank count (an
// all-to-all would grow with it). Without MPI, or with no neighbours, nothing is sent.
#include <vector>

#include "engine/parallel/mpi.hpp"

namespace ionhop::parallel {

class NeighborExchange {
 public:
  // neighbors: distinct ranks of `comm` other than this one; both sides must list each other.
  NeighborExchange(const mpi::Comm& comm, std::vector<int> neighbors);
  const std::vector<int>& neighbors() const { return neighbors_; }
  // send[k]: rows (width doubles each, flattened) for neighbors()[k]. Returns the rows received,
  // neighbour by neighbour in the order of neighbors(). Collective over the neighbours.
  std::vector<double> exchange(const std::vector<std::vector<double>>& send, int width) const;

 private:
  mpi::Comm comm_;
  std::vector<int> neighbors_;
};

}  // namespace ionhop::parallel
