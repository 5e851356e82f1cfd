#include "engine/parallel/mpi.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <thread>

#include "engine/core/error.hpp"
#include "engine/parallel/mpi_handle.hpp"

namespace ionhop::mpi {

namespace {
const Comm::Handle* job_scope = nullptr;  // set by a JobScope
}  // namespace

MPI_Comm job() { return job_scope ? job_scope->comm : MPI_COMM_WORLD; }

JobScope::JobScope(const Comm& group) {
  if (job_scope) fail("mpi::JobScope: scopes do not nest");
  job_scope = group.handle();  // nullptr (the world) is allowed: then nothing changes
}

JobScope::~JobScope() { job_scope = nullptr; }

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) fail("MPI error {} in {}", rc, what);
}

Comm adopt(MPI_Comm c) {
  return Comm(std::shared_ptr<Comm::Handle>(new Comm::Handle{c}, [](Comm::Handle* p) {
    if (active()) MPI_Comm_free(&p->comm);
    delete p;
  }));
}

namespace {

template <typename T>
std::vector<T> gatherv(const std::vector<T>& local, MPI_Datatype type, bool all, const Comm& comm,
                       std::vector<int>* counts_out = nullptr) {
  if (!active()) {
    if (counts_out) *counts_out = {static_cast<int>(local.size())};
    return local;
  }
  const int n = comm.size();
  const MPI_Comm c = raw(comm);
  int count = static_cast<int>(local.size());
  std::vector<int> counts(n), displs(n);
  check(MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, c), "MPI_Allgather");
  int total = 0;
  for (int i = 0; i < n; ++i) displs[i] = total, total += counts[i];
  const bool receives = all || comm.rank() == 0;
  std::vector<T> out(receives ? total : 0);
  // MPI wants a valid pointer even for empty buffers.
  T dummy{};
  const T* send = local.empty() ? &dummy : local.data();
  T* recv = out.empty() ? &dummy : out.data();
  if (all)
    check(MPI_Allgatherv(send, count, type, recv, counts.data(), displs.data(), type, c), "MPI_Allgatherv");
  else
    check(MPI_Gatherv(send, count, type, recv, counts.data(), displs.data(), type, 0, c), "MPI_Gatherv");
  if (counts_out) *counts_out = std::move(counts);
  return out;
}

template <typename T>
void send_vector(const std::vector<T>& data, MPI_Datatype type, int dest, int tag) {
  if (!active()) fail("mpi::send without MPI");
  T dummy{};
  check(MPI_Send(data.empty() ? &dummy : data.data(), static_cast<int>(data.size()), type, dest, tag, job()),
        "MPI_Send");
}

template <typename T>
std::vector<T> recv_vector(MPI_Datatype type, int source, int tag) {
  if (!active()) fail("mpi::recv without MPI");
  MPI_Status status;
  check(MPI_Probe(source, tag, job(), &status), "MPI_Probe");
  int count = 0;
  check(MPI_Get_count(&status, type, &count), "MPI_Get_count");
  std::vector<T> out(count);
  T dummy{};
  check(MPI_Recv(out.empty() ? &dummy : out.data(), count, type, source, tag, job(), MPI_STATUS_IGNORE),
        "MPI_Recv");
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
  if (owns_ && active() && std::uncaught_exceptions() == 0) MPI_Finalize();
}

void end_with_error(const std::string& message, int code) {
  if (!active() || size() == 1) {
    std::fprintf(stderr, "%s\n", message.c_str());
    std::fflush(stderr);
    if (active()) MPI_Finalize();
    return;
  }
  const int r = rank();
  if (r != 0) std::this_thread::sleep_for(std::chrono::seconds(2));
  if (r == 0) std::fprintf(stderr, "%s\n", message.c_str());
  else std::fprintf(stderr, "%s (MPI rank %d)\n", message.c_str(), r);
  std::fflush(stderr);
  std::fflush(stdout);
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);  // MPI_Abort does not return; in case an MPI does
}

bool active() {
  int initialized = 0, finalized = 0;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  return initialized && !finalized;
}

int Comm::rank() const {
  if (!active()) return 0;
  int r = 0;
  MPI_Comm_rank(raw(*this), &r);
  return r;
}

int Comm::size() const {
  if (!active()) return 1;
  int s = 1;
  MPI_Comm_size(raw(*this), &s);
  return s;
}

Comm Comm::split(int colour) const {
  Comm out;
  if (!active()) return out;
  MPI_Comm c;
  check(MPI_Comm_split(raw(*this), colour, rank(), &c), "MPI_Comm_split");
  return adopt(c);
}

int rank() { return Comm().rank(); }

int ranks_on_node() {
  if (!active()) return 1;
  MPI_Comm node;
  check(MPI_Comm_split_type(job(), MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node), "MPI_Comm_split_type");
  int n = 1;
  MPI_Comm_size(node, &n);
  MPI_Comm_free(&node);
  return n;
}
int size() { return Comm().size(); }

