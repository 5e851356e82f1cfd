#pragma once
// The checkpoint of `ionhop run` (doc/output.md §Checkpoint): everything needed to continue a run
// bit for bit -- the finished temperatures' samples, and for each temperature under way its phase
// and every replica's state (engine/kmc/ensemble_state.cpp). One HDF5 file, replicas in global
// order, so a restart may use any rank count. Written to "<path>.tmp", flushed, closed and synced,
// then renamed: a run killed while writing leaves the previous checkpoint as it was.
#include <string>
#include <vector>

#include "engine/app/gather_samples.hpp"
#include "engine/app/input_fingerprint.hpp"
#include "engine/core/replica_arrays.hpp"
#include "engine/kmc/ensemble.hpp"

namespace ionhop::app {

// A temperature under way when the checkpoint was written.
struct RunningTemperature {
  int index = 0;                  // position in the input's temperature list
  EnsemblePhase phase;
  ReplicaArrays state;            // every replica (a block of all of them once gathered)
  std::vector<double> rates;      // production: equilibration event rates per ion of the replicas, 1/s
  double wall_seconds = 0;        // spent on this temperature so far, over all runs
};

struct KmcCheckpoint {
  InputFingerprint input;
  int n_temperatures = 0;
  int n_replicas = 0;
  std::vector<TemperatureBatch> done;        // finished temperatures, all replicas
  std::vector<RunningTemperature> running;   // temperatures under way
};

void write_kmc_checkpoint(const KmcCheckpoint& c, const std::string& path);
KmcCheckpoint read_kmc_checkpoint(const std::string& path);  // throws Error naming the file

// Moving a running temperature between ranks (collective over `comm` for the gather).
RunningTemperature gather_running(const RunningTemperature& local, const mpi::Comm& comm);  // on comm rank 0
void send_running(const RunningTemperature& r, int dest, int tag);  // blocking, MPI_COMM_WORLD
RunningTemperature recv_running(int source, int tag);

}  // namespace ionhop::app
