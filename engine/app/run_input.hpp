#pragma once
// The input of `ionhop run` (one TOML file; every key in doc/input.md). Reading it checks every
// key and value; relative file names are resolved against the input file's folder, then as data
// shipped with ionhop (structures/, potentials/).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/app/input_fingerprint.hpp"
#include "engine/composition/composition.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/models/model_spec.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::app {

struct KmcSettings {
  std::vector<double> temperatures;        // K, > 0
  int replicas = 32;                       // replicas per temperature (independent decorations)
  std::uint64_t seed = 1;
  double equilibration_hops_per_ion = 20;  // events discarded, per ion
  double production_hops_per_ion = 200;    // production length in hops per ion...
  double production_time = 0;              // ...or in simulated seconds (> 0 overrides)
  int samples = 100;                       // time-grid intervals (samples + 1 grid points)
  double fit_start = 0.2;                  // fraction of the production time excluded from the fit
};

// [parallel] of `ionhop run`: how replicas are laid over MPI ranks (doc/input.md).
struct ParallelSettings {
  bool domains = false;            // kmc = "domains": every replica split in space over `domain_ranks` ranks
  int domain_ranks = 0;            // ranks per replica (0: all ranks of the job)
  std::array<int, 3> grid{0, 0, 0};  // domain grid along a, b, c (0, 0, 0: chosen)
  double sector_window = 0;        // [kmc] sector_window, s (0: sector_events / Γ_max)
  double sector_events = 1;        // [kmc] sector_events: n_stop of the default window
};

struct OutputSettings {
  std::string directory = ".";             // relative to the working directory
  std::string prefix = "ionhop";           // files <directory>/<prefix>.h5 / .json / .csv
  bool hdf5 = true, json = true, csv = true;
  // Wall-clock seconds between checkpoints (<directory>/<prefix>.checkpoint.h5); 0: only when the
  // run is stopped (signal, walltime). Key checkpoint_every = "30min".
  double checkpoint_every = 1800;
};

struct RunInput {
  std::string path;                        // the input file
  std::string text;                        // its contents (stored in the HDF5 output)
  std::string structure_file;              // resolved
  ReadOptions read;
  NetworkOptions network;
  std::array<int, 3> supercell{1, 1, 1};
  CompositionSpec composition;
  ModelSpec model;
  std::string model_file;                  // resolved, "" for an inline [model] table
  // [model] bvse_local = true (with file =): per-replica, per-hop KRA corrections from BVSE on each
  // replica's decoration (engine/bvse/local_kra.hpp, doc/model-files.md).
  struct BvseLocal {
    bool enabled = false;
    double scale = 1;          // bvse_scale: the model's calibration scale
    std::string parameters;    // bvse_parameters: softBV file, "" = shipped
  } bvse_local;
  KmcSettings kmc;
  ParallelSettings parallel;
  OutputSettings output;
  InputFingerprint fingerprint;            // every key and the named files' contents (checkpoints)
};

// Throws ionhop::Error naming the file, line and key of the first problem.
RunInput read_run_input(const std::string& path);
// The same for input text made in memory (ionhop screen: one per composition); `path` names it in
// messages and relative file names are resolved against its folder. need_model = false: [model]
// may be absent (ionhop screen checks its inputs before it has made their BVSE models).
RunInput run_input_from_text(const std::string& path, std::string text, bool need_model = true);

// Resolve a file named in `input_file`: relative to its folder if it exists there, else
// resolve_input_path (working directory, then shipped data). `key` names it in the error.
std::string resolve_relative_to(const std::string& input_file, const std::string& name, const std::string& key);

}  // namespace ionhop::app
