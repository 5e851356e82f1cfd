#pragma once
// What the KMC benchmarks measure besides events: resident memory and elapsed time.
#include <chrono>
#include <fstream>

namespace ionhop::bench {

inline double rss_mib() {  // current resident set, MiB
  std::ifstream f("/proc/self/statm");
  long pages_total = 0, pages_rss = 0;
  f >> pages_total >> pages_rss;
  return pages_rss * 4096.0 / (1024.0 * 1024.0);
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace ionhop::bench
