#include "engine/bvse/harmonic_frequency.hpp"

#include <cmath>
#include <limits>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"

namespace ionhop::bvse {

double harmonic_frequency(double k, double m) {
  if (!(m > 0)) fail("harmonic frequency: mass must be > 0 u (got {})", m);
  if (!(k > 0)) return 0.0;
  // k/m in (eV/Å²)/u = eV/(Å·u) per Å: times 9648.533 gives ω² in ps⁻² (units.hpp).
  const double omega_per_ps = std::sqrt(k / m * units::eV_per_A_amu_to_A_per_ps2);
  constexpr double two_pi = 6.283185307179586;
  return omega_per_ps * 1e12 / two_pi;
}

std::vector<double> hop_curvatures(const EnergyAt& energy, const SiteNetwork& net, const SiteHopResult& sh, double step) {
  if (!(step > 0)) fail("curvature: step must be > 0 Å (got {})", step);
  const size_t nh = net.hops.size();
  if (sh.path.size() != nh) fail("curvature: {} paths for {} hops", sh.path.size(), nh);
  std::vector<Vec3> pts;
  std::vector<size_t> first(nh, 0);
  std::vector<bool> has(nh, false);
  for (size_t h = 0; h < nh; ++h) {
    const auto& p = sh.path[h];
    if (p.size() < 2) continue;
    Vec3 t = p[1] - p[0];
    const double len = norm(t);
    if (!(len > 0)) fail("curvature: hop {} has a path whose first two images coincide", h);
    t = (1 / len) * t;
    const Vec3 r0 = frac_to_cart(net.lattice, net.sites[net.hops[h].from].frac) + p[0];
    has[h] = true;
    first[h] = pts.size();
    pts.push_back(r0 - step * t);
    pts.push_back(r0);
    pts.push_back(r0 + step * t);
  }
  const std::vector<double> e = energy(pts);
  if (e.size() != pts.size()) fail("curvature: {} energies for {} points", e.size(), pts.size());
  std::vector<double> k(nh, std::numeric_limits<double>::quiet_NaN());
  for (size_t h = 0; h < nh; ++h)
    if (has[h]) k[h] = (e[first[h]] - 2 * e[first[h] + 1] + e[first[h] + 2]) / (step * step);
  return k;
}

std::vector<double> hop_curvatures(const Field& field, const SiteNetwork& net, const SiteHopResult& sh, double step) {
  return hop_curvatures([&](const std::vector<Vec3>& p) { return energies_at(field, p); }, net, sh, step);
}

std::vector<HopClassFrequency> hop_class_frequencies(const SiteNetwork& net, const std::vector<double>& k, double m) {
  if (k.size() != net.hops.size()) fail("hop class frequencies: {} curvatures for {} hops", k.size(), net.hops.size());
  const size_t nc = net.hop_classes.size();
  std::vector<HopClassFrequency> out(nc);
  std::vector<double> sa(nc, 0), sb(nc, 0);
  std::vector<int> na(nc, 0), nb(nc, 0);
  for (size_t h = 0; h < net.hops.size(); ++h) {
    if (std::isnan(k[h])) continue;
    const auto c = static_cast<size_t>(net.hops[h].hop_class);
    const int sc = net.sites[static_cast<size_t>(net.hops[h].from)].site_class;
    if (sc == net.hop_classes[c].site_class_a) sa[c] += k[h], ++na[c];
    if (sc == net.hop_classes[c].site_class_b) sb[c] += k[h], ++nb[c];
  }
  for (size_t c = 0; c < nc; ++c) {
    HopClassFrequency& f = out[c];
    f.hop_class = static_cast<int>(c);
    if (!na[c] || !nb[c]) continue;  // a class without hops (or paths) at one end: no ν
    f.curvature_a = sa[c] / na[c];
    f.curvature_b = sb[c] / nb[c];
    f.nu_a = harmonic_frequency(f.curvature_a, m);
    f.nu_b = harmonic_frequency(f.curvature_b, m);
    // Both ends minima: the geometric mean. One end not a minimum along the path (k <= 0: the site
    // sits on the path over a ridge, e.g. Na2 of cubic Na3PS4): the other end's ν. Neither: none.
    if (f.nu_a > 0 && f.nu_b > 0) f.nu = std::sqrt(f.nu_a * f.nu_b);
    else f.nu = f.nu_a > 0 ? f.nu_a : f.nu_b;
  }
  return out;
}

}  // namespace ionhop::bvse
