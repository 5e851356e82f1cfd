#pragma once
// Progress of a run on stderr: temperature, phase, % done, events/s, ETA of the whole run.
// Printed by rank 0 only, at most twice a second (one updating line on a terminal, a line every
// ten seconds otherwise); silent with --quiet.
#include <chrono>
#include <cstdint>
#include <string>

#include "engine/kmc/ensemble.hpp"

namespace ionhop::app {

class Progress {
 public:
  // n_temperatures: temperatures in the run; equilibration_share: fraction of a temperature's
  // work spent equilibrating (for the ETA); rank_factor scales this rank's event rate to the whole
  // run (number of ranks, as every rank runs a similar block).
  Progress(bool enabled, int n_temperatures, double equilibration_share, int rank_factor);
  // Start a phase ("equilibration" or "production") of temperature number index (0-based).
  void start(int index, double temperature, const std::string& phase);
  ProgressFn callback();
  void finish_temperature();  // ends the updating line

 private:
  void update(double fraction, std::int64_t events);
  using Clock = std::chrono::steady_clock;
  bool enabled_, tty_;
  int n_temperatures_, index_ = 0, rank_factor_;
  double equilibration_share_, temperature_ = 0;
  bool production_ = false;
  std::string phase_;
  Clock::time_point run_start_, phase_start_, last_print_;
  double interval_;
};

}  // namespace ionhop::app
