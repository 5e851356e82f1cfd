#include "engine/parallel/distributor.hpp"

#include <climits>
#include <cstring>

#include "engine/core/error.hpp"
#include "engine/parallel/mpi_handle.hpp"

namespace ionhop::parallel {

namespace {
std::vector<int> as_counts(const std::vector<std::size_t>& bytes, std::vector<int>& displs) {
  std::vector<int> c(bytes.size());
  std::size_t total = 0;
  displs.resize(bytes.size());
  for (std::size_t r = 0; r < bytes.size(); ++r) {
    if (total + bytes[r] > static_cast<std::size_t>(INT_MAX)) fail("migration: more than 2 GiB from one rank");
    displs[r] = static_cast<int>(total);
    c[r] = static_cast<int>(bytes[r]);
    total += bytes[r];
  }
  return c;
}
}  // namespace

void alltoallv_bytes(const mpi::Comm& comm, const void* send, const std::vector<std::size_t>& send_bytes, void* recv,
                     const std::vector<std::size_t>& recv_bytes) {
  if (!mpi::active() || comm.size() == 1) {
    if (send_bytes.at(0) != recv_bytes.at(0)) fail("migration with itself: {} bytes sent, {} expected", send_bytes[0], recv_bytes[0]);
    if (send_bytes[0]) std::memcpy(recv, send, send_bytes[0]);
    return;
  }
  std::vector<int> sd, rd;
  const std::vector<int> sc = as_counts(send_bytes, sd), rc = as_counts(recv_bytes, rd);
  char dummy_s = 0, dummy_r = 0;
  mpi::check(MPI_Alltoallv(send ? send : &dummy_s, sc.data(), sd.data(), MPI_BYTE, recv ? recv : &dummy_r, rc.data(),
                           rd.data(), MPI_BYTE, mpi::raw(comm)),
             "MPI_Alltoallv");
}

std::vector<int> alltoall_counts(const mpi::Comm& comm, const std::vector<int>& send_counts) {
  if (!mpi::active() || comm.size() == 1) return send_counts;
  std::vector<int> out(send_counts.size());
  mpi::check(MPI_Alltoall(send_counts.data(), 1, MPI_INT, out.data(), 1, MPI_INT, mpi::raw(comm)), "MPI_Alltoall");
  return out;
}

}  // namespace ionhop::parallel
