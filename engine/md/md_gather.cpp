#include "engine/md/md_gather.hpp"

#include <cmath>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/md/md_domain.hpp"

namespace ionhop::md {

namespace {
// Rows of (id, values...) of the owned atoms chosen by `take`, gathered on rank 0 and written
// there by `put(id, values)`.
template <class Take, class Put>
void gather_rows(const MdSystem& part, int width, Take take, Put put) {
  if (!part.domain) fail("md gather: the system is not distributed");
  auto id = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), part.id);
  std::vector<double> local;
  local.reserve(static_cast<size_t>(part.n_atoms()) * (width + 1));
  std::vector<double> row(width);
  for (int i = 0; i < part.n_atoms(); ++i) {
    if (!take(i, row.data())) continue;
    local.push_back(static_cast<double>(id(i)));  // exact below 2^53
    local.insert(local.end(), row.begin(), row.end());
  }
  const std::vector<double> all = mpi::gather(local, part.domain->grid().comm());
  for (size_t k = 0; k < all.size(); k += width + 1) put(std::llround(all[k]), &all[k + 1]);
}
}  // namespace

void gather_unwrapped(const MdSystem& part, MdSystem& whole) {
  auto x = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), part.x);
  auto im = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), part.image);
  const auto& b = part.box;
  const bool root = part.domain && part.domain->grid().rank() == 0;
  auto wx = root ? Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), whole.x) : decltype(x)();
  auto wi = root ? Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), whole.image) : decltype(im)();
  gather_rows(
      part, 3,
      [&](int i, double* u) {
        const double n0 = im(i, 0), n1 = im(i, 1), n2 = im(i, 2);
        u[0] = x(i, 0) + n0 * b.xx + n1 * b.xy + n2 * b.xz;
        u[1] = x(i, 1) + n1 * b.yy + n2 * b.yz;
        u[2] = x(i, 2) + n2 * b.zz;
        return true;
      },
      [&](long long g, const double* u) {
        for (int d = 0; d < 3; ++d) wx(g, d) = u[d], wi(g, d) = 0;
      });
  if (root) {
    Kokkos::deep_copy(whole.x, wx);
    Kokkos::deep_copy(whole.image, wi);
  }
}

void gather_state(const MdSystem& part, MdSystem& whole) {
  auto x = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), part.x);
  auto v = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), part.v);
  auto f = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), part.f);
  auto im = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), part.image);
  const bool root = part.domain && part.domain->grid().rank() == 0;
  auto wx = root ? Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), whole.x) : decltype(x)();
  auto wv = root ? Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), whole.v) : decltype(v)();
  auto wf = root ? Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), whole.f) : decltype(f)();
  auto wi = root ? Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), whole.image) : decltype(im)();
  gather_rows(
      part, 12,
      [&](int i, double* r) {
        for (int d = 0; d < 3; ++d) r[d] = x(i, d), r[3 + d] = v(i, d), r[6 + d] = f(i, d), r[9 + d] = im(i, d);
        return true;
      },
      [&](long long g, const double* r) {
        for (int d = 0; d < 3; ++d)
          wx(g, d) = r[d], wv(g, d) = r[3 + d], wf(g, d) = r[6 + d], wi(g, d) = static_cast<int>(std::lround(r[9 + d]));
      });
  if (root) {
    Kokkos::deep_copy(whole.x, wx);
    Kokkos::deep_copy(whole.v, wv);
    Kokkos::deep_copy(whole.f, wf);
    Kokkos::deep_copy(whole.image, wi);
  }
}

}  // namespace ionhop::md
