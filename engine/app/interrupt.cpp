#include "engine/app/interrupt.hpp"

#include <csignal>

namespace ionhop::app {

namespace {
std::atomic<bool> g_stop{false};
using Handler = void (*)(int);
Handler g_previous = SIG_DFL;

extern "C" void on_sigint(int sig) {
  if (g_stop.load()) {  // second Ctrl-C: default action (terminate)
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  g_stop.store(true);
}
}  // namespace

static_assert(std::atomic<bool>::is_always_lock_free, "signal handler needs a lock-free flag");

InterruptGuard::InterruptGuard() {
  g_stop.store(false);
  g_previous = std::signal(SIGINT, on_sigint);
}

InterruptGuard::~InterruptGuard() { std::signal(SIGINT, g_previous == SIG_ERR ? SIG_DFL : g_previous); }

const std::atomic<bool>* InterruptGuard::flag() const { return &g_stop; }
bool InterruptGuard::requested() const { return g_stop.load(); }

}  // namespace ionhop::app
