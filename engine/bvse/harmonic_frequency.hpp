#pragma once
// Attempt frequencies from the BVSE landscape (doc/theory/bvse.md §3b): 1-D harmonic transition-
// state theory (Vineyard, J. Phys. Chem. Solids 3, 121 (1957)), ν = (1/2π) √(k/m), with k the
// curvature of E at a site's minimum along the hop path's tangent there and m the mobile ion's mass.
#include <functional>
#include <vector>

#include "engine/bvse/field.hpp"
#include "engine/bvse/site_hop.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::bvse {

// Finite-difference step of the curvature, Å: well inside the harmonic region (thermal amplitudes
// at 300 K are ~0.1 Å) and large enough that rounding of E (~10⁻¹⁴ eV) stays far below k δ².
inline constexpr double kCurvatureStep = 0.01;

// ν = (1/2π) √(k/m), Hz, for k in eV/Å² (> 0) and m in u. 0 when k <= 0 (not a minimum).
double harmonic_frequency(double curvature_eV_A2, double mass_u);

// E (eV) at Cartesian points (Å): the BVSE field, or an analytic function in tests.
using EnergyAt = std::function<std::vector<double>(const std::vector<Vec3>&)>;

// Per directed hop h: k = [E(r0 + δt) − 2E(r0) + E(r0 − δt)] / δ² (eV/Å²), r0 the path's first image
// (the from-site minimum) and t the unit vector from it to the second image (the path's tangent at
// the start). NaN for hops without a path. One batch of 3 points per hop.
std::vector<double> hop_curvatures(const EnergyAt& energy, const SiteNetwork& net, const SiteHopResult& sh,
                                   double step = kCurvatureStep);
std::vector<double> hop_curvatures(const Field& field, const SiteNetwork& net, const SiteHopResult& sh,
                                   double step = kCurvatureStep);

// One hop class: curvatures at its two ends (mean over its hops out of site class a, resp. b; equal
// by symmetry in a unit cell), their frequencies (0 where k <= 0), and the class's ν, the same for
// both directions so that detailed balance holds: √(ν_a ν_b), or the one end's ν where the other end
// is not a minimum along the path, or 0 where neither is.
struct HopClassFrequency {
  int hop_class = 0;
  double curvature_a = 0, curvature_b = 0;  // eV/Å²
  double nu_a = 0, nu_b = 0;                // Hz
  double nu = 0;                            // Hz, the class's
};
std::vector<HopClassFrequency> hop_class_frequencies(const SiteNetwork& net, const std::vector<double>& curvature,
                                                     double mass_u);

}  // namespace ionhop::bvse
