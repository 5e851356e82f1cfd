// Running temperatures between MPI ranks: the replica blocks of a group joined on its leader
// (replica arrays concatenate in rank order, engine/core/replica_arrays.hpp), and the leader's
// whole state packed into one message for world rank 0.
#include "engine/app/kmc_checkpoint.hpp"
#include "engine/core/byte_buffer.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

RunningTemperature gather_running(const RunningTemperature& local, const mpi::Comm& comm) {
  RunningTemperature out = local;
  const auto counts = mpi::gather(std::vector<std::int64_t>{local.state.n_replicas}, comm);
  out.rates = mpi::gather(local.rates, comm);
  for (auto& a : out.state.arrays) a.bytes = mpi::gather(a.bytes, comm);
  if (comm.rank() == 0) {
    out.state.n_replicas = 0;
    for (auto c : counts) out.state.n_replicas += static_cast<int>(c);
  } else {
    out = RunningTemperature{};
  }
  return out;
}

void send_running(const RunningTemperature& r, int dest, int tag) {
  ByteWriter w;
  w.put<std::int32_t>(r.index);
  w.put<std::int32_t>(r.phase.kind);
  w.put<std::int64_t>(r.phase.target_events);
  w.put_vector(r.phase.grid);
  w.put_vector(r.rates);
  w.put<double>(r.wall_seconds);
  w.put<std::int32_t>(r.state.first_replica);
  w.put<std::int32_t>(r.state.n_replicas);
  w.put<std::uint64_t>(r.state.arrays.size());
  for (const auto& a : r.state.arrays) {
    w.put_string(a.name);
    w.put<std::uint8_t>(static_cast<std::uint8_t>(a.type));
    w.put<std::uint64_t>(a.per_replica);
    w.put_vector(a.bytes);
  }
  mpi::send(w.bytes(), dest, tag);
}

RunningTemperature recv_running(int source, int tag) {
  const std::vector<std::uint8_t> msg = mpi::recv_bytes(source, tag);
  ByteReader rd(msg);
  RunningTemperature r;
  r.index = rd.get<std::int32_t>();
  r.phase.kind = static_cast<EnsemblePhase::Kind>(rd.get<std::int32_t>());
  r.phase.target_events = rd.get<std::int64_t>();
  r.phase.grid = rd.get_vector<double>();
  r.rates = rd.get_vector<double>();
  r.wall_seconds = rd.get<double>();
  r.state.first_replica = rd.get<std::int32_t>();
  r.state.n_replicas = rd.get<std::int32_t>();
  const auto n = rd.get<std::uint64_t>();
  for (std::uint64_t i = 0; i < n; ++i) {
    ReplicaArray a;
    a.name = rd.get_string();
    a.type = static_cast<ElementType>(rd.get<std::uint8_t>());
    a.per_replica = rd.get<std::uint64_t>();
    a.bytes = rd.get_vector<std::uint8_t>();
    r.state.arrays.push_back(std::move(a));
  }
  return r;
}

}  // namespace ionhop::app