Block split(int n, int rank, int size) {
  if (n < 0 || size < 1 || rank < 0 || rank >= size) fail("mpi::split({}, {}, {}): bad arguments", n, rank, size);
  const int base = n / size, extra = n % size;
  Block b;
  b.count = base + (rank < extra ? 1 : 0);
  b.first = rank * base + (rank < extra ? rank : extra);
  return b;
}

std::vector<double> allgather(const std::vector<double>& local, const Comm& comm) {
  return gatherv(local, MPI_DOUBLE, true, comm);
}
std::vector<double> gather(const std::vector<double>& local, const Comm& comm) {
  return gatherv(local, MPI_DOUBLE, false, comm);
}
std::vector<std::int64_t> gather(const std::vector<std::int64_t>& local, const Comm& comm) {
  return gatherv(local, MPI_INT64_T, false, comm);
}

std::vector<std::uint8_t> gather(const std::vector<std::uint8_t>& local, const Comm& comm) {
  return gatherv(local, MPI_UINT8_T, false, comm);
}

std::vector<double> gather(const std::vector<double>& local, std::vector<int>& counts, const Comm& comm) {
  return gatherv(local, MPI_DOUBLE, false, comm, &counts);
}

std::vector<double> scatter(const std::vector<double>& all, const std::vector<int>& counts, const Comm& comm) {
  if (!active()) return all;
  const int n = comm.size();
  const bool root = comm.rank() == 0;
  std::vector<int> displs(root ? n : 0);
  if (root) {
    if (static_cast<int>(counts.size()) != n) fail("mpi::scatter: {} counts for {} ranks", counts.size(), n);
    long total = 0;
    for (int r = 0; r < n; ++r) displs[r] = static_cast<int>(total), total += counts[r];
    if (total != static_cast<long>(all.size())) fail("mpi::scatter: counts add up to {}, not {}", total, all.size());
  }
  int mine = 0;
  check(MPI_Scatter(root ? counts.data() : nullptr, 1, MPI_INT, &mine, 1, MPI_INT, 0, raw(comm)), "MPI_Scatter");
  std::vector<double> out(mine);
  double dummy = 0;  // MPI wants a valid pointer even for empty buffers
  check(MPI_Scatterv(root && !all.empty() ? all.data() : &dummy, root ? counts.data() : nullptr,
                     root ? displs.data() : nullptr, MPI_DOUBLE, out.empty() ? &dummy : out.data(), mine, MPI_DOUBLE, 0,
                     raw(comm)),
        "MPI_Scatterv");
  return out;
}

std::vector<double> sum_in_rank_order(const std::vector<double>& local, const Comm& comm) {
  if (!active() || comm.size() == 1) return local;
  const std::vector<double> all = allgather(local, comm);
  if (all.size() != local.size() * static_cast<size_t>(comm.size()))
    fail("mpi::sum_in_rank_order: ranks gave vectors of different lengths");
  std::vector<double> out(local.size(), 0.0);
  for (int r = 0; r < comm.size(); ++r)
    for (size_t k = 0; k < out.size(); ++k) out[k] += all[r * out.size() + k];
  return out;
}

void sum_in_place(std::vector<double>& values, const Comm& comm) {
  if (!active() || comm.size() == 1 || values.empty()) return;
  check(MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM, raw(comm)),
        "MPI_Allreduce");
}

std::vector<int> max_over_ranks(const std::vector<int>& values, const Comm& comm) {
  if (!active() || values.empty()) return values;
  std::vector<int> out(values.size());
  check(MPI_Allreduce(values.data(), out.data(), static_cast<int>(values.size()), MPI_INT, MPI_MAX, raw(comm)),
        "MPI_Allreduce");
  return out;
}

int min_over_ranks(int value, const Comm& comm) {
  if (!active()) return value;
  int out = value;
  check(MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MIN, raw(comm)), "MPI_Allreduce");
  return out;
}

bool any_over_ranks(bool value, const Comm& comm) {
  if (!active()) return value;
  int v = value ? 1 : 0, out = 0;
  check(MPI_Allreduce(&v, &out, 1, MPI_INT, MPI_MAX, raw(comm)), "MPI_Allreduce");
  return out != 0;
}

void barrier(const Comm& comm) {
  if (active()) MPI_Barrier(raw(comm));
}

void send(const std::vector<double>& data, int dest, int tag) { send_vector(data, MPI_DOUBLE, dest, tag); }
void send(const std::vector<std::int64_t>& data, int dest, int tag) { send_vector(data, MPI_INT64_T, dest, tag); }
void send(const std::vector<std::uint8_t>& data, int dest, int tag) { send_vector(data, MPI_UINT8_T, dest, tag); }
std::vector<std::uint8_t> recv_bytes(int source, int tag) { return recv_vector<std::uint8_t>(MPI_UINT8_T, source, tag); }
std::vector<double> recv_doubles(int source, int tag) { return recv_vector<double>(MPI_DOUBLE, source, tag); }
std::vector<std::int64_t> recv_int64s(int source, int tag) { return recv_vector<std::int64_t>(MPI_INT64_T, source, tag); }

}  // namespace ionhop::mpi
