#pragma once
// The MPI_Comm behind an mpi::Comm, for the files of engine/parallel that call MPI directly
// (rank grid, halo, distributor). Everything outside engine/parallel uses mpi.hpp only.
#include <mpi.h>

#include "engine/parallel/mpi.hpp"

namespace ionhop::mpi {

struct Comm::Handle {
  MPI_Comm comm;
};

MPI_Comm job();  // MPI_COMM_WORLD, or the communicator of the JobScope in force
inline MPI_Comm raw(const Comm& c) { return c.handle() ? c.handle()->comm : job(); }

// Throws ionhop::Error naming the call when rc is not MPI_SUCCESS.
void check(int rc, const char* what);

// A Comm that owns `c` (freed with the last copy).
Comm adopt(MPI_Comm c);

}  // namespace ionhop::mpi
