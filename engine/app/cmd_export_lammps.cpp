// `ionhop export-lammps`: the decorated supercell of an MD input as a LAMMPS data file plus the
// pair_style / pair_coeff / kspace lines of its force field (doc/md-input.md).
#include <filesystem>
#include <sstream>
#include <fstream>

#include <Kokkos_Core.hpp>
#include <fmt/format.h>
#include <toml.hpp>

#include "engine/app/commands.hpp"
#include "engine/app/kokkos_guard.hpp"
#include "engine/app/memory_estimate.hpp"
#include "engine/io/writers.hpp"
#include "engine/app/run_input.hpp"
#include "engine/app/toml_section.hpp"
#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/lammps_export.hpp"
#include "engine/md/md_structure.hpp"

namespace ionhop::app {

namespace {

int export_lammps(const std::string& structure, const std::string& potential, std::array<int, 3> n,
                  std::uint64_t seed, const std::string& coulomb, double cutoff, double alpha, double accuracy,
                  const std::string& prefix) {
  KokkosGuard kokkos;
  // every option before the supercell is built
  if (coulomb != "dsf" && coulomb != "ewald") fail("--coulomb must be dsf or ewald (got {})", coulomb);
  if (!(cutoff > 0 && cutoff <= 100)) fail("--cutoff must be in (0, 100] Å (got {})", cutoff);
  if (!(alpha > 0 && alpha <= 10)) fail("--dsf-alpha must be in (0, 10] 1/Å (got {})", alpha);
  if (!(accuracy > 0 && accuracy < 0.1)) fail("--ewald-accuracy must be in (0, 0.1) (got {})", accuracy);
  for (int d = 0; d < 3; ++d)
    if (n[d] < 1 || n[d] > 1000) fail("--supercell must be three integers in 1..1000 (got {} {} {})", n[0], n[1], n[2]);
  const std::string dir = std::filesystem::path(prefix).parent_path().string();
  if (!dir.empty() && !std::filesystem::is_directory(dir)) fail("-o {}: folder '{}' does not exist", prefix, dir);
  const md::ForceField ff = md::read_force_field(resolve_input_path(potential));
  const Crystal unit = read_structure(resolve_input_path(structure));
  check_memory(md_memory_bytes(double(n[0]) * n[1] * n[2] * static_cast<double>(unit.atoms.size()), 1, 0, 0, 0, 0),
               "export-lammps " + structure, 0, false);
  const md::MdAtoms atoms = md::decorate_ordered(make_supercell(unit, n), seed);
  const md::MdSystem s = md::system_from_atoms(atoms, ff);
  md::ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = cutoff;
  fs.dsf_alpha = alpha;
  fs.ewald_accuracy = accuracy;
  if (coulomb == "dsf") fs.coulomb = md::CoulombKind::Dsf;
  else if (coulomb == "ewald") fs.coulomb = md::CoulombKind::Ewald;
  else fail("--coulomb must be dsf or ewald (got {})", coulomb);
  md::write_lammps_data(prefix + ".data", s, fmt::format("ionhop export-lammps {} {}x{}x{}", structure, n[0], n[1], n[2]));
  std::ostringstream in;
  in << "# ionhop export-lammps: " << structure << ", force field " << ff.name << " (" << ff.source << ")\n"
     << "# types: ";
  for (int t = 0; t < s.n_types(); ++t) in << t + 1 << "=" << s.species[t] << " ";
  in << "\nunits metal\natom_style charge\nboundary p p p\nbox tilt large\nread_data " << prefix << ".data\n"
     << md::lammps_pair_lines(ff, s, fs, false) << "neighbor 1.0 bin\n";
  write_text_atomically(prefix + ".in", in.str());
  log::info("export-lammps: wrote {}.data ({} atoms) and {}.in", prefix, s.n_atoms(), prefix);
  return 0;
}

}  // namespace

void add_export_lammps_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("export-lammps", "Write a decorated supercell as a LAMMPS data file + pair lines");
  struct Opt {
    std::string structure, potential = "potentials/teter_du_buckingham.toml", coulomb = "dsf", prefix = "ionhop";
    std::vector<int> supercell{1, 1, 1};
    std::uint64_t seed = 1;
    double cutoff = 10.0, alpha = 0.2, accuracy = 1e-6;
  };
  auto o = std::make_shared<Opt>();
  cmd->add_option("structure", o->structure, "Structure file (CIF/POSCAR)")->required();
  cmd->add_option("--potential", o->potential, "Force-field TOML (potentials/)")->capture_default_str();
  cmd->add_option("--supercell", o->supercell, "Supercell n1 n2 n3")->expected(3);
  cmd->add_option("--seed", o->seed, "Decoration seed of partially occupied sites")->capture_default_str();
  cmd->add_option("--coulomb", o->coulomb, "dsf or ewald")->capture_default_str();
  cmd->add_option("--cutoff", o->cutoff, "Cutoff, Å")->capture_default_str();
  cmd->add_option("--dsf-alpha", o->alpha, "DSF damping, 1/Å")->capture_default_str();
  cmd->add_option("--ewald-accuracy", o->accuracy, "kspace_style ewald accuracy")->capture_default_str();
  cmd->add_option("-o,--output", o->prefix, "Output prefix (PREFIX.data, PREFIX.in)")->capture_default_str();
  cmd->callback([o] {
    export_lammps(o->structure, o->potential, {o->supercell[0], o->supercell[1], o->supercell[2]}, o->seed, o->coulomb,
                  o->cutoff, o->alpha, o->accuracy, o->prefix);
  });
}

}  // namespace ionhop::app
