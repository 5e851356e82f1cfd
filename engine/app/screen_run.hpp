#pragma once
// The driver of `ionhop screen` (doc/screening.md): the compositions of the grid (or of one slice
// of it) not finished yet are spread over groups of MPI ranks; each is an unchanged `ionhop run`
// (engine/app/kmc_run.hpp) on its group, and its row is written the moment it finishes. Rank 0 then
// ranks every finished row into the table. Collective over MPI_COMM_WORLD.
#include <atomic>
#include <string>
#include <vector>

#include "engine/app/screen_rows.hpp"
#include "engine/app/wall_clock.hpp"

namespace ionhop::app {

struct ScreenOptions {
  std::string directory;                    // overrides [screen] directory when not empty
  int slice = 0, n_slices = 1;              // run the points with index % n_slices == slice
  bool merge = false;                       // run nothing: make the table from the rows there are
  bool progress = true;
  const std::atomic<bool>* stop = nullptr;  // a signal: the compositions under way stop with a checkpoint
  WallClock* clock = nullptr;
  double max_memory_gb = 0;
};

struct ScreenResult {
  enum class Stop { none, signal, walltime };
  Stop stopped = Stop::none;
  int finished_before = 0, finished_now = 0;  // rows reused / made by this run (this slice)
  bool table_written = false;                 // rank 0: not for a slice of several
  ScreenTable table;                          // rank 0
  std::vector<std::string> files, errors;     // rank 0
};

ScreenResult run_screen(const ScreenInput& in, const ScreenOptions& options);

}  // namespace ionhop::app
