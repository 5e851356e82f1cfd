#include "engine/app/wall_clock.hpp"

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <regex>

#include "engine/core/error.hpp"

namespace ionhop::app {

double parse_duration(const std::string& text, const std::string& where) {
  static const std::regex clock(R"(^(?:(\d+):)?(\d+):(\d+)$)");
  static const std::regex part(R"((\d+(?:\.\d+)?)\s*(h|min|s))");
  std::smatch m;
  if (std::regex_match(text, m, clock)) {
    const double h = m[1].matched ? std::stod(m[1]) : 0, mi = std::stod(m[2]), s = std::stod(m[3]);
    if (mi >= 60 && m[1].matched) fail("{}: '{}' has {} minutes (HH:MM:SS wanted)", where, text, mi);
    if (s >= 60) fail("{}: '{}' has {} seconds (HH:MM:SS wanted)", where, text, s);
    return 3600 * h + 60 * mi + s;
  }
  double total = 0;
  std::size_t pos = 0;
  bool any = false;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), part); it != std::sregex_iterator(); ++it) {
    const auto& p = *it;
    if (static_cast<std::size_t>(p.position()) != pos) break;
    const double v = std::stod(p[1]);
    total += v * (p[2] == "h" ? 3600 : p[2] == "min" ? 60 : 1);
    pos = static_cast<std::size_t>(p.position() + p.length());
    any = true;
  }
  if (!any || pos != text.size() || !std::isfinite(total))
    fail("{}: '{}' is not a duration (write e.g. \"30min\", \"1h30min\", \"90s\" or \"HH:MM:SS\")", where, text);
  return total;
}

WallClock::WallClock(const std::string& walltime, double margin_s, double checkpoint_every_s)
    : start_(Clock::now()), last_checkpoint_(start_), margin_(margin_s), every_(checkpoint_every_s) {
  if (!walltime.empty()) {
    limit_ = parse_duration(walltime, "--walltime");
    source_ = "--walltime " + walltime;
  } else if (const char* end = std::getenv("SLURM_JOB_END_TIME"); end && *end) {
    char* stop = nullptr;
    const double t_end = std::strtod(end, &stop);
    if (stop && *stop == '\0' && t_end > 0) {
      limit_ = t_end - static_cast<double>(std::time(nullptr));
      source_ = "SLURM_JOB_END_TIME";
    }
  }
}

double WallClock::elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

bool WallClock::past_deadline() const { return limit_ && elapsed() >= *limit_ - margin_; }

bool WallClock::checkpoint_due() const {
  return every_ > 0 && std::chrono::duration<double>(Clock::now() - last_checkpoint_).count() >= every_;
}

void WallClock::checkpoint_written() { last_checkpoint_ = Clock::now(); }

}  // namespace ionhop::app
