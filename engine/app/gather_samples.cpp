#include "engine/app/gather_samples.hpp"

#include "engine/core/error.hpp"

namespace ionhop::app {

KmcSamples gather_samples(const KmcSamples& local, const mpi::Comm& comm) {
  const int n_t = mpi::min_over_ranks(local.n_times(), comm);
  const bool partial = mpi::any_over_ranks(local.partial || n_t < local.n_times(), comm);
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
  all.tracer_sq = mpi::gather(tracer, comm);
  all.collective_sq = mpi::gather(collective, comm);
  all.hops_per_class = mpi::gather(local.hops_per_class, comm);
  all.events = mpi::gather(local.events, comm);
  all.ions_per_site_class = mpi::gather(local.ions_per_site_class, comm);
  all.hops_near_dopant = mpi::gather(local.hops_near_dopant, comm);
  all.hops_far_from_dopant = mpi::gather(local.hops_far_from_dopant, comm);
  all.available_near_dopant = mpi::gather(local.available_near_dopant, comm);
  all.available_hops = mpi::gather(local.available_hops, comm);
  if (comm.rank() != 0) return KmcSamples{};
  all.n_site_classes = local.n_site_classes;
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

// Message order between two ranks with one tag is preserved by MPI, so the parts go one by one.
void send_batch(const TemperatureBatch& b, int dest, int tag) {
  const KmcSamples& s = b.samples;
  mpi::send(std::vector<double>{static_cast<double>(b.index), s.temperature, static_cast<double>(s.n_replicas),
                                static_cast<double>(s.first_replica), static_cast<double>(s.n_ions),
                                static_cast<double>(s.n_sites), static_cast<double>(s.n_classes), s.volume,
                                s.partial ? 1.0 : 0.0, b.wall_seconds, static_cast<double>(s.n_site_classes)},
            dest, tag);
  mpi::send(s.time, dest, tag);
  mpi::send(s.tracer_sq, dest, tag);
  mpi::send(s.collective_sq, dest, tag);
  mpi::send(b.rates, dest, tag);
  mpi::send(s.hops_per_class, dest, tag);
  mpi::send(s.events, dest, tag);
  mpi::send(s.ions_per_site_class, dest, tag);
  mpi::send(s.hops_near_dopant, dest, tag);
  mpi::send(s.hops_far_from_dopant, dest, tag);
  mpi::send(s.available_near_dopant, dest, tag);
  mpi::send(s.available_hops, dest, tag);
}

TemperatureBatch recv_batch(int source, int tag) {
  TemperatureBatch b;
  const auto h = mpi::recv_doubles(source, tag);
  if (h.size() != 11) fail("recv_batch: header of {} values from rank {}", h.size(), source);
  KmcSamples& s = b.samples;
  b.index = static_cast<int>(h[0]);
  s.temperature = h[1];
  s.n_replicas = static_cast<int>(h[2]);
  s.first_replica = static_cast<int>(h[3]);
  s.n_ions = static_cast<int>(h[4]);
  s.n_sites = static_cast<int>(h[5]);
  s.n_classes = static_cast<int>(h[6]);
  s.volume = h[7];
  s.partial = h[8] != 0;
  b.wall_seconds = h[9];
  s.n_site_classes = static_cast<int>(h[10]);
  s.time = mpi::recv_doubles(source, tag);
  s.tracer_sq = mpi::recv_doubles(source, tag);
  s.collective_sq = mpi::recv_doubles(source, tag);
  b.rates = mpi::recv_doubles(source, tag);
  s.hops_per_class = mpi::recv_int64s(source, tag);
  s.events = mpi::recv_int64s(source, tag);
  s.ions_per_site_class = mpi::recv_int64s(source, tag);
  s.hops_near_dopant = mpi::recv_int64s(source, tag);
  s.hops_far_from_dopant = mpi::recv_int64s(source, tag);
  s.available_near_dopant = mpi::recv_int64s(source, tag);
  s.available_hops = mpi::recv_int64s(source, tag);
  return b;
}

}  // namespace ionhop::app
