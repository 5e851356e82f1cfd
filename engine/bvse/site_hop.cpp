#include "engine/bvse/site_hop.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/error.hpp"
#include "kernels/bvse/path_kernels.hpp"

namespace ionhop::bvse {

namespace kb = kernels::bvse;
using Exec = Kokkos::DefaultExecutionSpace;

double SiteHopResult::barrier(const SiteNetwork& net, int h) const {
  return saddle_energy[h] - site_energy[net.hops[h].from];
}
double SiteHopResult::kra(const SiteNetwork& net, int h) const {
  const Hop& hop = net.hops[h];
  return saddle_energy[h] - 0.5 * (site_energy[hop.from] + site_energy[hop.to]);
}

// Named (not anonymous) namespace: CUDA extended lambdas need enclosing functions with external linkage.
namespace site_hop_detail {

void check(const PathOptions& o) {
  if (o.images < 3 || o.images > kb::kMaxImages) fail("BVSE: path images must be in 3..{} (got {})", kb::kMaxImages, o.images);
  if (o.iterations < 0) fail("BVSE: path iterations must be >= 0 (got {})", o.iterations);
  if (!(o.max_step > 0)) fail("BVSE: path max_step must be > 0 Å (got {})", o.max_step);
  if (!(o.site_radius >= 0)) fail("BVSE: site_radius must be >= 0 Å (got {})", o.site_radius);
}

// Index of the reverse of hop h (j -> i with the opposite image), or -1.
int reverse_hop(const SiteNetwork& net, int h) {
  const Hop& a = net.hops[h];
  for (int k = net.hop_offset[a.to]; k < net.hop_offset[a.to + 1]; ++k) {
    const Hop& b = net.hops[k];
    if (b.to == a.from && b.image[0] == -a.image[0] && b.image[1] == -a.image[1] && b.image[2] == -a.image[2]) return k;
  }
  return -1;
}

// Local minima near `start` (Cartesian, relaxed in place) within radius of `centre`.
std::vector<double> relax_points(const Field& f, std::vector<Vec3>& start, const std::vector<Vec3>& centre,
                                 double radius, int iterations) {
  const int n = int(start.size());
  Kokkos::View<double* [6], MemSpace> pts("bvse_relax", n);
  Kokkos::View<double*, MemSpace> e("bvse_relax_e", n);
  auto h = Kokkos::create_mirror_view(pts);
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < 3; ++c) h(i, c) = start[i][c], h(i, 3 + c) = centre[i][c];
  Kokkos::deep_copy(pts, h);
  const DeviceField field = f.device;
  Kokkos::parallel_for(
      "bvse_relax_sites", Kokkos::RangePolicy<Exec>(0, n), KOKKOS_LAMBDA(const int i) {
        double r[3] = {pts(i, 0), pts(i, 1), pts(i, 2)};
        const double c[3] = {pts(i, 3), pts(i, 4), pts(i, 5)};
        e(i) = kb::relax_in_sphere(field, r, c, radius, iterations);
        for (int k = 0; k < 3; ++k) pts(i, k) = r[k];
      });
  Kokkos::deep_copy(h, pts);
  auto he = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), e);
  for (int i = 0; i < n; ++i) start[i] = {h(i, 0), h(i, 1), h(i, 2)};
  return std::vector<double>(he.data(), he.data() + n);
}

Vec3 site_cart(const SiteNetwork& net, int s) { return frac_to_cart(net.lattice, net.sites[s].frac); }

}  // namespace site_hop_detail
using namespace site_hop_detail;

