// BVSE benchmark (prints a table; not a timed test):
//  1. grid time per shipped structure at 0.2 Å (and the percolation energies, grid and refined);
//  2. NASICON grid convergence 0.2 vs 0.1 Å (pass --fine);
//  3. site/hop energies of a ~10^4-site decorated NASICON supercell (unit-cell strings + frozen paths).
// Usage: bench_bvse [--fine] [--skip-grid]
#include <chrono>
#include <cstring>
#include <string>

#include <Kokkos_Core.hpp>
#include <fmt/core.h>

#include "engine/bvse/grid.hpp"
#include "engine/bvse/grid_percolation.hpp"
#include "engine/bvse/percolation_refine.hpp"
#include "engine/bvse/site_hop.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"

using namespace ionhop;
using Clock = std::chrono::steady_clock;

namespace {
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
std::string structure(const char* f) { return std::string(IONHOP_REPO_DIR) + "/structures/" + f; }

void grid_row(const char* file, const char* mobile, double spacing) {
  const Crystal c = read_structure(structure(file));
  bvse::FieldOptions o;
  o.mobile = mobile;
  const bvse::Field f = bvse::build_field(c, bvse::load_parameters(), o);
  auto t0 = Clock::now();
  const bvse::Grid g = bvse::compute_grid(f, spacing);
  const double tg = since(t0);
  t0 = Clock::now();
  const auto t = bvse::percolation_energies(g.energy, g.n, 1e-3);
  const double tp = since(t0);
  t0 = Clock::now();
  const auto r = bvse::refine_percolation(f, g, t, 1e-3);
  const double tr = since(t0);
  fmt::print("| {:26s} | {:4.2f} | {:>3}x{:>3}x{:>3} | {:7.2f} | {:6.2f} | {:6.2f} | {:.3f} {:.3f} {:.3f} | {:.3f} {:.3f} {:.3f} |\n", file,
             spacing, g.n[0], g.n[1], g.n[2], tg, tp, tr, t.value[0], t.value[1], t.value[2], r.energies.value[0],
             r.energies.value[1], r.energies.value[2]);
}
}  // namespace

int main(int argc, char** argv) {
  Kokkos::ScopeGuard guard(argc, argv);
  bool fine = false, skip_grid = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--fine")) fine = true;
    if (!std::strcmp(argv[i], "--skip-grid")) skip_grid = true;
  }
  fmt::print("Kokkos execution space: {}, concurrency {}\n", Kokkos::DefaultExecutionSpace::name(),
             Kokkos::DefaultExecutionSpace().concurrency());
  if (!skip_grid) {
    fmt::print("| structure | h/A | grid | grid s | perc s | refine s | E_1D E_2D E_3D grid (eV) | refined (eV) |\n|---|---|---|---|---|---|---|---|\n");
    const std::pair<const char*, const char*> all[] = {
        {"nasicon_Na3Zr2Si2PO12.cif", "Na"}, {"garnet_Li7La3Zr2O12.cif", "Li"}, {"Na3PS4_cubic.cif", "Na"},
        {"Na3PS4_tetragonal.cif", "Na"},     {"Li6PS5Cl.cif", "Li"},            {"Li10GeP2S12.cif", "Li"}};
    for (const auto& [f, m] : all) grid_row(f, m, 0.2);
    if (fine) grid_row("nasicon_Na3Zr2Si2PO12.cif", "Na", 0.1);
  }

  // Site/hop mode on a decorated NASICON supercell of ~10^4 sites.
  const Crystal unit = read_structure(structure("nasicon_Na3Zr2Si2PO12.cif"));
  NetworkOptions no;
  no.species = "Na";
  const SiteNetwork net = build_network(unit, no);
  bvse::FieldOptions fo;
  fo.mobile = "Na";
  const auto params = bvse::load_parameters();
  const bvse::Field uf = bvse::build_field(unit, params, fo);
  auto t0 = Clock::now();
  const bvse::SiteHopResult ur = bvse::compute_site_hop(uf, net);
  const double t_unit = since(t0);
  const std::array<int, 3> n{7, 7, 8};
  const Crystal sc = make_supercell(unit, n);
  const SiteNetwork sup = make_supercell_network(net, n);
  CompositionSpec spec;
  spec.dopants.push_back({"Zr", "Sc", 0.10, -1, 3});
  t0 = Clock::now();
  const Decoration dec = decorate(sc, sup, spec, 1, 0);
  const bvse::Field df = bvse::build_field(sc.lattice, bvse::decorated_atoms(sc, dec, bvse::oxidation_table(unit, spec), "Na", 1), params, fo);
  const double t_field = since(t0);
  t0 = Clock::now();
  const bvse::SiteHopResult r = bvse::decorated_site_hop(df, sup, net, ur);
  const double t_sup = since(t0);
  double kmin = 1e9, kmax = -1e9;
  for (int h = 0; h < int(sup.hops.size()); ++h) {
    kmin = std::min(kmin, r.kra(sup, h));
    kmax = std::max(kmax, r.kra(sup, h));
  }
  fmt::print("\nNASICON site/hop: unit cell {} sites {} hops: {:.2f} s (strings)\n", net.n_sites(), net.hops.size(), t_unit);
  fmt::print("supercell {}x{}x{}: {} sites, {} directed hops, 10% Zr->Sc ({} Na): decoration+field {:.2f} s, "
             "site/hop energies {:.2f} s, KRA range {:.3f}..{:.3f} eV\n",
             n[0], n[1], n[2], sup.n_sites(), sup.hops.size(), dec.n_ions, t_field, t_sup, kmin, kmax);
  return 0;
}
