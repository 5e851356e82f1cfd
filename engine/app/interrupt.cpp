#include "engine/app/interrupt.hpp"

#include <csignal>

namespace ionhop::app {

namespace {
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGUSR1};
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

extern "C" void on_signal(int sig) {
  if (g_stop.load()) {  // second signal: its default action (terminate)
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  g_signal.store(sig);
  g_stop.store(true);
}
}  // namespace

static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "signal handler needs lock-free flags");

InterruptGuard::InterruptGuard() {
  g_stop.store(false);
  g_signal.store(0);
  install();
}

void InterruptGuard::install() const {
  for (int sig : kSignals) std::signal(sig, on_signal);
}

const std::atomic<bool>* InterruptGuard::flag() const { return &g_stop; }
bool InterruptGuard::requested() const { return g_stop.load(); }
int InterruptGuard::signal() const { return g_signal.load(); }
int InterruptGuard::exit_code() const { return g_signal.load() ? 128 + g_signal.load() : 0; }

}  // namespace ionhop::app
