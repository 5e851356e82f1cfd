// ionhop MD forces against LAMMPS (`lmp`, run 0) on a perturbed NASICON 3x3x1 supercell (1080
// atoms, hexagonal = triclinic box): energy, per-atom forces and virial to relative 1e-8 for
// (a) Buckingham + Ewald (buck/coul/long + kspace_style ewald 1e-10, same alpha) and
// (b) Buckingham + DSF (born/coul/dsf with sigma = D = 0).
// Conventions matched: Coulomb constant 14.399645 eV·Å (LAMMPS metal units); for coul/long the
// A&S polynomial erfc and EWALD_F = 1.12837917 of LAMMPS (pair_modify table 0); no energy shift
// of the short range. (Without the coul/long constants the forces differ by ~2e-9 relative.)
// Run on 1 rank and, with ionhop's domain decomposition, under mpiexec -n 2 and 4.
#include <cmath>
#include <filesystem>
#include <random>

#include <gtest/gtest.h>

#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/md/md_gather.hpp"
#include "engine/md/md_structure.hpp"
#include "engine/parallel/mpi.hpp"
#include "lammps_run.hpp"

namespace ionhop::md {
namespace {

mpi::Guard mpi_guard;  // the whole program (one rank, or under mpiexec)

constexpr double lammps_qqr2e_metal = 14.399645;

MdAtoms perturbed_nasicon() {
  const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  MdAtoms at = decorate_ordered(make_supercell(unit, {3, 3, 1}), 7);
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> u(-0.1, 0.1);  // Å per Cartesian component
  const Mat3 inv_t = inverse(transpose(at.cell));
  for (Vec3& f : at.frac) f += matvec(inv_t, Vec3{u(rng), u(rng), u(rng)});
  return at;
}

// The Teter/Du correction (r < r0) has no LAMMPS counterpart: check it is inactive in this cell
// (every pair with a correction is farther apart than its r0), so both codes compute plain Buckingham.
void expect_correction_inactive(const ForceField& ff, const MdAtoms& at) {
  const Mat3 cell_t = transpose(at.cell);
  for (size_t i = 0; i < at.frac.size(); ++i)
    for (size_t j = i + 1; j < at.frac.size(); ++j) {
      auto key = std::minmax(at.element[i], at.element[j]);
      auto it = ff.buckingham.find({key.first, key.second});
      if (it == ff.buckingham.end() || it->second.r0 == 0) continue;
      const double r = norm(matvec(cell_t, min_image_frac(at.frac[j] - at.frac[i])));
      ASSERT_GT(r, it->second.r0) << at.element[i] << "-" << at.element[j];
    }
}

void compare(const ForceField& ff, const ForceSettings& fs, const std::string& tag, double lammps_accuracy,
             const std::string& extra_lammps) {
  if (!test::have_lammps()) GTEST_SKIP() << "lmp (LAMMPS) not installed";
  const MdAtoms at = perturbed_nasicon();
  expect_correction_inactive(ff, at);
  MdSystem s = system_from_atoms(at, ff);
  ASSERT_EQ(s.n_atoms(), 1080);
  // Under mpiexec (tests/validation/md/CMakeLists.txt): ionhop's forces from the domain
  // decomposition, gathered by atom id on rank 0, which runs LAMMPS and compares.
  MdSystem part = s;
  if (mpi::size() > 1) {
    auto domain = std::make_shared<MdDomain>(mpi::Comm(), s.box, fs.interaction_cutoff() + fs.skin, std::array<int, 3>{0, 0, 0});
    part = MdDomain::distribute(s, domain);
  }
  ForceCompute fc(ff, part, fs);
  const auto ev = fc.compute(part, true);
  if (part.domain) gather_state(part, s);
  if (mpi::rank() != 0) return;
  auto f = Kokkos::create_mirror(s.f);
  Kokkos::deep_copy(f, s.f);

  const std::string dir = (std::filesystem::temp_directory_path() / ("ionhop_md_lammps_" + tag)).string();
  std::filesystem::create_directories(dir);
  ForceSettings lfs = fs;
  lfs.ewald_accuracy = lammps_accuracy;
  const auto r = test::run_lammps(dir, s, lammps_pair_lines(ff, s, lfs, false), extra_lammps);

  const double de = std::abs(ev.e - r.pe) / std::abs(r.pe);
  double fmax = 0, frms = 0, dfmax = 0;
  for (int i = 0; i < s.n_atoms(); ++i) {
    double d2 = 0, f2 = 0;
    for (int d = 0; d < 3; ++d) {
      d2 += std::pow(f(i, d) - r.f[3 * i + d], 2);
      f2 += std::pow(r.f[3 * i + d], 2);
    }
    dfmax = std::max(dfmax, std::sqrt(d2));
    fmax = std::max(fmax, std::sqrt(f2));
    frms += f2;
  }
  frms = std::sqrt(frms / s.n_atoms());
  double wmax = 0, dw = 0;
  for (int c = 0; c < 6; ++c) {
    wmax = std::max(wmax, std::abs(r.virial[c]));
    dw = std::max(dw, std::abs(ev.v[c] - r.virial[c]));
  }
  std::printf("  %s: E ionhop %.12f LAMMPS %.12f eV (rel %.1e); max |dF| %.2e eV/Å (rms |F| %.3f, max %.3f); "
              "max |dW| / max |W| %.1e\n",
              tag.c_str(), ev.e, r.pe, de, dfmax, frms, fmax, dw / wmax);
  EXPECT_LT(de, 1e-8);
  EXPECT_LT(dfmax / frms, 1e-8);
  EXPECT_LT(dw / wmax, 1e-8);
}

ForceSettings common() {
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 10.0;
  fs.skin = 0.5;
  fs.coulomb_constant = lammps_qqr2e_metal;
  return fs;
}

TEST(MdLammps, BuckinghamEwald) {
  const ForceField ff = read_force_field(std::string(IONHOP_REPO_DIR) + "/potentials/teter_du_buckingham.toml");
  ForceSettings fs = common();
  fs.coulomb = CoulombKind::Ewald;
  fs.lammps_coul_long = true;
  fs.ewald_alpha = 0.32;        // LAMMPS gets the same alpha (kspace_modify gewald)
  fs.ewald_accuracy = 1e-14;    // our k sum converged beyond LAMMPS's 1e-10
  compare(ff, fs, "ewald", 1e-10, "kspace_modify gewald 0.32\n");
}

TEST(MdLammps, BuckinghamDsf) {
  const ForceField ff = read_force_field(std::string(IONHOP_REPO_DIR) + "/potentials/teter_du_buckingham.toml");
  ForceSettings fs = common();
  fs.coulomb = CoulombKind::Dsf;
  fs.dsf_alpha = 0.2;
  compare(ff, fs, "dsf", 0, "");
}

}  // namespace
}  // namespace ionhop::md
