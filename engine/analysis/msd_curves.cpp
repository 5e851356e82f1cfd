#include "engine/analysis/msd_curves.hpp"

#include <cmath>

#include "engine/core/error.hpp"

namespace ionhop {

void check_samples(const KmcSamples& s) {
  const std::size_t nr = s.n_replicas, nt = s.time.size(), nc = s.n_classes;
  if (s.n_replicas < 1) fail("KMC samples: no replicas");
  if (s.n_ions < 1) fail("KMC samples: no mobile ions (n_ions = {})", s.n_ions);
  if (s.tracer_sq.size() != nr * nt * 3 || s.collective_sq.size() != nr * nt * 3)
    fail("KMC samples: MSD arrays hold {} / {} values, expected {} replicas x {} times x 3",
         s.tracer_sq.size(), s.collective_sq.size(), nr, nt);
  if (s.hops_per_class.size() != nr * nc)
    fail("KMC samples: hops_per_class holds {} values, expected {} x {}", s.hops_per_class.size(), nr, nc);
  if (s.events.size() != nr) fail("KMC samples: events holds {} values, expected {}", s.events.size(), nr);
}

static std::vector<double> replica_total(const KmcSamples& s, const std::vector<double>& sq) {
  const int nt = s.n_times();
  std::vector<double> out(static_cast<std::size_t>(s.n_replicas) * nt);
  for (int r = 0; r < s.n_replicas; ++r)
    for (int k = 0; k < nt; ++k) {
      const double* p = &sq[(static_cast<std::size_t>(r) * nt + k) * 3];
      out[static_cast<std::size_t>(r) * nt + k] = (p[0] + p[1] + p[2]) / s.n_ions;
    }
  return out;
}

std::vector<double> replica_tracer_msd(const KmcSamples& s) { return replica_total(s, s.tracer_sq); }
std::vector<double> replica_collective_msd(const KmcSamples& s) { return replica_total(s, s.collective_sq); }

// Mean and standard error over replicas, replicas summed in index order (so the result is the same
// bitwise whichever way replicas were split over ranks before the gather).
static void average(const KmcSamples& s, const std::vector<double>& sq, std::vector<double>& mean,
                    std::vector<double>& err) {
  const int nt = s.n_times(), nr = s.n_replicas;
  mean.assign(static_cast<std::size_t>(nt) * 4, 0.0);
  err.assign(mean.size(), 0.0);
  for (int k = 0; k < nt; ++k)
    for (int a = 0; a < 4; ++a) {
      auto value = [&](int r) {
        const double* p = &sq[(static_cast<std::size_t>(r) * nt + k) * 3];
        return (a < 3 ? p[a] : p[0] + p[1] + p[2]) / s.n_ions;
      };
      double sum = 0;
      for (int r = 0; r < nr; ++r) sum += value(r);
      const double m = sum / nr;
      double var = 0;
      for (int r = 0; r < nr; ++r) var += (value(r) - m) * (value(r) - m);
      mean[k * 4 + a] = m;
      err[k * 4 + a] = nr > 1 ? std::sqrt(var / (nr - 1) / nr) : 0.0;
    }
}

MsdCurves msd_curves(const KmcSamples& s) {
  check_samples(s);
  MsdCurves c;
  c.time = s.time;
  c.n_replicas = s.n_replicas;
  average(s, s.tracer_sq, c.tracer, c.tracer_err);
  average(s, s.collective_sq, c.collective, c.collective_err);
  return c;
}

}  // namespace ionhop
