#pragma once
// Wall-clock limits of a batch job: durations as users write them ("30min", "1h30min", "90s",
// "HH:MM:SS"), the checkpoint interval and the walltime deadline (--walltime, or the end time that
// Slurm puts in SLURM_JOB_END_TIME where it does), both measured from the start of the process.
#include <chrono>
#include <optional>
#include <string>

namespace ionhop::app {

// Seconds of a duration: "<number><unit>..." with units h, min, s (e.g. "1h30min", "45s"), or
// "HH:MM:SS" / "MM:SS". `where` names the key or option in the error message.
double parse_duration(const std::string& text, const std::string& where);

class WallClock {
 public:
  using Clock = std::chrono::steady_clock;
  // walltime: "" for none (then SLURM_JOB_END_TIME is used when set); margin: seconds kept free at
  // the end for the checkpoint and the output files.
  WallClock(const std::string& walltime, double margin_s, double checkpoint_every_s);
  double elapsed() const;                   // s since construction
  bool past_deadline() const;               // time to stop (within the margin of the walltime)
  bool checkpoint_due() const;              // the interval has passed since the last checkpoint
  void checkpoint_written();                // restart the interval
  std::optional<double> limit() const { return limit_; }  // s from construction, if any
  std::string limit_source() const { return source_; }

 private:
  Clock::time_point start_, last_checkpoint_;
  std::optional<double> limit_;
  double margin_ = 0, every_ = 0;
  std::string source_;
};

}  // namespace ionhop::app
