#include "engine/bvse/field.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"

namespace ionhop::bvse {

std::vector<FieldAtom> crystal_atoms(const Crystal& crystal) {
  std::vector<FieldAtom> out;
  for (const auto& atom : crystal.atoms) {
    const CrystalSite& site = crystal.sites.at(atom.site);
    for (const auto& occ : site.occupants) out.push_back({occ.element, occ.oxidation, occ.occupancy, atom.frac});
  }
  return out;
}

double charge_scaling_factor(const std::vector<FieldAtom>& atoms, const Parameters& p) {
  double anion = 0, cation = 0;
  for (const auto& a : atoms) {
    if (a.oxidation == 0) fail("BVSE: element {} has oxidation state 0; give its oxidation state", a.element);
    const double w = a.occupancy * a.oxidation / std::sqrt(static_cast<double>(p.ion(a.element).n));
    (a.oxidation < 0 ? anion : cation) += w;
  }
  if (!(cation > 0) || !(anion < 0)) fail("BVSE: the structure needs both cations and anions to scale charges");
  return -anion / cation;
}

Field build_field(const Lattice& lattice, const std::vector<FieldAtom>& atoms, const Parameters& p,
                  const FieldOptions& opt) {
  if (!(opt.cutoff > 0)) fail("BVSE: cutoff must be > 0 (got {})", opt.cutoff);
  if (!(opt.screening_factor > 0)) fail("BVSE: screening factor must be > 0 (got {})", opt.screening_factor);
  Field f;
  f.lattice = lattice;
  f.options = opt;
  f.s_q = opt.charge_scaling ? charge_scaling_factor(atoms, p) : 1.0;
  const IonParameters& mob = p.ion(opt.mobile);
  int mobile_q = 0;
  for (const auto& a : atoms) {
    if (a.element == opt.mobile) {
      mobile_q = a.oxidation;
      f.mobile_charge += a.occupancy * a.oxidation;
    } else if (a.occupancy > 0) {
      f.framework.push_back(a);
    }
  }
  if (mobile_q == 0) mobile_q = 1;  // structure without the mobile ion: the probe is A+
  if (mobile_q <= 0) fail("BVSE: mobile species {} must be a cation (oxidation {})", opt.mobile, mobile_q);

  // Bins of ~2.5 Å thickness along each lattice direction.
  const Mat3 inv = inverse(lattice.rows);
  const int n_atoms = static_cast<int>(f.framework.size());
  DeviceField& d = f.device;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      d.cell[i][j] = lattice.rows[i][j];
      d.inv[i][j] = inv[i][j];
    }
    const double col = std::sqrt(inv[0][i] * inv[0][i] + inv[1][i] * inv[1][i] + inv[2][i] * inv[2][i]);
    d.nb[i] = std::max(1, static_cast<int>(std::floor(1.0 / col / 2.5)));
    d.reach[i] = static_cast<int>(std::ceil(opt.cutoff * col * d.nb[i]));
  }
  d.cutoff2 = opt.cutoff * opt.cutoff;
  const int n_bins = d.nb[0] * d.nb[1] * d.nb[2];
  auto bin_of = [&](const Vec3& fr) {
    int b[3];
    for (int i = 0; i < 3; ++i) b[i] = std::min(d.nb[i] - 1, static_cast<int>(std::floor(wrap01(fr[i]) * d.nb[i])));
    return (b[0] * d.nb[1] + b[1]) * d.nb[2] + b[2];
  };
  std::vector<int> order(n_atoms);
  for (int a = 0; a < n_atoms; ++a) order[a] = a;
  std::stable_sort(order.begin(), order.end(),
                   [&](int x, int y) { return bin_of(f.framework[x].frac) < bin_of(f.framework[y].frac); });

  d.bin_start = Kokkos::View<int*, MemSpace>("bvse_bin_start", n_bins + 1);
  d.frac = Kokkos::View<double* [3], MemSpace>("bvse_frac", n_atoms);
  d.kind = Kokkos::View<int*, MemSpace>("bvse_kind", n_atoms);
  d.par = Kokkos::View<double* [3], MemSpace>("bvse_par", n_atoms);
  d.radius = Kokkos::View<double*, MemSpace>("bvse_radius", n_atoms);
  auto h_start = Kokkos::create_mirror_view(d.bin_start);
  auto h_frac = Kokkos::create_mirror_view(d.frac);
  auto h_kind = Kokkos::create_mirror_view(d.kind);
  auto h_par = Kokkos::create_mirror_view(d.par);
  auto h_rad = Kokkos::create_mirror_view(d.radius);
  for (int b = 0; b <= n_bins; ++b) h_start(b) = 0;
  std::vector<FieldAtom> sorted;
  sorted.reserve(n_atoms);
  for (int s = 0; s < n_atoms; ++s) {
    const FieldAtom& a = f.framework[order[s]];
    sorted.push_back(a);
    h_start(bin_of(a.frac) + 1) += 1;
    const Vec3 w = wrap01(a.frac);
    for (int i = 0; i < 3; ++i) h_frac(s, i) = w[i];
    const IonParameters& ion = p.ion(a.element);
    if (!ion.shannon_radius) fail("{}: [ion.{}] lacks shannon_radius (needed for the free-radius map)", p.source, a.element);
    h_rad(s) = *ion.shannon_radius;
    if (a.oxidation < 0) {
      const PairParameters& pp = p.pair(opt.mobile, a.element);
      h_kind(s) = kernels::bvse::kAnion;
      h_par(s, 0) = a.occupancy * pp.D0 / 2;
      h_par(s, 1) = pp.alpha;
      h_par(s, 2) = pp.Rmin;
    } else if (a.oxidation > 0) {
      h_kind(s) = kernels::bvse::kCation;
      h_par(s, 0) = a.occupancy * units::coulomb_eV_A * f.s_q * (mobile_q / std::sqrt(double(mob.n))) *
                    (a.oxidation / std::sqrt(double(ion.n)));
      h_par(s, 1) = 1.0 / (opt.screening_factor * (mob.rc + ion.rc));
      h_par(s, 2) = 0;
    } else {
      fail("BVSE: element {} has oxidation state 0; give its oxidation state", a.element);
    }
  }
  for (int b = 0; b < n_bins; ++b) h_start(b + 1) += h_start(b);
  f.framework = std::move(sorted);
  Kokkos::deep_copy(d.bin_start, h_start);
  Kokkos::deep_copy(d.frac, h_frac);
  Kokkos::deep_copy(d.kind, h_kind);
  Kokkos::deep_copy(d.par, h_par);
  Kokkos::deep_copy(d.radius, h_rad);
  return f;
}

