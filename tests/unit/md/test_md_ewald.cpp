// Ewald summation against the Madelung constant of rock salt, and independence of the splitting
// parameter alpha (energy, forces, virial) on a perturbed triclinic cell.
#include <cmath>

#include <gtest/gtest.h>

#include "engine/md/force_compute.hpp"
#include "md_test_systems.hpp"

namespace ionhop::md {
namespace {

TEST(MdEwald, RockSaltMadelungConstant) {
  const int n = 4;
  const double a = 5.64;
  std::vector<Vec3> frac;
  std::vector<int> type;
  for (int i = 0; i < 2 * n; ++i)
    for (int j = 0; j < 2 * n; ++j)
      for (int k = 0; k < 2 * n; ++k) {
        frac.push_back({(i + 0.5) / (2 * n), (j + 0.5) / (2 * n), (k + 0.5) / (2 * n)});
        type.push_back((i + j + k) % 2);
      }
  const Mat3 cell{{{n * a, 0, 0}, {0, n * a, 0}, {0, 0, n * a}}};
  MdSystem s = make_system(cell, frac, type, {"Cl", "Na"}, {-1.0, 1.0}, {35.45, 22.99});
  ForceField ff;  // Coulomb only
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 10.0;
  fs.coulomb = CoulombKind::Ewald;
  fs.ewald_accuracy = 1e-12;
  ForceCompute fc(ff, s, fs);
  const auto ev = fc.compute(s, true);
  const double madelung = 1.747564594633182;  // NaCl, referred to the nearest-neighbour distance
  const double e_ref = -madelung * fs.coulomb_constant / (a / 2) * (s.n_atoms() / 2);
  EXPECT_NEAR(ev.e, e_ref, 1e-10 * std::abs(e_ref));
  // cubic symmetry: isotropic virial equal to the energy (Coulomb energy is homogeneous of degree -1)
  for (int d = 0; d < 3; ++d) EXPECT_NEAR(ev.v[d], ev.e / 3, 1e-9 * std::abs(ev.e));
  for (int d = 3; d < 6; ++d) EXPECT_NEAR(ev.v[d], 0.0, 1e-9 * std::abs(ev.e));
  auto f = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.f);
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int d = 0; d < 3; ++d) ASSERT_NEAR(f(i, d), 0.0, 1e-9);
}

TEST(MdEwald, ResultIndependentOfSplittingParameter) {
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  const MdAtoms at = test::na2o_atoms(5, 0.3, 11);
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 7.0;
  fs.skin = 0.5;
  fs.coulomb = CoulombKind::Ewald;
  fs.ewald_accuracy = 1e-13;
  std::vector<double> e;
  std::vector<std::vector<double>> f, w;
  for (double alpha : {0.70, 0.90}) {
    fs.ewald_alpha = alpha;  // erfc(0.7 x 7) = 4e-12 relative real-space truncation at most
    MdSystem s = system_from_atoms(at, ff);
    ForceCompute fc(ff, s, fs);
    const auto ev = fc.compute(s, true);
    e.push_back(ev.e);
    w.emplace_back(ev.v, ev.v + 6);
    auto hf = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.f);
    f.emplace_back();
    for (int i = 0; i < s.n_atoms(); ++i)
      for (int d = 0; d < 3; ++d) f.back().push_back(hf(i, d));
  }
  // the real-space truncation at alpha = 0.7, rc = 7 (2 a r exp(-a^2 r^2)/sqrt(pi) ~ 2e-10) bounds it
  EXPECT_NEAR(e[0], e[1], 1e-8 * std::abs(e[0]));
  double fmax = 0, dmax = 0;
  for (size_t k = 0; k < f[0].size(); ++k) {
    fmax = std::max(fmax, std::abs(f[0][k]));
    dmax = std::max(dmax, std::abs(f[0][k] - f[1][k]));
  }
  EXPECT_LT(dmax, 1e-6 * fmax);
  for (int c = 0; c < 6; ++c) EXPECT_NEAR(w[0][c], w[1][c], 1e-7 * std::abs(w[0][0]));
}

}  // namespace
}  // namespace ionhop::md
