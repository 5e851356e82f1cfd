#pragma once
// Thin MPI layer (ARCHITECTURE.md §4): replicas are split over ranks in contiguous blocks, so that
// concatenating per-rank data in rank order gives global replica order, and results are the same
// bitwise for any rank count. Every function also works when MPI was never initialised (one rank).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ionhop::mpi {

// Initialises MPI if nobody has yet, and finalises it on destruction only if it initialised it:
// usable from main(), from a subcommand, and from tests. While an exception unwinds the stack it
// does not finalise (MPI_Finalize waits for every rank, and the others may never come): the error
// handler of main() ends the job with end_with_error().
class Guard {
 public:
  Guard(int* argc = nullptr, char*** argv = nullptr);
  ~Guard();
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;

 private:
  bool owns_ = false;
};

bool active();  // MPI initialised and not finalised

// The end of a process after an error: print `message` to stderr once for the job and exit with
// `code`. Without MPI or with one rank: print, finalise, return (the caller returns the code).
// With several ranks: rank 0 prints at once; another rank waits 2 s first (if every rank hit the
// same error, rank 0's abort ends the job before the copies are printed), then prints with its
// rank; then MPI_Abort(code) ends every rank of the job, so no rank waits forever.
void end_with_error(const std::string& message, int code);

// A communicator: the default is the job (MPI_COMM_WORLD outside a JobScope); split() makes sub-groups (freed with the last copy,
// which must happen before MPI is finalised).
class Comm {
 public:
  Comm() = default;
  int rank() const;  // 0 when MPI is not active
  int size() const;  // 1 when MPI is not active
  // Ranks with the same colour form one new communicator, ordered by their rank here.
  Comm split(int colour) const;

  struct Handle;  // the MPI_Comm (kept out of this header: no <mpi.h> for every includer)
  explicit Comm(std::shared_ptr<Handle> owned) : owned_(std::move(owned)) {}  // mpi::adopt()
  const Handle* handle() const { return owned_.get(); }  // nullptr = the job

 private:
  std::shared_ptr<Handle> owned_;
};

// The job: the ranks that Comm(), rank(), size(), ranks_on_node() and send/recv mean. It is
// MPI_COMM_WORLD, or within a JobScope a sub-communicator, so that a driver written for the whole
// job (ionhop run) can run unchanged on a group of ranks (ionhop screen: one composition per group).
class JobScope {
 public:
  explicit JobScope(const Comm& group);  // `group` must outlive the scope; scopes do not nest
  ~JobScope();
  JobScope(const JobScope&) = delete;
  JobScope& operator=(const JobScope&) = delete;
};

int rank();  // in the job; 0 when not active
int ranks_on_node();  // ranks of the job sharing this node's memory (1 when not active); collective
int size();  // 1 when not active

// Contiguous block of `n` items for `rank` of `size`: the first n % size ranks get one more.
struct Block {
  int first = 0;
  int count = 0;
};
Block split(int n, int rank, int size);

// Concatenation of every rank's vector in rank order, on all ranks / on rank 0 only (other
// ranks get an empty vector).
std::vector<double> allgather(const std::vector<double>& local, const Comm& comm = Comm());
std::vector<double> gather(const std::vector<double>& local, const Comm& comm = Comm());
std::vector<std::int64_t> gather(const std::vector<std::int64_t>& local, const Comm& comm = Comm());
std::vector<std::uint8_t> gather(const std::vector<std::uint8_t>& local, const Comm& comm = Comm());
// The same, with each rank's count on rank 0 in `counts`: what scatter() needs to send replies back.
std::vector<double> gather(const std::vector<double>& local, std::vector<int>& counts, const Comm& comm = Comm());
// Rank 0's `all` cut into consecutive pieces of counts[r] values for rank r (MPI_Scatterv): this
// rank's piece. `all` and `counts` are read on rank 0 only.
std::vector<double> scatter(const std::vector<double>& all, const std::vector<int>& counts, const Comm& comm = Comm());

// Element-wise sum over the ranks, added in rank order on every rank (allgather): the same bits on
// every rank and in every run with this rank count (MPI_Allreduce promises neither).
std::vector<double> sum_in_rank_order(const std::vector<double>& local, const Comm& comm = Comm());
// Element-wise sum over the ranks in place (MPI_Allreduce): one message round, for long vectors
// whose ranks need not agree bit for bit (the order of the sum is MPI's, fixed for a rank count).
void sum_in_place(std::vector<double>& values, const Comm& comm = Comm());
int min_over_ranks(int value, const Comm& comm = Comm());
bool any_over_ranks(bool value, const Comm& comm = Comm());
std::vector<int> max_over_ranks(const std::vector<int>& values, const Comm& comm = Comm());  // element-wise
void barrier(const Comm& comm = Comm());

// Point to point in the job (blocking); the receiver learns the length from the message.
void send(const std::vector<double>& data, int dest, int tag);
void send(const std::vector<std::int64_t>& data, int dest, int tag);
void send(const std::vector<std::uint8_t>& data, int dest, int tag);
std::vector<double> recv_doubles(int source, int tag);
std::vector<std::uint8_t> recv_bytes(int source, int tag);
std::vector<std::int64_t> recv_int64s(int source, int tag);

}  // namespace ionhop::mpi
