#include "engine/md/lammps_export.hpp"

#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "engine/core/error.hpp"

namespace ionhop::md {

void write_lammps_data(const std::string& path, const MdSystem& s, const std::string& title) {
  std::unique_ptr<FILE, int (*)(FILE*)> fp(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!fp) fail("{}: cannot open for writing", path);
  FILE* f = fp.get();
  const auto& b = s.box;
  fmt::print(f, "{}\n\n{} atoms\n{} atom types\n\n", title, s.n_atoms(), s.n_types());
  fmt::print(f, "0 {:.17g} xlo xhi\n0 {:.17g} ylo yhi\n0 {:.17g} zlo zhi\n{:.17g} {:.17g} {:.17g} xy xz yz\n\n",
             b.xx, b.yy, b.zz, b.xy, b.xz, b.yz);
  fmt::print(f, "Masses\n\n");
  for (int t = 0; t < s.n_types(); ++t) fmt::print(f, "{} {:.17g}  # {}\n", t + 1, s.type_mass[t], s.species[t]);
  fmt::print(f, "\nAtoms # charge\n\n");
  auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  auto ht = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.type);
  auto hq = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.q);
  for (int i = 0; i < s.n_atoms(); ++i)
    fmt::print(f, "{} {} {:.17g} {:.17g} {:.17g} {:.17g}\n", i + 1, ht(i) + 1, hq(i), hx(i, 0), hx(i, 1), hx(i, 2));
  if (std::ferror(f)) fail("{}: write error", path);
}

std::string lammps_pair_lines(const ForceField& ff, const MdSystem& s, const ForceSettings& fs, bool require_exact) {
  std::string out;
  const int nt = s.n_types();
  auto note = [&](const std::string& what) {
    if (require_exact) fail("export to LAMMPS: {}", what);
    out += "# NOTE: " + what + "\n";
  };
  if (ff.style != ShortRangeStyle::Buckingham)
    note("the Pedone Morse + C0/r^12 form has no LAMMPS 2021 pair style; the lines below are not written");
  if (fs.coulomb == CoulombKind::None) note("Coulomb 'none' is not exported");
  if (!out.empty()) return out;
  if (fs.coulomb == CoulombKind::Dsf)
    out += fmt::format("pair_style born/coul/dsf {:.17g} {:.17g} {:.17g}\n", fs.dsf_alpha, fs.cutoff_sr, fs.cutoff_coul);
  else
    out += fmt::format("pair_style buck/coul/long {:.17g} {:.17g}\npair_modify table 0\n", fs.cutoff_sr, fs.cutoff_coul);
  if (fs.shift_sr) out += "pair_modify shift yes\n";
  const auto t = buckingham_table(ff, s.species);
  for (int i = 0; i < nt; ++i)
    for (int j = i; j < nt; ++j) {
      const auto& p = t[i * nt + j];
      const double rho = p.inv_rho > 0 ? 1.0 / p.inv_rho : 1.0;
      if (p.r0 > 0)
        note(fmt::format("{}-{}: the short-range correction B/r^n + D r^2 below r0 = {} Å is omitted", s.species[i],
                         s.species[j], p.r0));
      if (fs.coulomb == CoulombKind::Dsf)
        out += fmt::format("pair_coeff {} {} {:.17g} {:.17g} 0 {:.17g} 0  # {}-{}\n", i + 1, j + 1, p.A, rho, p.C,
                           s.species[i], s.species[j]);
      else
        out += fmt::format("pair_coeff {} {} {:.17g} {:.17g} {:.17g}  # {}-{}\n", i + 1, j + 1, p.A, rho, p.C,
                           s.species[i], s.species[j]);
    }
  if (fs.coulomb == CoulombKind::Ewald) out += fmt::format("kspace_style ewald {:.3g}\n", fs.ewald_accuracy);
  return out;
}

}  // namespace ionhop::md
