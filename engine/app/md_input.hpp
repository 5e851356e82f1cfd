#pragma once
// The input of `ionhop md` (one TOML file; every key in doc/md-input.md). Reading it checks every
// key and value before any work; relative file names are resolved against the input's folder.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/app/input_fingerprint.hpp"
#include "engine/composition/composition.hpp"
#include "engine/md/force_compute.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/md_structure.hpp"

namespace ionhop::app {

struct MdInput {
  std::string path, structure_file, potential_file, mobile, out_dir = ".", prefix = "ionhop_md";
  std::array<int, 3> supercell{1, 1, 1};
  std::uint64_t decoration_seed = 1;
  md::DecorationOptions decoration;
  std::optional<CompositionSpec> composition;  // [composition]: decorate() as in `ionhop run`
  md::ForceSettings force;
  md::IntegratorSettings integ;
  std::vector<double> temperatures;  // one run per temperature
  double initial_temperature = -1;   // < 0: each run starts at its temperature
  long steps = 10000, equilibration = 1000, thermo_every = 100, sample_every = 10, hop_every = 1, xyz_every = 0, h5_every = 0;
  int blocks = 8;                    // 0: "auto" (from the mean residence time, md/transport_blocks.hpp)
  bool hops = true;
  double hop_capture_radius = 0.8;
  double checkpoint_every = 1800;    // s of wall time ([output] checkpoint_every; 0: only at a stop)
  std::array<int, 3> grid{0, 0, 0};  // [parallel] grid: ranks along a, b, c under mpiexec; 0: chosen
  bool gpu_aware_mpi = false;        // [parallel] gpu_aware_mpi: MPI reads device buffers directly
  InputFingerprint fingerprint;      // every key and the named files' contents (checkpoints)
};

// Throws ionhop::Error naming the file and key of the first problem.
MdInput read_md_input(const std::string& path);

}  // namespace ionhop::app
