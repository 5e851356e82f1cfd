#pragma once
// The driver of `ionhop run`: structure -> network -> decorated supercell + model -> for each
// temperature an ensemble (temperatures over groups of MPI ranks, replicas over the ranks of a
// group) -> analysis on rank 0 -> output files.
// Collective over MPI_COMM_WORLD (or a single process without MPI).
#include <atomic>
#include <string>
#include <vector>

#include "engine/app/run_input.hpp"
#include "engine/io/run_report.hpp"

namespace ionhop::app {

struct RunOptions {
  bool progress = true;                   // progress lines on stderr (rank 0)
  std::string output_directory;           // overrides [output] directory when not empty
  const std::atomic<bool>* stop = nullptr;  // set (SIGINT) to stop cleanly with partial results
};

struct RunResult {
  bool partial = false;
  std::vector<std::string> files;  // written (rank 0)
  RunReport report;                // complete on rank 0 only
};

RunResult run_kmc(const RunInput& input, const RunOptions& options);

// The σ(T) table and Arrhenius energies, as printed at the end of a run.
std::string summary_table(const RunReport& report);

}  // namespace ionhop::app
