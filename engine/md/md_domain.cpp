#include "engine/md/md_domain.hpp"

#include <chrono>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/parallel/distributor.hpp"
#include "kernels/md/neighbor_build.hpp"

namespace ionhop::md {

namespace mk = md_kernels;

namespace {
// Adds the wall time of its scope to a counter.
struct ScopeTimer {
  double& total;
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  ~ScopeTimer() { total += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); }
};

std::array<int, 3> grid_dims(const mpi::Comm& comm, const mk::Box& box, double ghost_cut, const std::array<int, 3>& dims,
                             const std::string& what) {
  const auto w = perpendicular_widths(box);
  if (dims == std::array<int, 3>{0, 0, 0}) return parallel::choose_grid(comm.size(), w, ghost_cut);
  parallel::check_grid(dims, comm.size(), w, ghost_cut, what);
  return dims;
}

// Box vector d (a, b or c) in the LAMMPS orientation.
std::array<double, 3> box_vector(const mk::Box& b, int d) {
  if (d == 0) return {b.xx, 0, 0};
  if (d == 1) return {b.xy, b.yy, 0};
  return {b.xz, b.yz, b.zz};
}

// Fractional coordinates of row i of a host copy of positions.
template <class H>
std::array<double, 3> frac_of(const mk::Box& box, const H& hx, int i) {
  const double r[3] = {hx(i, 0), hx(i, 1), hx(i, 2)};
  std::array<double, 3> f;
  box.to_frac(r, f.data());
  return f;
}

// f(out_view, in_view) for each per-atom array of the systems: the one list of what an atom
// carries (resize, migration, distribution).
template <class F>
void each_atom_array(MdSystem& out, const MdSystem& in, F f) {
  f(out.x, in.x);
  f(out.v, in.v);
  f(out.f, in.f);
  f(out.image, in.image);
  f(out.type, in.type);
  f(out.q, in.q);
  f(out.mass, in.mass);
  f(out.id, in.id);
  f(out.hop_site, in.hop_site);
  f(out.hop_watch, in.hop_watch);
}
}  // namespace

MdDomain::MdDomain(const mpi::Comm& comm, const mk::Box& box, double ghost_cut, const std::array<int, 3>& dims,
                   const std::string& what, bool device_mpi)
    : grid_(comm, grid_dims(comm, box, ghost_cut, dims, what)),
      box_(box),
      ghost_cut_(ghost_cut),
      device_mpi_(device_mpi),
      widths_(perpendicular_widths(box)) {}

MdSystem MdDomain::distribute(const MdSystem& whole, const std::shared_ptr<MdDomain>& domain) {
  if (whole.domain) fail("MdDomain::distribute: the system is distributed already");
  auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), whole.x);
  std::vector<int> mine;
  const int me = domain->grid().rank();
  for (int i = 0; i < whole.n_atoms(); ++i) {
    auto f = frac_of(domain->box_, hx, i);
    for (double& c : f) c -= std::floor(c);  // a first guess: the first build wraps and migrates
    if (domain->grid().owner(f.data()) == me) mine.push_back(i);
  }
  MdSystem s = whole;  // box, species, per-type data; the per-atom Views are replaced below
  Kokkos::View<int*, MemSpace> ids("md::mine", mine.size());
  {
    auto h = Kokkos::create_mirror_view(ids);
    for (size_t k = 0; k < mine.size(); ++k) h(k) = mine[k];
    Kokkos::deep_copy(ids, h);
  }
  const int n = static_cast<int>(mine.size());
  each_atom_array(s, whole, [&](auto& dst, const auto& src) {
    using V = std::decay_t<decltype(src)>;
    V out(src.label(), n);
    Kokkos::parallel_for("md::distribute", Kokkos::RangePolicy<ExecSpace>(0, n),
                         parallel_kernels::GatherRows<V, V>{src, out, ids});
    dst = out;
  });
  Kokkos::fence();
  s.n_owned = n;
  s.n_ghost = 0;
  s.domain = domain;
  return s;
}

std::vector<double> MdDomain::sum(const std::vector<double>& local) const {
  ScopeTimer t{comm_s_};
  return mpi::sum_in_rank_order(local, grid_.comm());
}

