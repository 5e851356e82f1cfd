#pragma once
// What the KMC benchmarks measure besides events: resident memory, elapsed and CPU time.
#include <chrono>
#include <ctime>
#include <fstream>

namespace ionhop::bench {

inline double rss_mib() {  // current resident set, MiB
  std::ifstream f("/proc/self/statm");
  long pages_total = 0, pages_rss = 0;
  f >> pages_total >> pages_rss;
  return pages_rss * 4096.0 / (1024.0 * 1024.0);
}

// CPU time of this thread, s: the rate per core even when other jobs share the machine.
inline double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace ionhop::bench
