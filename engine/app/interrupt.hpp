#pragma once
// SIGINT handling for long runs: the first Ctrl-C asks the run to stop cleanly (results so far are
// written and marked partial, exit 130); a second one terminates at once.
#include <atomic>

namespace ionhop::app {

// Installs the handler for the lifetime of the object and restores the previous one after.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  const std::atomic<bool>* flag() const;
  bool requested() const;
};

}  // namespace ionhop::app
