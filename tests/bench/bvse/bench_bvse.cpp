#include <chrono>
#include <fmt/core.h>
#include <Kokkos_Core.hpp>
#include "engine/bvse/grid.hpp"
#include "engine/bvse/grid_percolation.hpp"
#include "engine/crystal/read_structure.hpp"
using namespace ionhop;
int main(int argc, char** argv) {
  Kokkos::ScopeGuard g(argc, argv);
  auto c = read_structure(argv[1]);
  bvse::FieldOptions o; o.mobile = argv[2]; if (argc > 4) o.charge_scaling = false;
  auto p = bvse::load_parameters("/work/main/potentials/bvse_parameters.toml");
  auto f = bvse::build_field(c, p, o);
  auto t0 = std::chrono::steady_clock::now();
  auto grid = bvse::compute_grid(f, atof(argv[3]));
  auto t1 = std::chrono::steady_clock::now();
  auto te = bvse::percolation_energies(grid.energy, grid.n, 1e-3);
  auto tr = bvse::percolation_radii(grid.free_radius, grid.n, 1e-3);
  auto t2 = std::chrono::steady_clock::now();
  fmt::print("{} atoms {} grid {}x{}x{} s_q {:.4f} grid {:.2f}s perc {:.2f}s  E {:.3f} {:.3f} {:.3f}  r {:.3f} {:.3f} {:.3f} emin {:.3f}\n",
    argv[1], f.framework.size(), grid.n[0], grid.n[1], grid.n[2], f.s_q,
    std::chrono::duration<double>(t1-t0).count(), std::chrono::duration<double>(t2-t1).count(),
    te.value[0], te.value[1], te.value[2], tr.value[0], tr.value[1], tr.value[2], grid.e_min);
}
