#pragma once
// Running LAMMPS (`lmp`) on an MdSystem for one `run 0` and reading back its energy, per-atom
// forces and virial at full precision (test support only).
#include <string>
#include <vector>

#include "engine/md/force_compute.hpp"
#include "engine/md/lammps_export.hpp"

namespace ionhop::md::test {

struct LammpsResult {
  double pe = 0, vol = 0;
  double virial[6] = {0, 0, 0, 0, 0, 0};  // eV, xx yy zz xy xz yz
  std::vector<double> f;                  // 3 per atom, ordered by atom id
};

// True if `lmp` can be run.
bool have_lammps();

// dir: scratch directory; extra: lines put after the pair lines (e.g. kspace_modify gewald ...).
LammpsResult run_lammps(const std::string& dir, const MdSystem& s, const std::string& pair_lines,
                        const std::string& extra);

}  // namespace ionhop::md::test
