// Forces = -dE/dx (central differences) and virial = -dE/dstrain for every pair style and Coulomb
// method; neighbour list against brute force; kernels against the closed-form expressions.
#include <cmath>

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/md/force_compute.hpp"
#include "kernels/md/coulomb.hpp"
#include "kernels/md/erfc.hpp"
#include "kernels/md/short_range.hpp"
#include "md_test_systems.hpp"

namespace ionhop::md {
namespace {

namespace mk = md_kernels;

std::vector<double> get_x(const MdSystem& s) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  std::vector<double> v(3 * s.n_atoms());
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int d = 0; d < 3; ++d) v[3 * i + d] = h(i, d);
  return v;
}
void set_x(MdSystem& s, const std::vector<double>& v) {
  auto h = Kokkos::create_mirror_view(s.x);
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int d = 0; d < 3; ++d) h(i, d) = v[3 * i + d];
  Kokkos::deep_copy(s.x, h);
}

// Energy with a fresh neighbour list (finite differences must not depend on list state).
double energy(const ForceField& ff, MdSystem& s, const ForceSettings& fs) {
  ForceCompute fc(ff, s, fs);
  return fc.compute(s, true).e;
}

// Distance of the pairs of atom i (or of all pairs, i < 0) to the cutoff: finite differences
// across the truncation step of an unshifted potential are meaningless, so the tests only use
// atoms / strains for which no pair is within the finite-difference band of it.
double min_gap_to_cutoff(const MdSystem& s, double rc, int only = -1) {
  auto x = get_x(s);
  const Mat3 cell = s.cell();
  const Mat3 inv_t = inverse(transpose(cell));
  double gap = 1e9;
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int j = i + 1; j < s.n_atoms(); ++j) {
      if (only >= 0 && i != only && j != only) continue;
      Vec3 d{x[3 * j] - x[3 * i], x[3 * j + 1] - x[3 * i + 1], x[3 * j + 2] - x[3 * i + 2]};
      Vec3 f = min_image_frac(matvec(inv_t, d));
      d = matvec(transpose(cell), f);
      gap = std::min(gap, std::abs(norm(d) - rc));
    }
  return gap;
}

void check_forces_fd(const ForceField& ff, MdSystem& s, const ForceSettings& fs, double tol,
                     std::vector<int> atoms = {}) {
  const double h = 1e-3;
  if (atoms.empty())  // spread over the cell, skipping atoms with a pair near the cutoff
    for (int k = 0; k < 6; ++k)
      for (int i = k * s.n_atoms() / 6; i < s.n_atoms(); ++i)
        if (min_gap_to_cutoff(s, fs.cutoff_sr, i) > 3 * h && min_gap_to_cutoff(s, fs.cutoff_coul, i) > 3 * h) {
          atoms.push_back(i);
          break;
        }
  if (atoms.size() < 2) FAIL() << "no atom away from the cutoff";
  ForceCompute fc(ff, s, fs);
  fc.compute(s, true);
  const auto x0 = get_x(s);  // wrapped by the build
  // a copy (a host mirror of a host View would alias s.f, which the energies below overwrite)
  auto hf = Kokkos::create_mirror(s.f);
  Kokkos::deep_copy(hf, s.f);
  double worst = 0;
  for (int i : atoms)
    for (int d = 0; d < 3; ++d) {
      double e[4];
      const double step[4] = {-2 * h, -h, h, 2 * h};
      for (int k = 0; k < 4; ++k) {
        auto x = x0;
        x[3 * i + d] += step[k];
        set_x(s, x);
        e[k] = energy(ff, s, fs);
      }
      const double f_fd = -(8 * (e[2] - e[1]) - (e[3] - e[0])) / (12 * h);
      const double scale = std::max(1.0, std::abs(hf(i, d)));
      worst = std::max(worst, std::abs(f_fd - hf(i, d)) / scale);
      EXPECT_NEAR(f_fd, hf(i, d), tol * scale) << "atom " << i << " dir " << d;
    }
  set_x(s, x0);
  std::printf("  max relative force error vs finite differences: %.2e\n", worst);
}

