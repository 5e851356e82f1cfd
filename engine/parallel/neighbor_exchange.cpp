#include "engine/parallel/neighbor_exchange.hpp"

#include <algorithm>
#include <climits>

#include "engine/core/error.hpp"
#include "engine/parallel/mpi_handle.hpp"

namespace ionhop::parallel {

NeighborExchange::NeighborExchange(const mpi::Comm& comm, std::vector<int> neighbors)
    : comm_(comm), neighbors_(std::move(neighbors)) {
  std::sort(neighbors_.begin(), neighbors_.end());
  neighbors_.erase(std::unique(neighbors_.begin(), neighbors_.end()), neighbors_.end());
  for (int r : neighbors_)
    if (r == comm.rank() || r < 0 || r >= comm.size()) fail("neighbour exchange: rank {} is not a neighbour of rank {}", r, comm.rank());
}

std::vector<double> NeighborExchange::exchange(const std::vector<std::vector<double>>& send, int width) const {
  const std::size_t n = neighbors_.size();
  if (send.size() != n) fail("neighbour exchange: {} send buffers for {} neighbours", send.size(), n);
  if (n == 0) return {};
  // One message per neighbour and direction, empty ones included; the receiver learns the length
  // from MPI_Probe (one latency per exchange, not two as with counts sent first).
  constexpr int kTag = 7201;
  const MPI_Comm c = mpi::raw(comm_);
  std::vector<MPI_Request> req(n);
  static const double empty = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (send[k].size() % static_cast<std::size_t>(width) != 0 || send[k].size() > static_cast<std::size_t>(INT_MAX))
      fail("neighbour exchange: a buffer of {} doubles is not a whole number of rows of {} (or too long)", send[k].size(), width);
    mpi::check(MPI_Isend(send[k].empty() ? &empty : send[k].data(), static_cast<int>(send[k].size()), MPI_DOUBLE,
                         neighbors_[k], kTag, c, &req[k]),
               "MPI_Isend");
  }
  std::vector<double> recv;
  for (std::size_t k = 0; k < n; ++k) {  // in neighbour order: the result does not depend on arrival order
    MPI_Status status;
    mpi::check(MPI_Probe(neighbors_[k], kTag, c, &status), "MPI_Probe");
    int count = 0;
    mpi::check(MPI_Get_count(&status, MPI_DOUBLE, &count), "MPI_Get_count");
    const std::size_t at = recv.size();
    recv.resize(at + static_cast<std::size_t>(count));
    double sink = 0;
    mpi::check(MPI_Recv(count ? recv.data() + at : &sink, count, MPI_DOUBLE, neighbors_[k], kTag, c, MPI_STATUS_IGNORE),
               "MPI_Recv");
  }
  mpi::check(MPI_Waitall(static_cast<int>(n), req.data(), MPI_STATUSES_IGNORE), "MPI_Waitall");
  return recv;
}

}  // namespace ionhop::parallel
