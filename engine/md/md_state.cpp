#include "engine/md/md_state.hpp"

#include "engine/core/error.hpp"

namespace ionhop::md {

std::vector<double> to_vector(const Kokkos::View<double* [3], MemSpace>& v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  std::vector<double> out(3 * v.extent(0));
  for (size_t i = 0; i < v.extent(0); ++i)
    for (int d = 0; d < 3; ++d) out[3 * i + d] = h(i, d);
  return out;
}

void from_vector(const std::vector<double>& in, const Kokkos::View<double* [3], MemSpace>& v) {
  if (in.size() != 3 * v.extent(0)) fail("state: {} values for {} atoms", in.size(), v.extent(0));
  auto h = Kokkos::create_mirror_view(v);
  for (size_t i = 0; i < v.extent(0); ++i)
    for (int d = 0; d < 3; ++d) h(i, d) = in[3 * i + d];
  Kokkos::deep_copy(v, h);
}

void save_system(StateArrays& a, const MdSystem& s) {
  a.f64["system/x"] = to_vector(s.x);
  a.f64["system/v"] = to_vector(s.v);
  a.f64["system/f"] = to_vector(s.f);
  auto im = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.image);
  std::vector<std::int64_t> image(3 * static_cast<size_t>(s.n_atoms()));
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int d = 0; d < 3; ++d) image[3 * i + d] = im(i, d);
  a.i64["system/image"] = image;
  // the cell changes under a barostat
  a.f64["system/box"] = {s.box.xx, s.box.yy, s.box.zz, s.box.xy, s.box.xz, s.box.yz};
}

void restore_system(const StateArrays& a, MdSystem& s) {
  const auto n3 = 3 * static_cast<size_t>(s.n_atoms());
  from_vector(a.doubles("system/x", n3), s.x);
  from_vector(a.doubles("system/v", n3), s.v);
  from_vector(a.doubles("system/f", n3), s.f);
  const auto& image = a.ints("system/image", n3);
  auto im = Kokkos::create_mirror_view(s.image);
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int d = 0; d < 3; ++d) im(i, d) = static_cast<int>(image[3 * i + d]);
  Kokkos::deep_copy(s.image, im);
  if (a.f64.count("system/box")) {  // checkpoints before NPT have no box: it was the initial one
    const auto& b = a.doubles("system/box", 6);
    s.box.xx = b[0], s.box.yy = b[1], s.box.zz = b[2], s.box.xy = b[3], s.box.xz = b[4], s.box.yz = b[5];
  }
}

}  // namespace ionhop::md
