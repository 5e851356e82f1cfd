#pragma once
// Thin MPI layer (ARCHITECTURE.md §4): replicas are split over ranks in contiguous blocks, so that
// concatenating per-rank data in rank order gives global replica order, and results are the same
// bitwise for any rank count. Every function also works when MPI was never initialised (one rank).
#include <cstdint>
#include <vector>

namespace ionhop::mpi {

// Initialises MPI if nobody has yet, and finalises it on destruction only if it initialised it:
// usable from main(), from a subcommand, and from tests.
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
int rank();     // 0 when not active
int size();     // 1 when not active

// Contiguous block of `n` items for `rank` of `size`: the first n % size ranks get one more.
struct Block {
  int first = 0;
  int count = 0;
};
Block split(int n, int rank, int size);

// Concatenation of every rank's vector in rank order, on all ranks / on rank 0 only (other
// ranks get an empty vector).
std::vector<double> allgather(const std::vector<double>& local);
std::vector<double> gather(const std::vector<double>& local);
std::vector<std::int64_t> gather(const std::vector<std::int64_t>& local);

int min_over_ranks(int value);
bool any_over_ranks(bool value);
void barrier();

}  // namespace ionhop::mpi
