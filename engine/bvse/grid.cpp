#include "engine/bvse/grid.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "kernels/bvse/grid_kernel.hpp"

namespace ionhop::bvse {

std::array<int, 3> grid_shape(const Lattice& lattice, double spacing) {
  if (!(spacing > 0)) fail("BVSE: grid spacing must be > 0 Å (got {})", spacing);
  std::array<int, 3> n{};
  for (int i = 0; i < 3; ++i) n[i] = std::max(2, static_cast<int>(std::ceil(norm(lattice.rows[i]) / spacing - 1e-9)));
  return n;
}

Grid compute_grid(const Field& field, double spacing, double energy_cap) {
  Grid g;
  g.lattice = field.lattice;
  g.n = grid_shape(field.lattice, spacing);
  g.energy_cap = energy_cap;
  const double total = double(g.n[0]) * g.n[1] * g.n[2];
  if (total > 2.0e9) fail("BVSE: grid of {}x{}x{} points is too large; use a coarser spacing than {} Å", g.n[0], g.n[1], g.n[2], spacing);
  const int n_pts = static_cast<int>(total);
  Kokkos::View<double*, MemSpace> e("bvse_grid_energy", n_pts), r("bvse_grid_radius", n_pts);
  const int n[3] = {g.n[0], g.n[1], g.n[2]};
  kernels::bvse::compute_grid<Kokkos::DefaultExecutionSpace>(field.device, n, energy_cap, e, r);
  auto he = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), e);
  auto hr = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), r);
  g.energy.assign(he.data(), he.data() + n_pts);
  g.free_radius.assign(hr.data(), hr.data() + n_pts);
  const auto [lo, hi] = std::minmax_element(g.energy.begin(), g.energy.end());
  g.e_min = *lo;
  g.e_max = *hi;
  return g;
}

}  // namespace ionhop::bvse