SiteHopResult compute_site_hop(const Field& f, const SiteNetwork& net, const PathOptions& opt) {
  check(opt);
  SiteHopResult r;
  const int ns = net.n_sites(), nh = int(net.hops.size());
  std::vector<Vec3> pos(ns), centre(ns);
  for (int s = 0; s < ns; ++s) pos[s] = centre[s] = site_cart(net, s);
  r.site_energy = relax_points(f, pos, centre, opt.site_radius, opt.site_iterations);
  r.site_shift.resize(ns);
  for (int s = 0; s < ns; ++s) r.site_shift[s] = pos[s] - centre[s];

  // One string per hop pair (the lower index of i->j and its reverse).
  std::vector<int> canon, partner(nh, -1);
  for (int h = 0; h < nh; ++h) {
    partner[h] = reverse_hop(net, h);
    if (partner[h] < 0 || partner[h] >= h) canon.push_back(h);
  }
  const int nc = int(canon.size()), ni = opt.images;
  Kokkos::View<double** [3], MemSpace> path("bvse_paths", nc, ni);
  Kokkos::View<double**, MemSpace> energy("bvse_path_e", nc, ni);
  Kokkos::View<double* [2], MemSpace> saddle("bvse_saddles", nc);
  auto hp = Kokkos::create_mirror_view(path);
  for (int c = 0; c < nc; ++c) {
    const Hop& hop = net.hops[canon[c]];
    const Vec3 a = pos[hop.from], b = centre[hop.from] + hop.vector + r.site_shift[hop.to];
    for (int k = 0; k < ni; ++k)
      for (int x = 0; x < 3; ++x) hp(c, k, x) = a[x] + (b[x] - a[x]) * k / (ni - 1);
  }
  Kokkos::deep_copy(path, hp);
  const DeviceField field = f.device;
  const int iters = opt.iterations;
  const double step = opt.max_step;
  Kokkos::parallel_for(
      "bvse_string_mep", Kokkos::RangePolicy<Exec>(0, nc), KOKKOS_LAMBDA(const int c) {
        double p[kb::kMaxImages][3], e[kb::kMaxImages];
        for (int k = 0; k < ni; ++k) {
          for (int x = 0; x < 3; ++x) p[k][x] = path(c, k, x);
          e[k] = field.energy(p[k]);
        }
        saddle(c, 1) = kb::path_maximum(e, ni);  // straight segment
        saddle(c, 0) = kb::string_mep(field, p, e, ni, iters, step);
        for (int k = 0; k < ni; ++k) {
          energy(c, k) = e[k];
          for (int x = 0; x < 3; ++x) path(c, k, x) = p[k][x];
        }
      });
  Kokkos::deep_copy(hp, path);
  auto hs = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), saddle);
  r.saddle_energy.assign(nh, 0);
  r.straight_saddle.assign(nh, 0);
  r.path.assign(nh, {});
  for (int c = 0; c < nc; ++c) {
    const int h = canon[c];
    const Hop& hop = net.hops[h];
    const Vec3 origin = centre[hop.from];
    std::vector<Vec3> images(ni);
    for (int k = 0; k < ni; ++k) images[k] = Vec3{hp(c, k, 0), hp(c, k, 1), hp(c, k, 2)} - origin;
    r.saddle_energy[h] = hs(c, 0);
    r.straight_saddle[h] = hs(c, 1);
    r.path[h] = images;
    if (const int q = partner[h]; q >= 0 && q != h) {
      r.saddle_energy[q] = hs(c, 0);
      r.straight_saddle[q] = hs(c, 1);
      std::vector<Vec3> rev(ni);
      for (int k = 0; k < ni; ++k) rev[k] = images[ni - 1 - k] - hop.vector;
      r.path[q] = rev;
    }
  }
  return r;
}

SiteHopResult decorated_site_hop(const Field& f, const SiteNetwork& sup, const SiteNetwork& unit,
                                 const SiteHopResult& ur, const PathOptions& opt) {
  check(opt);
  SiteHopResult r;
  const int ns = sup.n_sites(), nh = int(sup.hops.size());
  std::vector<Vec3> pos(ns), centre(ns);
  for (int s = 0; s < ns; ++s) {
    const int u = sup.sites[s].cell_site;
    if (u < 0 || u >= unit.n_sites()) fail("BVSE: supercell site {} has no unit-cell site (cell_site {})", s, u);
    centre[s] = site_cart(sup, s);
    pos[s] = centre[s] + ur.site_shift[u];
  }
  r.site_energy = relax_points(f, pos, centre, opt.site_radius, opt.site_iterations);
  r.site_shift.resize(ns);
  for (int s = 0; s < ns; ++s) r.site_shift[s] = pos[s] - centre[s];

  // Unit hop of each supercell hop: same unit sites, same Cartesian vector.
  std::vector<int> unit_hop(nh, -1), canon;
  for (int h = 0; h < nh; ++h) {
    const Hop& hop = sup.hops[h];
    const int uf = sup.sites[hop.from].cell_site, ut = sup.sites[hop.to].cell_site;
    for (int k = unit.hop_offset[uf]; k < unit.hop_offset[uf + 1]; ++k)
      if (unit.hops[k].to == ut && norm(unit.hops[k].vector - hop.vector) < 1e-4) unit_hop[h] = k;
    if (unit_hop[h] < 0 || ur.path[unit_hop[h]].empty())
      fail("BVSE: supercell hop {} ({} -> {}) has no unit-cell hop with a path", h, hop.from, hop.to);
  }
  std::vector<int> partner(nh, -1);
  for (int h = 0; h < nh; ++h) {
    partner[h] = reverse_hop(sup, h);
    if (partner[h] < 0 || partner[h] >= h) canon.push_back(h);
  }
  std::vector<Vec3> pts;
  std::vector<int> first(canon.size() + 1, 0);
  for (size_t c = 0; c < canon.size(); ++c) {
    const int h = canon[c];
    for (const Vec3& off : ur.path[unit_hop[h]]) pts.push_back(centre[sup.hops[h].from] + off);
    first[c + 1] = int(pts.size());
  }
  const std::vector<double> e = energies_at(f, pts);
  r.saddle_energy.assign(nh, 0);
  r.straight_saddle.assign(nh, std::numeric_limits<double>::quiet_NaN());  // not computed in this mode
  r.path.assign(nh, {});
  for (size_t c = 0; c < canon.size(); ++c) {
    const double s = kb::path_maximum(e.data() + first[c], first[c + 1] - first[c]);
    r.saddle_energy[canon[c]] = s;
    if (partner[canon[c]] >= 0) r.saddle_energy[partner[canon[c]]] = s;
  }
  return r;
}

