#include "engine/app/progress.hpp"

#include <cstdio>
#include <unistd.h>

#include <fmt/core.h>

namespace ionhop::app {

namespace {
std::string clock_text(double seconds) {
  if (!(seconds >= 0) || seconds > 1e8) return "--:--";
  const long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02d}:{:02d}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{:02d}:{:02d}", s / 60, s % 60);
}
}  // namespace

Progress::Progress(bool enabled, int n_temperatures, double equilibration_share, int rank_factor)
    : enabled_(enabled),
      tty_(isatty(fileno(stderr)) != 0),
      n_temperatures_(n_temperatures),
      rank_factor_(rank_factor),
      equilibration_share_(equilibration_share),
      run_start_(Clock::now()),
      phase_start_(run_start_),
      last_print_(run_start_),
      interval_(tty_ ? 0.5 : 10.0) {}

void Progress::start(int index, double temperature, const std::string& phase) {
  index_ = index;
  temperature_ = temperature;
  phase_ = phase;
  production_ = phase == "production";
  phase_start_ = Clock::now();
  if (enabled_ && !tty_) fmt::print(stderr, "T = {:g} K ({}/{}): {}\n", temperature, index + 1, n_temperatures_, phase);
}

ProgressFn Progress::callback() {
  return [this](double fraction, std::int64_t events) { update(fraction, events); };
}

void Progress::update(double fraction, std::int64_t events) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (std::chrono::duration<double>(now - last_print_).count() < interval_ && fraction < 1) return;
  last_print_ = now;
  const double phase_s = std::chrono::duration<double>(now - phase_start_).count();
  const double run_s = std::chrono::duration<double>(now - run_start_).count();
  const double rate = phase_s > 0 ? rank_factor_ * static_cast<double>(events) / phase_s : 0;
  const double within = production_ ? equilibration_share_ + (1 - equilibration_share_) * fraction
                                    : equilibration_share_ * fraction;
  const double overall = (index_ + within) / n_temperatures_;
  const double eta = overall > 0 ? run_s * (1 - overall) / overall : -1;
  const std::string line = fmt::format("T = {:g} K ({}/{}) {:<13} {:5.1f}%  {:.3g} events/s  ETA {}", temperature_,
                                       index_ + 1, n_temperatures_, phase_, 100 * fraction, rate, clock_text(eta));
  if (tty_)
    fmt::print(stderr, "\r{:<78}", line);
  else
    fmt::print(stderr, "{}\n", line);
  std::fflush(stderr);
}

void Progress::finish_temperature() {
  if (enabled_ && tty_) fmt::print(stderr, "\n");
}

}  // namespace ionhop::app
