// Harmonic attempt frequencies (engine/bvse/harmonic_frequency.hpp): ν = (1/2π)√(k/m) of analytic
// wells against the SI formula, the curvature along the path's tangent (not along x), the central
// difference of anharmonic wells within its predicted error, and one ν per hop class.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/bvse/harmonic_frequency.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/elements.hpp"

using namespace ionhop;
using namespace ionhop::bvse;

namespace {

// ν from k (eV/Å²) and m (u) in SI units, independently of the code's unit chain.
double nu_si(double k, double m) {
  const double eV = 1.602176634e-19, angstrom = 1e-10, u = 1.66053906660e-27, pi = std::acos(-1.0);
  return std::sqrt(k * eV / (angstrom * angstrom) / (m * u)) / (2 * pi);
}

// Two sites A (frac 0) and B (frac 1/3 along a) of a 9 Å cubic cell, one A-B hop class, hops A->B
// and B->A; the paths leave each minimum along a given unit vector.
struct Toy {
  SiteNetwork net;
  SiteHopResult sh;
  Vec3 c_a, c_b;  // minima, Cartesian Å
};
Toy toy(const Vec3& u_a, const Vec3& u_b) {
  Toy t;
  SiteNetwork& n = t.net;
  n.species = "Li";
  n.lattice.rows = {{{9, 0, 0}, {0, 9, 0}, {0, 0, 9}}};
  n.site_classes = {{"Li1", 'a', 1, 1.0}, {"Li2", 'b', 1, 1.0}};
  n.sites = {{"Li1", 0, 0, {0, 0, 0}, 1, -1}, {"Li2", 1, 1, {1.0 / 3, 0, 0}, 1, -1}};
  n.hop_classes.push_back({0, 1, 3.0, 1, 1, 0.5, {}});
  Hop ab, ba;
  ab.from = 0, ab.to = 1, ab.vector = {3, 0, 0}, ab.length = 3, ab.hop_class = 0;
  ba.from = 1, ba.to = 0, ba.vector = {-3, 0, 0}, ba.length = 3, ba.hop_class = 0;
  n.hops = {ab, ba};
  n.hop_offset = {0, 1, 2};
  const Vec3 shift_a{0.1, -0.05, 0.2}, shift_b{-0.07, 0.12, 0.0};  // relaxed minima off the sites
  t.c_a = shift_a;
  t.c_b = Vec3{3, 0, 0} + shift_b;
  t.sh.path = {{shift_a, shift_a + 0.2 * u_a, shift_a + 0.4 * u_a}, {shift_b, shift_b + 0.2 * u_b, shift_b + 0.4 * u_b}};
  return t;
}
Vec3 unit(const Vec3& v) { return (1 / norm(v)) * v; }

// E near minimum c: f(s) along u (s = (r − c)·u) plus a stiff harmonic term across u.
double well(const Vec3& r, const Vec3& c, const Vec3& u, double (*f)(double, double, double), double p, double q) {
  const Vec3 d = r - c;
  const double s = dot(d, u);
  const Vec3 perp = d - s * u;
  return f(s, p, q) + 25.0 * dot(perp, perp);
}
double harmonic(double s, double k, double) { return 0.5 * k * s * s; }
double quartic(double s, double k, double c4) { return 0.5 * k * s * s + c4 * s * s * s * s; }
double morse(double s, double d0, double alpha) { return d0 * std::pow(1 - std::exp(-alpha * s), 2); }

EnergyAt two_wells(const Toy& t, const Vec3& u_a, const Vec3& u_b, double (*f)(double, double, double), double pa,
                   double qa, double pb, double qb) {
  return [=](const std::vector<Vec3>& pts) {
    std::vector<double> e;
    for (const Vec3& r : pts)
      e.push_back(norm(r - t.c_a) < norm(r - t.c_b) ? well(r, t.c_a, u_a, f, pa, qa) : well(r, t.c_b, u_b, f, pb, qb));
    return e;
  };
}

}  // namespace

TEST(BvseHarmonic, FrequencyOfAHarmonicWellForLiAndNa) {
  for (const char* el : {"Li", "Na"}) {
    const double m = atomic_mass(el);
    for (double k : {0.3, 1.7, 6.0}) EXPECT_NEAR(harmonic_frequency(k, m) / nu_si(k, m), 1.0, 1e-6) << el << " k " << k;
  }
  EXPECT_NEAR(atomic_mass("Li"), 6.94, 0.01);
  EXPECT_NEAR(atomic_mass("Na"), 22.99, 0.01);
  EXPECT_EQ(harmonic_frequency(-0.2, 6.94), 0.0);  // not a minimum: no frequency
  EXPECT_THROW(harmonic_frequency(1.0, 0.0), Error);
}

