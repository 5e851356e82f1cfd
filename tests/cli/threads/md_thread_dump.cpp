// Writes what the MD engine computes for a fixed system — energy, virial and forces for DSF and for
// Ewald, then the positions after 20 NVE steps with a Bussi thermostat — as text with 17 digits,
// for compare_threads.py to compare between runs at 1, 2 and 4 threads.
// Usage: md_thread_dump OUT.txt
#include <cstdio>
#include <string>

#include <Kokkos_Core.hpp>

#include "engine/md/integrator.hpp"
#include "../../unit/md/md_test_systems.hpp"

namespace md = ionhop::md;

namespace {

md::ForceSettings settings(md::CoulombKind coul) {
  md::ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 7.0;
  fs.skin = 0.8;
  fs.coulomb = coul;
  fs.dsf_alpha = 0.25;
  fs.shift_sr = true;
  return fs;
}

void dump_view(std::FILE* out, const char* what, const Kokkos::View<double* [3], md::MemSpace>& v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  for (size_t i = 0; i < h.extent(0); ++i)
    std::fprintf(out, "%s %zu %.17g %.17g %.17g\n", what, i, h(i, 0), h(i, 1), h(i, 2));
}

void dump_case(std::FILE* out, const char* name, md::CoulombKind coul) {
  const md::ForceField ff = md::read_force_field(md::test::potential("teter_du_buckingham.toml"));
  // 6x6x6 primitive Na2O cells: 648 atoms, a triclinic box, every atom off its site.
  md::MdSystem s = md::system_from_atoms(md::test::na2o_atoms(6, 0.08, 3), ff);
  md::ForceCompute fc(ff, s, settings(coul));
  const auto ev = fc.compute(s, true);
  std::fprintf(out, "%s energy %.17g\n", name, ev.e);
  for (int k = 0; k < 6; ++k) std::fprintf(out, "%s virial%d %.17g\n", name, k, ev.v[k]);
  dump_view(out, (std::string(name) + "_force").c_str(), s.f);

  md::initialize_velocities(s, 900, 11);
  md::IntegratorSettings st;
  st.dt = 0.002;
  st.thermostat = md::Thermostat::Bussi;
  st.temperature = 900;
  md::Integrator in(s, fc, st);
  in.run(20);
  std::fprintf(out, "%s conserved_after_20 %.17g\n", name, in.thermo().conserved);
  dump_view(out, (std::string(name) + "_x20").c_str(), s.x);
}

}  // namespace

int main(int argc, char** argv) {
  Kokkos::ScopeGuard kokkos(argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: md_thread_dump OUT.txt\n");
    return 2;
  }
  std::FILE* out = std::fopen(argv[1], "w");
  if (!out) return 2;
  std::fprintf(out, "backend %s threads %d\n", Kokkos::DefaultExecutionSpace::name(),
               static_cast<int>(Kokkos::DefaultExecutionSpace().concurrency()));
  dump_case(out, "dsf", md::CoulombKind::Dsf);
  dump_case(out, "ewald", md::CoulombKind::Ewald);
  return std::fclose(out) == 0 ? 0 : 1;
}