// W_ab = -dE/d eps_ab for the upper-triangular strains that keep the LAMMPS box form.
void check_virial_fd(const ForceField& ff, const MdAtoms& at, const ForceSettings& fs, double tol) {
  MdSystem s = system_from_atoms(at, ff);
  ForceCompute fc(ff, s, fs);
  const mk::EnergyVirial ev = fc.compute(s, true);
  const int comp[6][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
  const double h = 1e-6;
  double wmax = 0;
  for (double w : ev.v) wmax = std::max(wmax, std::abs(w));
  for (int c = 0; c < 6; ++c) {
    double e[2];
    for (int k = 0; k < 2; ++k) {
      // strain acting on Cartesian vectors in the box frame: r' = (1 + eps) r
      MdSystem t = system_from_atoms(at, ff);
      Mat3 cell = t.cell();
      Mat3 eps{};
      eps[comp[c][0]][comp[c][1]] = (k == 0 ? -h : h);
      for (int r = 0; r < 3; ++r) cell[r] = cell[r] + matvec(eps, cell[r]);
      MdSystem u = make_system(cell, at.frac, [&] {
        std::vector<int> ty;
        auto ht = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), t.type);
        for (int i = 0; i < t.n_atoms(); ++i) ty.push_back(ht(i));
        return ty;
      }(), t.species, t.type_charge, t.type_mass);
      e[k] = energy(ff, u, fs);
    }
    const double w_fd = -(e[1] - e[0]) / (2 * h);
    EXPECT_NEAR(w_fd, ev.v[c], tol * wmax) << "virial component " << c;
  }
}

ForceSettings base_settings(CoulombKind c) {
  ForceSettings fs;
  fs.cutoff_sr = 6.5;
  fs.cutoff_coul = 6.5;
  fs.skin = 0.5;
  fs.coulomb = c;
  fs.dsf_alpha = 0.25;
  fs.ewald_accuracy = 1e-8;
  return fs;
}

TEST(MdKernels, BuckinghamCorrectionIsContinuousAndConsistent) {
  // Na–O of the Teter/Du set: the correction replaces Buckingham below r0 = 1.172 Å
  mk::BuckinghamParams p{4383.7555, 1 / 0.243838, 30.70, 48.264, 2.893, -4.730, 1.172};
  Kokkos::View<mk::BuckinghamParams*, Kokkos::HostSpace> v("p", 1);
  v(0) = p;
  mk::Buckingham<Kokkos::HostSpace> b{v, 1, 100.0};
  auto ef = [&](double r, double& e, double& f) {
    e = f = 0;
    b.eval(0, 0, r * r, r, 1 / r, e, f);
  };
  double e1, f1, e2, f2;
  ef(p.r0 - 1e-9, e1, f1);
  ef(p.r0 + 1e-9, e2, f2);
  EXPECT_NEAR(e1, e2, 0.02 * std::abs(e2));  // published parameters: continuous to their 4 digits
  for (double r : {0.8, 1.0, 1.15, 1.3, 2.0, 3.5}) {
    const double h = 1e-5;
    double ep, em, e, f, dummy;
    ef(r + h, ep, dummy);
    ef(r - h, em, dummy);
    ef(r, e, f);
    EXPECT_NEAR(-(ep - em) / (2 * h), f * r, 1e-7 * std::max(1.0, std::abs(f * r))) << "r = " << r;
  }
  double e, f;
  ef(1.0, e, f);
  EXPECT_NEAR(e, 48.264 - 4.730, 1e-12);  // B/1^n + D·1^2
}

TEST(MdKernels, MorseMatchesClosedForm) {
  mk::MorseParams p{0.023363, 1.763867, 3.006315, 5.0};  // Pedone Na–O
  Kokkos::View<mk::MorseParams*, Kokkos::HostSpace> v("p", 1);
  v(0) = p;
  mk::Morse<Kokkos::HostSpace> m{v, 1, 100.0};
  for (double r : {1.5, 2.4, 3.0, 5.0}) {
    double e = 0, f = 0;
    m.eval(0, 0, r * r, r, 1 / r, e, f);
    const double ex = std::exp(-p.alpha * (r - p.r0));
    EXPECT_NEAR(e, p.D0 * (ex * ex - 2 * ex) + p.C0 / std::pow(r, 12), 1e-14);
    const double h = 1e-5;
    double ep = 0, em = 0, d = 0;
    m.eval(0, 0, (r + h) * (r + h), r + h, 1 / (r + h), ep, d);
    m.eval(0, 0, (r - h) * (r - h), r - h, 1 / (r - h), em, d);
    EXPECT_NEAR(-(ep - em) / (2 * h), f * r, 1e-8);
  }
}

TEST(MdKernels, DsfPairVanishesSmoothlyAtCutoff) {
  mk::CoulombDsf<mk::ErfcExact> c;
  const double a = 0.2, rc = 9.0;
  c.alpha = a;
  c.cut2 = rc * rc;
  c.f_shift = -(std::erfc(a * rc) / (rc * rc) + mk::two_over_sqrt_pi * a * std::exp(-a * a * rc * rc) / rc);
  c.e_shift = std::erfc(a * rc) / rc - c.f_shift * rc;
  const double r = rc - 1e-7;
  double e = 0, f = 0;
  c.eval(1.0, r * r, r, 1 / r, e, f);
  EXPECT_NEAR(e, 0.0, 1e-12);
  EXPECT_NEAR(f, 0.0, 1e-9);
  // Fennell–Gezelter: E = erfc(ar)/r - erfc(a rc)/rc + (erfc(a rc)/rc^2 + 2a/sqrt(pi) e^{-a^2rc^2}/rc)(r - rc)
  const double r2 = 3.1;
  e = f = 0;
  c.eval(1.0, r2 * r2, r2, 1 / r2, e, f);
  const double ref = std::erfc(a * r2) / r2 - std::erfc(a * rc) / rc +
                     (std::erfc(a * rc) / (rc * rc) + mk::two_over_sqrt_pi * a * std::exp(-a * a * rc * rc) / rc) * (r2 - rc);
  EXPECT_NEAR(e, ref, 1e-14);
}