void MdDomain::sum_in_place(std::vector<double>& values) const {
  ScopeTimer t{comm_s_};
  mpi::sum_in_place(values, grid_.comm());
}

bool MdDomain::any(bool local) const {
  ScopeTimer t{comm_s_};
  return mpi::any_over_ranks(local, grid_.comm());
}

void MdDomain::migrate(MdSystem& s) {
  ScopeTimer t{comm_s_};
  const int n = s.n_owned;
  Kokkos::parallel_for("md::wrap", Kokkos::RangePolicy<ExecSpace>(0, n), mk::WrapPositions<ExecSpace>{s.x, s.x, s.image, box_});
  auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  std::vector<int> dest(n);
  for (int i = 0; i < n; ++i) dest[i] = grid_.owner(frac_of(box_, hx, i).data());
  const parallel::Distributor<ExecSpace> dist(grid_.comm(), dest, device_mpi_);
  each_atom_array(s, s, [&](auto& v, const auto& old) { v = dist.migrate(old); });
  s.n_owned = dist.n_new();
  s.n_ghost = 0;
  halo_.reset();
}

void MdDomain::borders(MdSystem& s) {
  ScopeTimer t{comm_s_};
  halo_.emplace(grid_.comm(), s.n_owned, device_mpi_);
  ghost_image_ = Kokkos::View<int* [3], MemSpace>("md::ghost_image", s.n_owned);
  for (int d = 0; d < 3; ++d) {
    // Both swaps of a sweep choose among the atoms present before it: owned and earlier ghosts.
    const int n_before = halo_->n_local();
    auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
    const double cut = ghost_cut_ / widths_[d];  // cutoff + skin in fractional units along d
    const double lo = grid_.lo(d), hi = grid_.hi(d);
    std::vector<int> down, up;
    for (int i = 0; i < n_before; ++i) {
      const double f = frac_of(box_, hx, i)[d];
      if (f < lo + cut) down.push_back(i);
      if (f >= hi - cut) up.push_back(i);
    }
    // Atoms sent across the periodic boundary arrive as images one box vector away.
    const auto a = box_vector(box_, d);
    const int p = grid_.dims()[d], c = grid_.coords()[d];
    std::array<double, 3> shift_down{0, 0, 0}, shift_up{0, 0, 0};
    std::array<int, 3> image_down{0, 0, 0}, image_up{0, 0, 0};
    for (int k = 0; k < 3; ++k) {
      if (c == 0) shift_down[k] = a[k];
      if (c == p - 1) shift_up[k] = -a[k];
    }
    if (c == 0) image_down[d] = 1;
    if (c == p - 1) image_up[d] = -1;
    const int first = halo_->n_swaps();
    halo_->add_swap(down, grid_.neighbor(d, -1), grid_.neighbor(d, +1), shift_down, image_down);
    halo_->add_swap(up, grid_.neighbor(d, +1), grid_.neighbor(d, -1), shift_up, image_up);
    // positions (and images) now: the next sweep chooses among these ghosts too
    Kokkos::resize(s.x, halo_->n_local());
    Kokkos::resize(ghost_image_, halo_->n_local());
    halo_->gather(s.x, true, first, first + 2);
    halo_->gather(ghost_image_, true, first, first + 2);
  }
  const int n_local = halo_->n_local();
  each_atom_array(s, s, [n_local](auto& v, const auto&) {
    if (static_cast<int>(v.extent(0)) != n_local) Kokkos::resize(v, n_local);
  });
  halo_->gather(s.type);
  halo_->gather(s.q);
  halo_->gather(s.mass);
  halo_->gather(s.id);
  s.n_ghost = halo_->n_ghost();
}

void MdDomain::forward(MdSystem& s) const {
  if (!halo_) fail("MdDomain::forward before borders()");
  ScopeTimer t{comm_s_};
  halo_->gather(s.x, true);
}

void MdDomain::reverse(MdSystem& s) const {
  if (!halo_) fail("MdDomain::reverse before borders()");
  ScopeTimer t{comm_s_};
  halo_->scatter_add(s.f);
}

}  // namespace ionhop::md
