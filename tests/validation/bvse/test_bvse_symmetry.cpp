// E(r) of the shipped structures is invariant under their space-group operations (from spglib via
// finalize_crystal), at random points: checks the field, the periodic images and the occupancies.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "engine/bvse/field.hpp"
#include "engine/crystal/read_structure.hpp"

using namespace ionhop;
using namespace ionhop::bvse;

namespace {
void check_invariance(const std::string& file, const std::string& mobile) {
  const Crystal c = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/" + file);
  ASSERT_GT(c.symmetry.ops.size(), 1u) << file;
  FieldOptions o;
  o.mobile = mobile;
  const Field f = build_field(c, load_parameters(), o);
  std::mt19937 rng(2024);
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<size_t> pick(0, c.symmetry.ops.size() - 1);
  std::vector<Vec3> pts;
  for (int t = 0; t < 40; ++t) {
    const Vec3 x{u(rng), u(rng), u(rng)};
    const SymOp& op = c.symmetry.ops[pick(rng)];
    Vec3 y = op.trans;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) y[i] += op.rot[i][j] * x[j];
    pts.push_back(frac_to_cart(c.lattice, x));
    pts.push_back(frac_to_cart(c.lattice, y));
  }
  const auto e = energies_at(f, pts);
  double worst = 0;
  for (size_t t = 0; t < pts.size(); t += 2) {
    if (std::fabs(e[t]) > 100) continue;  // on top of a cation: 1/R, relative noise only
    worst = std::max(worst, std::fabs(e[t] - e[t + 1]));
    // The cell atoms are the symmetry images of the CIF sites, so E agrees to rounding (~1e-13 eV
    // observed); 1e-9 leaves room for summation order only.
    EXPECT_NEAR(e[t], e[t + 1], 1e-9 * (1 + std::fabs(e[t]))) << file << " point " << t / 2;
  }
  std::printf("%-28s %zu ops, largest |E(x) - E(Wx)| = %.2e eV\n", file.c_str(), c.symmetry.ops.size(), worst);
}
}  // namespace

TEST(BvseSymmetry, Nasicon) { check_invariance("nasicon_Na3Zr2Si2PO12.cif", "Na"); }
TEST(BvseSymmetry, Garnet) { check_invariance("garnet_Li7La3Zr2O12.cif", "Li"); }
TEST(BvseSymmetry, Na3PS4Cubic) { check_invariance("Na3PS4_cubic.cif", "Na"); }
TEST(BvseSymmetry, Na3PS4Tetragonal) { check_invariance("Na3PS4_tetragonal.cif", "Na"); }
TEST(BvseSymmetry, Li6PS5Cl) { check_invariance("Li6PS5Cl.cif", "Li"); }
TEST(BvseSymmetry, Lgps) { check_invariance("Li10GeP2S12.cif", "Li"); }
