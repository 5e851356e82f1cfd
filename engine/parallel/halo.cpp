#include "engine/parallel/halo.hpp"

#include <climits>
#include <cstring>

#include "engine/core/error.hpp"
#include "engine/parallel/mpi_handle.hpp"

namespace ionhop::parallel {

namespace {
int as_count(std::size_t bytes) {
  if (bytes > static_cast<std::size_t>(INT_MAX)) fail("halo exchange: {} bytes in one message (more than 2 GiB)", bytes);
  return static_cast<int>(bytes);
}
}  // namespace

void sendrecv_bytes(const mpi::Comm& comm, const void* send, std::size_t send_bytes, int to, void* recv,
                    std::size_t recv_bytes, int from) {
  const int me = comm.rank();
  if (to == me && from == me) {
    if (send_bytes != recv_bytes) fail("halo exchange with itself: {} bytes sent, {} expected", send_bytes, recv_bytes);
    if (send_bytes) std::memcpy(recv, send, send_bytes);
    return;
  }
  char dummy_s = 0, dummy_r = 0;  // MPI wants valid pointers for empty buffers
  mpi::check(MPI_Sendrecv(send_bytes ? send : &dummy_s, as_count(send_bytes), MPI_BYTE, to, 7101,
                          recv_bytes ? recv : &dummy_r, as_count(recv_bytes), MPI_BYTE, from, 7101, mpi::raw(comm),
                          MPI_STATUS_IGNORE),
             "MPI_Sendrecv");
}

int sendrecv_count(const mpi::Comm& comm, int send_count, int to, int from) {
  int recv_count = 0;
  sendrecv_bytes(comm, &send_count, sizeof(int), to, &recv_count, sizeof(int), from);
  return recv_count;
}

}  // namespace ionhop::parallel
