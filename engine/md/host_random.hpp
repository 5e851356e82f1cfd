#pragma once
// Host random numbers for the stochastic thermostat and barostat: Philox4x32-10 (Random123) with
// key = seed and counter = (step, draw, stream), so the numbers depend on the seed and the step
// only (the same on every rank, independent of threads). Equations: doc/theory/md.md §5.
#include <cmath>
#include <cstdint>

#include <Random123/philox.h>

namespace ionhop::md {

// Host Philox stream: counter (step, draw, stream), key (seed).
struct HostNormal {
  std::uint64_t seed, step;
  unsigned draw = 0;
  unsigned stream = 0xb055u;  // 0xb055: Bussi thermostat, 0xba40: barostat
  double uniform() {
    r123::Philox4x32 rng;
    r123::Philox4x32::ctr_type c = {{static_cast<unsigned>(step), static_cast<unsigned>(step >> 32), draw++, stream}};
    r123::Philox4x32::key_type k = {{static_cast<unsigned>(seed), static_cast<unsigned>(seed >> 32)}};
    const auto r = rng(c, k);
    return (r[0] + 0.5) * 2.3283064365386963e-10;
  }
  double normal() {
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Gamma(shape a >= 1, scale 1): Marsaglia & Tsang (2000)
  double gamma(double a) {
    const double d = a - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x, v;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = uniform();
      if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
  }
  // sum of n squared standard normals
  double chi2(int n) {
    if (n == 0) return 0.0;
    if (n == 1) {
      const double g = normal();
      return g * g;
    }
    return 2.0 * gamma(0.5 * n);
  }
};

}  // namespace ionhop::md
