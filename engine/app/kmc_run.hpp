#pragma once
// The driver of `ionhop run`: structure -> network -> decorated supercell + model -> for each
// temperature an ensemble (temperatures over groups of MPI ranks, replicas over the ranks of a
// group) -> analysis on rank 0 -> output files. Between batches every rank agrees on signals,
// the walltime, checkpoints and finished temperatures (written as each finishes).
// Collective over MPI_COMM_WORLD (or a single process without MPI).
#include <atomic>
#include <string>
#include <vector>

#include "engine/app/run_input.hpp"
#include "engine/app/wall_clock.hpp"
#include "engine/io/run_report.hpp"

namespace ionhop::app {

struct RunOptions {
  bool progress = true;                     // progress lines on stderr (rank 0)
  std::string output_directory;             // overrides [output] directory when not empty
  const std::atomic<bool>* stop = nullptr;  // set by a signal: stop cleanly (checkpoint, partial results)
  WallClock* clock = nullptr;               // walltime and checkpoint interval; nullptr: none
  std::string restart;                      // checkpoint to continue from ("" = a new run)
  double max_memory_gb = 0;                 // > 0: refuse a run whose estimate is larger (else: MemAvailable)
};

struct RunResult {
  enum class Stop { none, signal, walltime };
  Stop stopped = Stop::none;
  bool partial = false;
  std::string checkpoint;            // written at the stop (rank 0; "" if none or it failed)
  std::vector<std::string> files;    // written (rank 0)
  std::vector<std::string> errors;   // output files that could not be written (rank 0)
  RunReport report;                  // complete on rank 0 only
};

RunResult run_kmc(const RunInput& input, const RunOptions& options);

// The checkpoint file of a run: <directory>/<prefix>.checkpoint.h5.
std::string checkpoint_path(const RunInput& input, const std::string& output_directory);

// The σ(T) table and Arrhenius energies, as printed at the end of a run.
std::string summary_table(const RunReport& report);

}  // namespace ionhop::app
