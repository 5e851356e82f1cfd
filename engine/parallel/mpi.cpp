#include "engine/parallel/mpi.hpp"

#include <mpi.h>

#include "engine/core/error.hpp"

namespace ionhop::mpi {

namespace {
void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) fail("MPI error {} in {}", rc, what);
}

template <typename T>
std::vector<T> gatherv(const std::vector<T>& local, MPI_Datatype type, bool all) {
  if (!active()) return local;
  const int n = size();
  int count = static_cast<int>(local.size());
  std::vector<int> counts(n), displs(n);
  check(MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD), "MPI_Allgather");
  int total = 0;
  for (int i = 0; i < n; ++i) displs[i] = total, total += counts[i];
  const bool receives = all || rank() == 0;
  std::vector<T> out(receives ? total : 0);
  // MPI wants a valid pointer even for empty buffers.
  T dummy{};
  const T* send = local.empty() ? &dummy : local.data();
  T* recv = out.empty() ? &dummy : out.data();
  if (all)
    check(MPI_Allgatherv(send, count, type, recv, counts.data(), displs.data(), type, MPI_COMM_WORLD),
          "MPI_Allgatherv");
  else
    check(MPI_Gatherv(send, count, type, recv, counts.data(), displs.data(), type, 0, MPI_COMM_WORLD),
          "MPI_Gatherv");
  return out;
}
}  // namespace

Guard::Guard(int* argc, char*** argv) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) {
    check(MPI_Init(argc, argv), "MPI_Init");
    owns_ = true;
  }
}

Guard::~Guard() {
  if (owns_ && active()) MPI_Finalize();
}

bool active() {
  int initialized = 0, finalized = 0;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  return initialized && !finalized;
}

int rank() {
  if (!active()) return 0;
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int size() {
  if (!active()) return 1;
  int s = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &s);
  return s;
}

Block split(int n, int rank, int size) {
  if (n < 0 || size < 1 || rank < 0 || rank >= size) fail("mpi::split({}, {}, {}): bad arguments", n, rank, size);
  const int base = n / size, extra = n % size;
  Block b;
  b.count = base + (rank < extra ? 1 : 0);
  b.first = rank * base + (rank < extra ? rank : extra);
  return b;
}

std::vector<double> allgather(const std::vector<double>& local) { return gatherv(local, MPI_DOUBLE, true); }
std::vector<double> gather(const std::vector<double>& local) { return gatherv(local, MPI_DOUBLE, false); }
std::vector<std::int64_t> gather(const std::vector<std::int64_t>& local) {
  return gatherv(local, MPI_INT64_T, false);
}

int min_over_ranks(int value) {
  if (!active()) return value;
  int out = value;
  check(MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD), "MPI_Allreduce");
  return out;
}

bool any_over_ranks(bool value) {
  if (!active()) return value;
  int v = value ? 1 : 0, out = 0;
  check(MPI_Allreduce(&v, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
  return out != 0;
}

void barrier() {
  if (active()) MPI_Barrier(MPI_COMM_WORLD);
}

}  // namespace ionhop::mpi
