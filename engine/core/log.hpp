#pragma once
// Progress and diagnostics go to stderr; results go to stdout or files. --quiet silences info().
#include <cstdio>
#include <fmt/core.h>

namespace ionhop::log {

inline bool& quiet() {
  static bool q = false;
  return q;
}
template <typename... Args>
void info(fmt::format_string<Args...> f, Args&&... args) {
  if (!quiet()) fmt::print(stderr, "{}\n", fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void warn(fmt::format_string<Args...> f, Args&&... args) {
  fmt::print(stderr, "warning: {}\n", fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace ionhop::log
