// Grid mode on a crystal built in code: grid values equal point evaluations, minima respect the
// symmetry, the percolation of a cubic framework is 3D with E_1D = E_2D = E_3D, exports are readable.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "engine/bvse/grid.hpp"
#include "engine/core/error.hpp"
#include "engine/bvse/grid_export.hpp"
#include "engine/bvse/grid_minima.hpp"
#include "engine/bvse/grid_percolation.hpp"
#include "test_crystals.hpp"

using namespace ionhop;
using namespace ionhop::bvse;

namespace {
Field cubic_field() {
  FieldOptions o;
  o.mobile = "Li";
  return build_field(test::cubic(4.1), test::cubic_framework(), load_parameters(), o);
}
}  // namespace

TEST(BvseGrid, ShapeAndValues) {
  const Field f = cubic_field();
  const Grid g = compute_grid(f, 0.2);
  EXPECT_EQ(g.n, (std::array<int, 3>{21, 21, 21}));  // ceil(4.1 / 0.2)
  for (size_t idx : {size_t(1), size_t(777), g.size() - 5}) {
    const double e = energies_at(f, {frac_to_cart(g.lattice, g.frac(idx))})[0];
    EXPECT_NEAR(g.energy[idx], std::min(e, g.energy_cap), 1e-12);
  }
  EXPECT_EQ(g.energy[0], g.energy_cap);  // the La position: erfc(0)/0 is capped
  EXPECT_THROW(compute_grid(f, 0.0), Error);
}

TEST(BvseGrid, CubicFrameworkPercolatesIn3DAtOneEnergy) {
  const Grid g = compute_grid(cubic_field(), 0.1);
  const auto t = percolation_energies(g.energy, g.n, 1e-4);
  // By cubic symmetry the three axes are equivalent: the first channel opens all three at once.
  EXPECT_GT(t.value[0], 0.0);
  EXPECT_NEAR(t.value[1], t.value[0], 2e-4);
  EXPECT_NEAR(t.value[2], t.value[0], 2e-4);
  const auto r = percolation_radii(g.free_radius, g.n, 1e-4);
  EXPECT_NEAR(r.value[2], r.value[0], 2e-4);
}

TEST(BvseGrid, MinimaFormSymmetryOrbits) {
  const Grid g = compute_grid(cubic_field(), 0.1);
  const auto ops = test::cubic_ops();
  const auto minima = find_minima(g, ops, 1.5, 0.3);
  ASSERT_FALSE(minima.empty());
  EXPECT_NEAR(minima[0].energy, 0.0, 1e-12);
  for (const auto& m : minima) {
    // Every image of a minimum under an operation is a grid minimum position of the same energy.
    for (const auto& x : orbit(g.lattice, m.frac, ops, 0.3)) {
      const size_t idx = g.index(int(std::lround(x[0] * g.n[0])) % g.n[0], int(std::lround(x[1] * g.n[1])) % g.n[1],
                                 int(std::lround(x[2] * g.n[2])) % g.n[2]);
      EXPECT_NEAR(g.energy[idx] - g.e_min, m.energy, 1e-9);
    }
    EXPECT_GE(m.multiplicity, 1);
    EXPECT_LE(m.multiplicity, 48);
  }
}

TEST(BvseGrid, ExportsCubeAndHdf5) {
  const Field f = cubic_field();
  const Grid g = compute_grid(f, 0.5);
  const std::string cube = ::testing::TempDir() + "bvse_test.cube", h5 = ::testing::TempDir() + "bvse_test.h5";
  write_cube(cube, g, g.energy, f.framework, "energy (eV)");
  std::ifstream in(cube);
  std::string l1, l2;
  int natoms = 0, n0 = 0;
  std::getline(in, l1);
  std::getline(in, l2);
  double ox, oy, oz, vx, vy, vz;
  in >> natoms >> ox >> oy >> oz >> n0 >> vx >> vy >> vz;
  EXPECT_EQ(natoms, int(f.framework.size()));
  EXPECT_EQ(n0, g.n[0]);
  EXPECT_NEAR(vx * 0.529177210903, 4.1 / g.n[0], 1e-5);
  GridReport rep;
  rep.mobile = "Li";
  write_hdf5(h5, g, rep);
  std::ifstream hin(h5, std::ios::binary);
  char sig[8];
  hin.read(sig, 8);
  EXPECT_EQ(std::string(sig + 1, 3), "HDF");
  std::remove(cube.c_str());
  std::remove(h5.c_str());
}