namespace {
Kokkos::View<double* [3], MemSpace> to_device(const std::vector<Vec3>& pts) {
  Kokkos::View<double* [3], MemSpace> v("bvse_points", pts.size());
  auto h = Kokkos::create_mirror_view(v);
  for (size_t i = 0; i < pts.size(); ++i)
    for (int k = 0; k < 3; ++k) h(i, k) = pts[i][k];
  Kokkos::deep_copy(v, h);
  return v;
}
}  // namespace

std::vector<double> energies_at(const Field& f, const std::vector<Vec3>& cart, std::vector<Vec3>* gradient) {
  const int n = static_cast<int>(cart.size());
  auto pts = to_device(cart);
  Kokkos::View<double* [4], MemSpace> out("bvse_eval", n);
  const DeviceField field = f.device;
  Kokkos::parallel_for(
      "bvse_energies_at", Kokkos::RangePolicy<Kokkos::DefaultExecutionSpace>(0, n), KOKKOS_LAMBDA(const int i) {
        const double r[3] = {pts(i, 0), pts(i, 1), pts(i, 2)};
        double g[3];
        out(i, 0) = field.energy(r, g);
        out(i, 1) = g[0];
        out(i, 2) = g[1];
        out(i, 3) = g[2];
      });
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), out);
  std::vector<double> e(n);
  if (gradient) gradient->resize(n);
  for (int i = 0; i < n; ++i) {
    e[i] = h(i, 0);
    if (gradient) (*gradient)[i] = {h(i, 1), h(i, 2), h(i, 3)};
  }
  return e;
}

std::vector<double> free_radii_at(const Field& f, const std::vector<Vec3>& cart) {
  const int n = static_cast<int>(cart.size());
  auto pts = to_device(cart);
  Kokkos::View<double*, MemSpace> out("bvse_radius_eval", n);
  const DeviceField field = f.device;
  Kokkos::parallel_for(
      "bvse_free_radii_at", Kokkos::RangePolicy<Kokkos::DefaultExecutionSpace>(0, n), KOKKOS_LAMBDA(const int i) {
        const double r[3] = {pts(i, 0), pts(i, 1), pts(i, 2)};
        out(i) = field.free_radius(r);
      });
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), out);
  return std::vector<double>(h.data(), h.data() + n);
}

}  // namespace ionhop::bvse
