#include "engine/app/memory_estimate.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "engine/core/error.hpp"
#include "engine/core/log.hpp"

namespace ionhop::app {

double kmc_memory_bytes(long unit_sites, long unit_atoms, const std::array<int, 3>& supercell, int replicas_per_rank,
                        int samples) {
  const double cells = double(supercell[0]) * supercell[1] * supercell[2];
  const double sites = cells * unit_sites, atoms = cells * unit_atoms;
  // network: site records, hop and neighbour lists, update sets, decoration (~600 B per site);
  // framework atoms (~150 B each, twice while decorating); per replica and site: occupancy (1),
  // displacement (24), model state (8), sum tree (16), decoration scratch (8) bytes
  const double shared = sites * 600 + atoms * 300;
  const double replica = sites * 57 + (samples + 1.0) * 48;
  return shared + replicas_per_rank * replica;
}

double md_memory_bytes(double atoms, double volume_A3, double rc, double mobile_ions, double samples, double h5_frames) {
  const double pairs_per_atom = 0.5 * (4.0 / 3.0) * M_PI * rc * rc * rc * atoms / volume_A3;  // half list
  // x, v, f, x_ref (96), image (12), type/q/mass (20), bins and scatter copies (~100), pairs (4 each)
  return atoms * (230 + 4 * pairs_per_atom) + samples * mobile_ions * 24 + h5_frames * atoms * 24;
}

double bvse_memory_bytes(double volume_A3, double spacing) {
  const double points = volume_A3 / (spacing * spacing * spacing);
  return points * 40;  // energy, labels, percolation work arrays
}

double available_memory_bytes() {
  std::ifstream f("/proc/meminfo");
  for (std::string line; std::getline(f, line);) {
    std::istringstream s(line);
    std::string key;
    double kb = 0;
    if (s >> key >> kb && key == "MemAvailable:") return kb * 1024;
  }
  return 0;
}

void check_memory(double need, const std::string& what, double max_gb, bool talk) {
  const double limit = max_gb > 0 ? max_gb * 1e9 : available_memory_bytes();
  if (talk) log::info("{}: memory estimate {:.3g} GB{}", what, need / 1e9, limit > 0 ? fmt::format(" (limit {:.3g} GB)", limit / 1e9) : "");
  if (!std::isfinite(need) || (limit > 0 && need > limit))
    fail("{}: needs about {:.3g} GB of memory, more than the {:.3g} GB {} (make the supercell, replicas or grid "
         "smaller, or spread the run over more ranks)",
         what, need / 1e9, limit / 1e9, max_gb > 0 ? "allowed by --max-memory" : "this machine has available");
}

}  // namespace ionhop::app
