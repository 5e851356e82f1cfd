// BVSE energy field: analytic Morse limits, gradient, periodic images and symmetry.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/bvse/field.hpp"
#include "engine/core/error.hpp"
#include "test_crystals.hpp"

using namespace ionhop;
using namespace ionhop::bvse;

namespace {
const Parameters& params() {
  static const Parameters p = load_parameters();
  return p;
}
FieldOptions no_scaling(const std::string& mobile) {
  FieldOptions o;
  o.mobile = mobile;
  o.charge_scaling = false;
  return o;
}
}  // namespace

// One anion in a cell much larger than the cutoff: E(R) is the Morse term alone, minimum −D0/2 at Rmin.
TEST(BvseField, SingleAnionMorseMinimumAtRmin) {
  const auto& pp = params().pair("Li", "O");
  const Field f = build_field(test::cubic(30.0), {{"O", -2, 1.0, {0.5, 0.5, 0.5}}}, params(), no_scaling("Li"));
  std::vector<Vec3> pts;
  const Vec3 c{15, 15, 15};
  for (int i = -200; i <= 200; ++i) pts.push_back(c + Vec3{pp.Rmin + 0.002 * i, 0, 0});
  const auto e = energies_at(f, pts);
  EXPECT_NEAR(e[200], -pp.D0 / 2, 1e-12);
  for (size_t i = 0; i < e.size(); ++i) EXPECT_GE(e[i], e[200]) << i;
  // Far away the well vanishes: beyond the cutoff nothing is counted.
  EXPECT_EQ(energies_at(f, {c + Vec3{10.5, 0, 0}})[0], 0.0);
}

// Probe midway between two identical anions 2d apart: twice the one-anion value at distance d.
TEST(BvseField, MidpointOfTwoAnionsIsTwiceSingleAnion) {
  for (const std::string mobile : {"Li", "Na"}) {
    const auto& pp = params().pair(mobile, "S");
    for (double d : {1.8, 2.4, 3.1}) {
      const double a = 40.0;
      const Field two = build_field(test::cubic(a), {{"S", -2, 1.0, {0.5 - d / a, 0.5, 0.5}}, {"S", -2, 1.0, {0.5 + d / a, 0.5, 0.5}}},
                                    params(), no_scaling(mobile));
      const double e = energies_at(two, {{20, 20, 20}})[0];
      const double x = std::exp(pp.alpha * (pp.Rmin - d));
      EXPECT_NEAR(e, 2 * pp.D0 / 2 * ((x - 1) * (x - 1) - 1), 1e-12) << mobile << " d=" << d;
    }
  }
}

// Screened Coulomb of one cation, with and without charge scaling.
TEST(BvseField, ScreenedCoulombOfOneCation) {
  const std::vector<FieldAtom> atoms = {{"Zr", 4, 1.0, {0.5, 0.5, 0.5}}, {"O", -2, 1.0, {0.0, 0.0, 0.0}},
                                        {"O", -2, 1.0, {0.0, 0.0, 0.5}}, {"Li", 1, 1.0, {0.0, 0.5, 0.0}}};
  const auto& li = params().ion("Li");
  const auto& zr = params().ion("Zr");
  const double R = 1.7;
  for (bool scaled : {false, true}) {
    FieldOptions o;
    o.mobile = "Li";
    o.charge_scaling = scaled;
    const Field f = build_field(test::cubic(40.0), atoms, params(), o);
    const double sq = scaled ? (2 * 2 / std::sqrt(2.0)) / (4 / std::sqrt(5.0) + 1 / std::sqrt(2.0)) : 1.0;
    EXPECT_NEAR(f.s_q, sq, 1e-14);
    const double e = energies_at(f, {{20 + R, 20, 20}})[0];
    const double ref = 14.399645478425668 * sq * (1 / std::sqrt(2.0)) * (4 / std::sqrt(5.0)) / R *
                       std::erfc(R / (0.74 * (li.rc + zr.rc)));
    EXPECT_NEAR(e, ref, 1e-12 * std::fabs(ref));
  }
}