TEST(BvseHarmonic, CurvatureAlongThePathTangentGivesTheClassFrequency) {
  // Tilted tangents: the curvature must be taken along them (the stiff 50 eV/Å² across would show).
  const Vec3 u_a = unit({1, 0.4, -0.3}), u_b = unit({-1, 0.2, 0.5});
  const Toy t = toy(u_a, u_b);
  for (const char* el : {"Li", "Na"}) {
    const double m = atomic_mass(el), k_a = 2.3, k_b = 0.8;
    const auto k = hop_curvatures(two_wells(t, u_a, u_b, harmonic, k_a, 0, k_b, 0), t.net, t.sh);
    ASSERT_EQ(k.size(), 2u);
    EXPECT_NEAR(k[0] / k_a, 1.0, 1e-6);
    EXPECT_NEAR(k[1] / k_b, 1.0, 1e-6);
    const auto f = hop_class_frequencies(t.net, k, m);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_NEAR(f[0].nu_a / nu_si(k_a, m), 1.0, 1e-6) << el;
    EXPECT_NEAR(f[0].nu_b / nu_si(k_b, m), 1.0, 1e-6) << el;
    EXPECT_NEAR(f[0].nu / std::sqrt(nu_si(k_a, m) * nu_si(k_b, m)), 1.0, 1e-6) << el;
  }
}

TEST(BvseHarmonic, StepIsSmallEnoughForAnharmonicWells) {
  const Vec3 u = unit({0.3, 1, 0.2});
  const Toy t = toy(u, -1.0 * u);
  // Quartic ½kx² + c x⁴: the central difference gives k + 2cδ² exactly (a check of the stencil and δ).
  const double k = 1.5, c4 = 4.0;
  const auto kq = hop_curvatures(two_wells(t, u, -1.0 * u, quartic, k, c4, k, c4), t.net, t.sh);
  EXPECT_NEAR(kq[0], k + 2 * c4 * kCurvatureStep * kCurvatureStep, 1e-9);
  EXPECT_LT(std::abs(kq[0] / k - 1), 1e-3);  // a strong quartic term (equal to ½kx² at 0.43 Å) moves ν < 0.05 %
  // Morse wells with BVSE-like softness (α = 1/b, b = 0.37..0.48 Å in the softBV tables; here up to
  // 3 Å⁻¹): k = 2 D α², the central difference errs by (7/12) α² δ² (the quartic term's share).
  for (double alpha : {2.0, 3.0}) {
    const double d0 = 0.6, k_true = 2 * d0 * alpha * alpha;
    const auto km = hop_curvatures(two_wells(t, u, -1.0 * u, morse, d0, alpha, d0, alpha), t.net, t.sh);
    const double rel = km[0] / k_true - 1, predicted = 7.0 / 12 * alpha * alpha * kCurvatureStep * kCurvatureStep;
    EXPECT_NEAR(rel, predicted, 0.1 * predicted) << "alpha " << alpha;
    const auto f = hop_class_frequencies(t.net, km, atomic_mass("Li"));
    EXPECT_LT(std::abs(f[0].nu / harmonic_frequency(k_true, atomic_mass("Li")) - 1), 1e-3) << "alpha " << alpha;
  }
}

TEST(BvseHarmonic, EndsWithoutPathsOrMinima) {
  const Vec3 u = unit({1, 0, 0});
  Toy t = toy(u, -1.0 * u);
  t.sh.path[1].clear();  // B->A without a path: end B unknown, no ν for the class
  const auto k = hop_curvatures(two_wells(t, u, -1.0 * u, harmonic, 1.0, 0, 1.0, 0), t.net, t.sh);
  EXPECT_TRUE(std::isnan(k[1]));
  EXPECT_EQ(hop_class_frequencies(t.net, k, 6.94)[0].nu, 0.0);
  const auto kneg = hop_curvatures(two_wells(toy(u, -1.0 * u), u, -1.0 * u, harmonic, -0.5, 0, 1.0, 0), t.net, toy(u, -1.0 * u).sh);
  EXPECT_LT(kneg[0], 0.0);
  const auto f = hop_class_frequencies(t.net, kneg, 6.94);
  EXPECT_EQ(f[0].nu_a, 0.0);  // a maximum along the path: no ν at that end...
  EXPECT_EQ(f[0].nu, f[0].nu_b);  // ...the class takes the other end's
  EXPECT_NEAR(f[0].nu / nu_si(1.0, 6.94), 1.0, 1e-6);
  const auto both = hop_curvatures(two_wells(toy(u, -1.0 * u), u, -1.0 * u, harmonic, -0.5, 0, -0.1, 0), t.net, toy(u, -1.0 * u).sh);
  EXPECT_EQ(hop_class_frequencies(t.net, both, 6.94)[0].nu, 0.0);  // neither end a minimum: none
}
