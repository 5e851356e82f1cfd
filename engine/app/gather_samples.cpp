#include "engine/app/gather_samples.hpp"

#include "engine/core/error.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

KmcSamples gather_samples(const KmcSamples& local) {
  const int n_t = mpi::min_over_ranks(local.n_times());
  const bool partial = mpi::any_over_ranks(local.partial || n_t < local.n_times());
  // Cut this rank's series to the common length.
  const std::size_t nr = local.n_replicas, nt_local = local.time.size();
  std::vector<double> tracer, collective;
  tracer.reserve(nr * n_t * 3);
  collective.reserve(nr * n_t * 3);
  for (std::size_t r = 0; r < nr; ++r) {
    const auto begin = r * nt_local * 3;
    tracer.insert(tracer.end(), local.tracer_sq.begin() + begin, local.tracer_sq.begin() + begin + n_t * 3);
    collective.insert(collective.end(), local.collective_sq.begin() + begin,
                      local.collective_sq.begin() + begin + n_t * 3);
  }
  KmcSamples all;
  all.tracer_sq = mpi::gather(tracer);
  all.collective_sq = mpi::gather(collective);
  all.hops_per_class = mpi::gather(local.hops_per_class);
  all.events = mpi::gather(local.events);
  if (mpi::rank() != 0) return KmcSamples{};
  all.temperature = local.temperature;
  all.n_replicas = static_cast<int>(all.events.size());
  all.first_replica = 0;
  all.n_ions = local.n_ions;
  all.n_sites = local.n_sites;
  all.n_classes = local.n_classes;
  all.volume = local.volume;
  all.time.assign(local.time.begin(), local.time.begin() + n_t);
  all.partial = partial;
  if (local.first_replica != 0) fail("gather_samples: rank 0 holds replicas from {}, expected 0", local.first_replica);
  return all;
}

}  // namespace ionhop::app