std::vector<FieldAtom> decorated_atoms(const Crystal& supercell, const Decoration& dec,
                                       const std::map<std::string, int>& oxidation, const std::string& mobile,
                                       int mobile_oxidation, const SiteNetwork* net) {
  if (dec.framework_element.size() != supercell.atoms.size())
    fail("BVSE: decoration has {} framework entries for {} supercell atoms", dec.framework_element.size(),
         supercell.atoms.size());
  std::vector<FieldAtom> out;
  for (size_t a = 0; a < supercell.atoms.size(); ++a) {
    const std::string& el = dec.framework_element[a];
    if (el.empty() || el == mobile) continue;
    auto it = oxidation.find(el);
    if (it == oxidation.end()) fail("BVSE: no oxidation state for element {} of the decorated supercell", el);
    out.push_back({el, it->second, 1.0, supercell.atoms[a].frac});
  }
  if (!dec.site_dopant.empty() && (!net || net->sites.size() != dec.site_dopant.size()))
    fail("BVSE: the decoration has dopants on mobile sites but no matching supercell network was given");
  for (size_t i = 0; i < dec.site_dopant.size(); ++i)
    if (dec.site_dopant[i])
      out.push_back({dec.site_dopant_element.at(dec.site_dopant[i] - 1u), dec.site_dopant_oxidation.at(dec.site_dopant[i] - 1u),
                     1.0, net->sites[i].frac});
  if (dec.n_ions > 0) out.push_back({mobile, mobile_oxidation, double(dec.n_ions), {0, 0, 0}});
  return out;
}

std::map<std::string, int> oxidation_table(const Crystal& crystal, const CompositionSpec& spec) {
  std::map<std::string, int> t;
  for (const auto& s : crystal.sites)
    for (const auto& o : s.occupants) t[o.element] = o.oxidation;
  for (const auto& d : spec.dopants) t[d.dopant] = d.oxidation;
  return t;
}

std::vector<HopClassEnergies> hop_class_energies(const SiteNetwork& net, const SiteHopResult& r) {
  const int nc = int(net.hop_classes.size());
  std::vector<HopClassEnergies> out(nc);
  std::vector<int> count(nc, 0);
  std::vector<double> lo(nc, std::numeric_limits<double>::max()), hi(nc, -std::numeric_limits<double>::max());
  std::vector<double> ea(nc, 0), eb(nc, 0);
  std::vector<int> na(nc, 0), nb(nc, 0);
  for (int h = 0; h < int(net.hops.size()); ++h) {
    const Hop& hop = net.hops[h];
    const int c = hop.hop_class;
    const HopClass& hc = net.hop_classes[c];
    out[c].saddle += r.saddle_energy[h];
    out[c].straight_saddle += r.straight_saddle[h];
    lo[c] = std::min(lo[c], r.saddle_energy[h]);
    hi[c] = std::max(hi[c], r.saddle_energy[h]);
    ++count[c];
    const int sc = net.sites[hop.from].site_class;
    if (sc == hc.site_class_a) ea[c] += r.site_energy[hop.from], ++na[c];
    if (sc == hc.site_class_b) eb[c] += r.site_energy[hop.from], ++nb[c];
  }
  for (int c = 0; c < nc; ++c) {
    out[c].hop_class = c;
    out[c].length = net.hop_classes[c].length;
    if (!count[c]) continue;
    out[c].saddle /= count[c];
    out[c].straight_saddle /= count[c];
    out[c].spread = hi[c] - lo[c];
    const double a = na[c] ? ea[c] / na[c] : eb[c] / std::max(1, nb[c]);
    const double b = nb[c] ? eb[c] / nb[c] : a;
    out[c].barrier_ab = out[c].saddle - a;
    out[c].barrier_ba = out[c].saddle - b;
    out[c].kra = out[c].saddle - 0.5 * (a + b);
  }
  return out;
}

}  // namespace ionhop::bvse
