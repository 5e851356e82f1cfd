#include "engine/md/md_system.hpp"

#include <cmath>


#include "engine/core/error.hpp"
#include "engine/md/md_domain.hpp"

namespace ionhop::md {

double MdSystem::total_charge() const {
  auto hq = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), q);
  double s = 0;
  for (int i = 0; i < n_owned; ++i) s += hq(i);
  return sum_over_ranks(*this, s);
}

long MdSystem::n_global() const { return std::lround(sum_over_ranks(*this, static_cast<double>(n_owned))); }

double sum_over_ranks(const MdSystem& s, double local) { return sum_over_ranks(s, std::vector<double>{local})[0]; }

std::vector<double> sum_over_ranks(const MdSystem& s, const std::vector<double>& local) {
  return s.domain ? s.domain->sum(local) : local;
}

bool adds_global_terms(const MdSystem& s) { return !s.domain || s.domain->grid().rank() == 0; }

Mat3 MdSystem::cell() const {
  return {{{box.xx, 0, 0}, {box.xy, box.yy, 0}, {box.xz, box.yz, box.zz}}};
}

md_kernels::Box box_from_cell(const Mat3& rows) {
  const Vec3 &a = rows[0], &b = rows[1], &c = rows[2];
  if (det(rows) <= 0) fail("MD box: cell vectors must be right-handed and non-degenerate (det = {})", det(rows));
  md_kernels::Box bx;
  bx.xx = norm(a);
  bx.xy = dot(b, a) / bx.xx;
  bx.yy = std::sqrt(dot(b, b) - bx.xy * bx.xy);
  bx.xz = dot(c, a) / bx.xx;
  bx.yz = (dot(b, c) - bx.xy * bx.xz) / bx.yy;
  bx.zz = std::sqrt(dot(c, c) - bx.xz * bx.xz - bx.yz * bx.yz);
  return bx;
}

Vec3 to_box_frame(const Mat3& rows, const md_kernels::Box& box, const Vec3& cart) {
  // fractional coordinates in the original cell, then Cartesian in the box frame
  const Vec3 f = matvec(inverse(transpose(rows)), cart);
  const double ff[3] = {f[0], f[1], f[2]};
  double r[3];
  box.to_cart(ff, r);
  return {r[0], r[1], r[2]};
}

std::array<double, 3> perpendicular_widths(const md_kernels::Box& b) {
  // width along d = V / |cross of the other two vectors|
  const Vec3 a{b.xx, 0, 0}, bb{b.xy, b.yy, 0}, c{b.xz, b.yz, b.zz};
  const double v = b.volume();
  return {v / norm(cross(bb, c)), v / norm(cross(c, a)), v / norm(cross(a, bb))};
}

double min_perpendicular_width(const md_kernels::Box& b) {
  const auto w = perpendicular_widths(b);
  return std::min({w[0], w[1], w[2]});
}

MdSystem make_system(const Mat3& cell_rows, const std::vector<Vec3>& frac, const std::vector<int>& types,
                     const std::vector<std::string>& species, const std::vector<double>& type_charge,
                     const std::vector<double>& type_mass) {
  if (frac.size() != types.size()) fail("MD system: {} positions but {} types", frac.size(), types.size());
  if (type_charge.size() != species.size() || type_mass.size() != species.size())
    fail("MD system: charges/masses must be given for each of the {} species", species.size());
  MdSystem s;
  s.box = box_from_cell(cell_rows);
  s.species = species;
  s.type_charge = type_charge;
  s.type_mass = type_mass;
  const int n = static_cast<int>(frac.size());
  s.x = Kokkos::View<double* [3], MemSpace>("md::x", n);
  s.v = Kokkos::View<double* [3], MemSpace>("md::v", n);
  s.f = Kokkos::View<double* [3], MemSpace>("md::f", n);
  s.image = Kokkos::View<int* [3], MemSpace>("md::image", n);
  s.type = Kokkos::View<int*, MemSpace>("md::type", n);
  s.q = Kokkos::View<double*, MemSpace>("md::q", n);
  s.mass = Kokkos::View<double*, MemSpace>("md::mass", n);
  s.id = Kokkos::View<std::int64_t*, MemSpace>("md::id", n);
  s.hop_site = Kokkos::View<int*, MemSpace>("md::hop_site", n);
  s.hop_watch = Kokkos::View<int*, MemSpace>("md::hop_watch", n);
  Kokkos::deep_copy(s.hop_site, -1);
  s.n_owned = n;
  auto hid = Kokkos::create_mirror_view(s.id);
  auto hx = Kokkos::create_mirror_view(s.x);
  auto ht = Kokkos::create_mirror_view(s.type);
  auto hq = Kokkos::create_mirror_view(s.q);
  auto hm = Kokkos::create_mirror_view(s.mass);
  for (int i = 0; i < n; ++i) {
    const int t = types[i];
    if (t < 0 || t >= static_cast<int>(species.size())) fail("MD system: atom {} has type {} out of range", i, t);
    if (!(type_mass[t] > 0)) fail("MD system: species '{}' has mass {} (must be > 0)", species[t], type_mass[t]);
    const double f[3] = {frac[i][0], frac[i][1], frac[i][2]};
    double r[3];
    s.box.to_cart(f, r);
    for (int d = 0; d < 3; ++d) hx(i, d) = r[d];
    ht(i) = t;
    hq(i) = type_charge[t];
    hm(i) = type_mass[t];
    hid(i) = i;
  }
  Kokkos::deep_copy(s.id, hid);
  Kokkos::deep_copy(s.x, hx);
  Kokkos::deep_copy(s.type, ht);
  Kokkos::deep_copy(s.q, hq);
  Kokkos::deep_copy(s.mass, hm);
  return s;
}

}  // namespace ionhop::md
