#include "lammps_run.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "engine/core/error.hpp"

namespace ionhop::md::test {

bool have_lammps() { return std::system("command -v lmp >/dev/null 2>&1") == 0; }

LammpsResult run_lammps(const std::string& dir, const MdSystem& s, const std::string& pair_lines,
                        const std::string& extra) {
  write_lammps_data(dir + "/data.lmp", s, "ionhop validation cell");
  {
    std::ofstream in(dir + "/in.lmp");
    in << "units metal\natom_style charge\nboundary p p p\nbox tilt large\nread_data data.lmp\n"
       << pair_lines << extra
       << "neighbor 1.0 bin\nneigh_modify delay 0 every 1 check yes one 10000 page 1000000\n"
          "compute vir all pressure NULL virial\n"
          "thermo_style custom step pe vol c_vir[1] c_vir[2] c_vir[3] c_vir[4] c_vir[5] c_vir[6]\n"
          "thermo_modify format float %.17g\n"
          "dump d all custom 1 forces.dump id fx fy fz\n"
          "dump_modify d format float %.17g sort id\n"
          "run 0\n";
  }
  // Inside an MPI job (the test under mpiexec) lmp would take the job's environment and try to join
  // it: it runs with a clean one, as a process of its own.
  const char* path = std::getenv("PATH");
  const std::string env = fmt::format("env -i PATH='{}' HOME=/tmp OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ",
                                      path ? path : "/usr/bin:/bin");
  const std::string cmd = fmt::format("cd '{}' && {}lmp -in in.lmp -log log.lammps -screen none -nocite", dir, env);
  if (std::system(cmd.c_str()) != 0) fail("LAMMPS failed: see {}/log.lammps", dir);
  LammpsResult r;
  std::ifstream log(dir + "/log.lammps");
  std::string line;
  bool next = false;
  while (std::getline(log, line)) {
    std::istringstream ls(line);
    std::string first;
    ls >> first;
    if (next) {
      ls >> r.pe >> r.vol;
      for (double& v : r.virial) ls >> v;
      if (!ls) fail("{}/log.lammps: cannot parse thermo line '{}'", dir, line);
      break;
    }
    next = first == "Step";
  }
  // pressure (bar) from the virial only: P_ab = W_ab / V * nktv2p, nktv2p = 1.6021765e6 (metal)
  for (double& v : r.virial) v *= r.vol / 1.6021765e6;
  std::ifstream dump(dir + "/forces.dump");
  r.f.assign(3 * s.n_atoms(), 0.0);
  while (std::getline(dump, line))
    if (line.rfind("ITEM: ATOMS", 0) == 0) break;
  for (int k = 0; k < s.n_atoms(); ++k) {
    int id;
    double fx, fy, fz;
    if (!(dump >> id >> fx >> fy >> fz)) fail("{}/forces.dump: short file", dir);
    r.f[3 * (id - 1)] = fx;
    r.f[3 * (id - 1) + 1] = fy;
    r.f[3 * (id - 1) + 2] = fz;
  }
  return r;
}

}  // namespace ionhop::md::test