// Analytic gradient against central differences in a dense skewed cell.
TEST(BvseField, GradientMatchesFiniteDifferences) {
  Lattice l;
  l.rows = {{{5.1, 0, 0}, {1.3, 4.7, 0}, {-0.8, 0.9, 6.2}}};
  const std::vector<FieldAtom> atoms = {{"Zr", 4, 0.5, {0.1, 0.2, 0.3}}, {"Si", 4, 1.0, {0.6, 0.1, 0.8}},
                                        {"O", -2, 1.0, {0.3, 0.7, 0.1}}, {"O", -2, 0.8, {0.9, 0.4, 0.5}}};
  FieldOptions o;
  o.mobile = "Na";
  const Field f = build_field(l, atoms, params(), o);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  for (int t = 0; t < 20; ++t) {
    const Vec3 r = frac_to_cart(l, {u(rng), u(rng), u(rng)});
    std::vector<Vec3> g;
    energies_at(f, {r}, &g);
    const double h = 1e-5;
    for (int c = 0; c < 3; ++c) {
      Vec3 rp = r, rm = r;
      rp[c] += h, rm[c] -= h;
      const auto e = energies_at(f, {rp, rm});
      const double fd = (e[0] - e[1]) / (2 * h);
      EXPECT_NEAR(g[0][c], fd, 1e-5 * (1 + std::fabs(fd))) << "point " << t << " axis " << c;
    }
  }
}

// The same atoms described in a 2x1x3 supercell give the same E at the same points: checks the
// binning and the periodic images for cells smaller and larger than the cutoff.
TEST(BvseField, SupercellGivesSameEnergy) {
  Lattice l;
  l.rows = {{{5.1, 0, 0}, {1.3, 4.7, 0}, {-0.8, 0.9, 6.2}}};
  const std::vector<FieldAtom> atoms = {{"Zr", 4, 0.5, {0.1, 0.2, 0.3}}, {"Si", 4, 1.0, {0.6, 0.1, 0.8}},
                                        {"O", -2, 1.0, {0.3, 0.7, 0.1}}, {"O", -2, 0.8, {0.9, 0.4, 0.5}},
                                        {"Na", 1, 0.5, {0.5, 0.5, 0.5}}};
  Lattice big;
  big.rows = {{2.0 * l.rows[0], 1.0 * l.rows[1], 3.0 * l.rows[2]}};
  std::vector<FieldAtom> sup;
  for (int i = 0; i < 2; ++i)
    for (int k = 0; k < 3; ++k)
      for (auto a : atoms) {
        a.frac = {(a.frac[0] + i) / 2, a.frac[1], (a.frac[2] + k) / 3};
        sup.push_back(a);
      }
  FieldOptions o;
  o.mobile = "Na";
  const Field f1 = build_field(l, atoms, params(), o), f2 = build_field(big, sup, params(), o);
  EXPECT_NEAR(f1.s_q, f2.s_q, 1e-14);
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-1, 2);
  std::vector<Vec3> pts;
  for (int t = 0; t < 50; ++t) pts.push_back(frac_to_cart(l, {u(rng), u(rng), u(rng)}));
  const auto e1 = energies_at(f1, pts), e2 = energies_at(f2, pts);
  const auto r1 = free_radii_at(f1, pts), r2 = free_radii_at(f2, pts);
  for (size_t t = 0; t < pts.size(); ++t) {
    EXPECT_NEAR(e1[t], e2[t], 1e-10 * (1 + std::fabs(e1[t]))) << t;
    EXPECT_NEAR(r1[t], r2[t], 1e-12) << t;
  }
}

// E is invariant under the 48 operations of m-3m for a cubic Pm-3m framework, at random points.
TEST(BvseField, InvariantUnderCubicSymmetry) {
  FieldOptions o;
  o.mobile = "Li";
  const Lattice l = test::cubic(4.1);
  const Field f = build_field(l, test::cubic_framework(), params(), o);
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  for (int t = 0; t < 20; ++t) {
    const Vec3 x{u(rng), u(rng), u(rng)};
    std::vector<Vec3> pts;
    for (const auto& op : test::cubic_ops()) {
      Vec3 y = op.trans;
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) y[i] += op.rot[i][j] * x[j];
      pts.push_back(frac_to_cart(l, y));
    }
    const auto e = energies_at(f, pts);
    for (size_t k = 1; k < e.size(); ++k) EXPECT_NEAR(e[k], e[0], 1e-10 * (1 + std::fabs(e[0]))) << "op " << k;
  }
}

TEST(BvseField, MissingParametersNameTheElement) {
  try {
    build_field(test::cubic(5), {{"Xe", 2, 1.0, {0, 0, 0}}, {"O", -2, 1.0, {0.5, 0.5, 0.5}}}, params(), no_scaling("Li"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Xe"), std::string::npos) << e.what();
  }
}