TEST(MdKernels, PolynomialErfcWithinAbramowitzStegunBound) {
  for (double x = 0; x < 6; x += 0.01)
    EXPECT_LE(std::abs(mk::ErfcPoly::eval(x, std::exp(-x * x)) - std::erfc(x)), 1.5e-7) << x;
}

TEST(MdNeighborList, HalfListHoldsEveryPairOnceWithinCutoff) {
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  MdSystem s = system_from_atoms(test::na2o_atoms(5, 0.3, 1), ff);
  NeighborList nl(6.0, 0.7);
  nl.build(s);
  auto x = get_x(s);
  const Mat3 cell = s.cell(), inv_t = inverse(transpose(cell));
  long brute = 0;
  const double rl2 = 6.7 * 6.7;
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int j = i + 1; j < s.n_atoms(); ++j) {
      Vec3 d{x[3 * j] - x[3 * i], x[3 * j + 1] - x[3 * i + 1], x[3 * j + 2] - x[3 * i + 2]};
      d = matvec(transpose(cell), min_image_frac(matvec(inv_t, d)));
      if (dot(d, d) < rl2) ++brute;
    }
  EXPECT_EQ(nl.n_pairs(), brute);
  EXPECT_GT(brute, 10 * s.n_atoms());
}

TEST(MdNeighborList, RejectsCutoffAboveHalfWidth) {
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  MdSystem s = system_from_atoms(test::na2o_atoms(3, 0.0, 1), ff);  // width 3 x 3.2 Å
  NeighborList nl(6.0, 0.5);
  EXPECT_THROW(nl.build(s), Error);
}

class MdForcesFD : public ::testing::TestWithParam<std::tuple<std::string, CoulombKind>> {};

TEST_P(MdForcesFD, ForcesAreMinusEnergyGradient) {
  const auto [pot, coul] = GetParam();
  const ForceField ff = read_force_field(test::potential(pot));
  ForceSettings fs = base_settings(coul);
  MdSystem s = system_from_atoms(test::na2o_atoms(5, 0.25, 3), ff);
  check_forces_fd(ff, s, fs, 2e-7);
}

TEST_P(MdForcesFD, VirialIsMinusStrainDerivative) {
  const auto [pot, coul] = GetParam();
  const ForceField ff = read_force_field(test::potential(pot));
  const ForceSettings fs = base_settings(coul);
  unsigned seed = 5;
  MdAtoms at = test::na2o_atoms(5, 0.25, seed);
  while (min_gap_to_cutoff(system_from_atoms(at, ff), fs.cutoff_sr) < 2e-5) at = test::na2o_atoms(5, 0.25, ++seed);
  check_virial_fd(ff, at, fs, 1e-6);
}

INSTANTIATE_TEST_SUITE_P(Styles, MdForcesFD,
                         ::testing::Values(std::make_tuple("teter_du_buckingham.toml", CoulombKind::Dsf),
                                           std::make_tuple("teter_du_buckingham.toml", CoulombKind::Ewald),
                                           std::make_tuple("pedone2006.toml", CoulombKind::Dsf),
                                           std::make_tuple("pedone2006.toml", CoulombKind::Ewald),
                                           std::make_tuple("teter_du_buckingham.toml", CoulombKind::None)));

TEST(MdForces, TeterCorrectionRegionByFiniteDifferences) {
  // One Na pushed to 1.0 Å from its O: the Na–O pair is inside r0 = 1.172 Å (correction active).
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  MdAtoms at = test::na2o_atoms(5, 0.0, 1);
  // atom 0 is O at the origin, atom 1 is Na at (a/4)(1,1,1): move it to 1.0 Å along (1,1,1)
  const Mat3 inv_t = inverse(transpose(at.cell));
  const double s3 = 1.0 / std::sqrt(3.0);
  at.frac[1] = matvec(inv_t, Vec3{s3, s3, s3});
  MdSystem s = system_from_atoms(at, ff);
  check_forces_fd(ff, s, base_settings(CoulombKind::Dsf), 2e-7, {0, 1});
}

}  // namespace
}  // namespace ionhop::md
