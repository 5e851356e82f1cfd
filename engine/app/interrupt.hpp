#pragma once
// Signals for long runs (batch jobs): the first SIGINT, SIGTERM or SIGUSR1 asks the run to stop
// cleanly (checkpoint and results so far written and marked partial; exit code 128 + signal);
// a second one terminates at once. Slurm sends SIGTERM at the walltime (or a chosen signal earlier
// with --signal), mpiexec forwards SIGTERM and SIGUSR1 to every rank and turns Ctrl-C into SIGTERM.
#include <atomic>

namespace ionhop::app {

// Installs the handlers (and clears the flag). They stay installed until the process ends: a signal
// that comes after the run wrote its files changes nothing, and the process still exits with the
// run's own code rather than die of the signal's default action.
class InterruptGuard {
 public:
  InterruptGuard();
  void install() const;  // (re)install the handlers, keeping the flag
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  const std::atomic<bool>* flag() const;
  bool requested() const;
  int signal() const;     // the first signal received, 0 if none
  int exit_code() const;  // 128 + signal(), 0 if none
};

}  // namespace ionhop::app
