#include "engine/md/neighbor_list.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/md/md_state.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "kernels/md/integrate.hpp"
#include "kernels/md/neighbor_build.hpp"

namespace ionhop::md {

namespace mk = md_kernels;

namespace {
// The two passes of a list build over atoms 0 .. n: count each atom's pairs, CSR offsets, fill.
// `setup` gives a pass its bins and settings.
template <template <class, bool> class Pass, class Setup>
int count_and_fill(NeighborList& nl, int n, const Setup& setup) {
  Pass<ExecSpace, false> count_pass;
  setup(count_pass);
  Kokkos::View<int*, MemSpace> count("md::nn_count", n + 1);
  count_pass.count = count;
  Kokkos::parallel_for("md::nlist_count", Kokkos::RangePolicy<ExecSpace>(0, n), count_pass);
  const int total = nl.csr_offsets(count, n);
  Pass<ExecSpace, true> fill_pass;
  setup(fill_pass);
  fill_pass.offsets = nl.offsets;
  fill_pass.entries = nl.entries;
  Kokkos::parallel_for("md::nlist_fill", Kokkos::RangePolicy<ExecSpace>(0, n), fill_pass);
  return total;
}
}  // namespace

NeighborList::NeighborList(double cutoff, double skin) : cutoff_(cutoff), skin_(skin) {
  if (!(cutoff > 0)) fail("MD neighbour list: cutoff must be > 0 (got {})", cutoff);
  if (!(skin >= 0)) fail("MD neighbour list: skin must be >= 0 (got {})", skin);
}

bool NeighborList::update(MdSystem& s, bool force) {
  bool rebuild = force || n_builds_ == 0 || x_ref_.extent(0) != static_cast<size_t>(s.n_atoms());
  if (!rebuild) {
    double m2 = 0;
    Kokkos::parallel_reduce("md::max_disp", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()),
                            mk::MaxDisplacement2<ExecSpace>{s.x, x_ref_}, Kokkos::Max<double>(m2));
    // a strain M since the build moves a listed pair by (M - 1) d, |d| <= cutoff + skin: what is
    // left of the skin for the atoms' own displacements (relative to M x_ref)
    double e = 0;
    for (double m : strain_) e = std::max(e, std::abs(m - 1));
    const double room = skin_ - e * (cutoff_ + skin_);
    rebuild = room <= 0 || m2 > 0.25 * room * room;
  }
  if (s.domain) {
    // every rank rebuilds when any must: atoms migrate and the ghost lists change together
    rebuild = s.domain->any(rebuild);
    if (!rebuild) s.domain->forward(s);
  }
  if (rebuild) build(s);
  return rebuild;
}

void NeighborList::strain(const MdSystem& s, const double mu[3]) {
  if (s.domain) fail("MD: the box cannot change under domain decomposition (internal)");
  if (x_ref_.extent(0) == static_cast<size_t>(s.n_atoms())) {
    if (strain_[0] == 1 && strain_[1] == 1 && strain_[2] == 1) {  // the first strain since the build
      if (x_build_.extent(0) != x_ref_.extent(0)) x_build_ = Kokkos::View<double* [3], MemSpace>("md::x_build", x_ref_.extent(0));
      Kokkos::deep_copy(x_build_, x_ref_);
    }
    mk::ScaleDiagonal<ExecSpace> fn{x_ref_};
    for (int d = 0; d < 3; ++d) fn.mu[d] = mu[d];
    Kokkos::parallel_for("md::strain_ref", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()), fn);
  }
  for (int d = 0; d < 3; ++d) strain_[d] *= mu[d];
  set_shifts(s.box);
}

void NeighborList::build(MdSystem& s) {
  if (!s.domain) return build_list(s, true);
  s.domain->migrate(s);
  s.domain->borders(s);
  build_local_list(s);
}

void NeighborList::build_list(MdSystem& s, bool wrap) {
  for (double& m : strain_) m = 1;
  const int n = s.n_atoms();
  const double rl = cutoff_ + skin_;
  const mk::Box& box = s.box;
  box_build_ = box;
  const double w = min_perpendicular_width(box);
  if (2.0 * rl >= w)
    fail("MD: cutoff + skin = {:.3f} Å must be below half the smallest box width ({:.3f} Å): use a larger supercell",
         rl, 0.5 * w);
  if (x_ref_.extent(0) != static_cast<size_t>(n)) x_ref_ = Kokkos::View<double* [3], MemSpace>("md::x_ref", n);

  if (wrap)
    Kokkos::parallel_for("md::wrap", Kokkos::RangePolicy<ExecSpace>(0, n),
                         mk::WrapPositions<ExecSpace>{s.x, x_ref_, s.image, box});
  else
    Kokkos::deep_copy(x_ref_, s.x);  // restore(): the positions of a build, wrapped then

  // bins: perpendicular thickness >= rl in each direction
  const auto widths = perpendicular_widths(box);
  int nb[3], lo[3], hi[3];
  for (int d = 0; d < 3; ++d) {
    nb[d] = std::max(1, static_cast<int>(std::floor(widths[d] / rl)));
    lo[d] = nb[d] >= 3 ? -1 : 0;
    hi[d] = nb[d] >= 2 ? 1 : 0;
  }
  const mk::BinGrid<MemSpace> bins = fill_bins(mk::AssignBins<ExecSpace>{s.x, {}, {}, box, nb[0], nb[1], nb[2]}, n);

  // What the count and fill passes share: positions, bins, box, cutoff.
  auto set_binning = [&](auto& pass) {
    pass.x = s.x;
    pass.atom_bin = bins.atom_bin;
    pass.bin_offsets = bins.bin_offsets;
    pass.bin_atoms = bins.bin_atoms;
    pass.box = box;
    for (int d = 0; d < 3; ++d) {
      pass.nb[d] = nb[d];
      pass.lo[d] = lo[d];
      pass.hi[d] = hi[d];
    }
    pass.cut2 = rl * rl;
  };
  const int total = count_and_fill<mk::HalfListPass>(*this, n, set_binning);

  set_shifts(box);
  n_pairs_ = total;
  ++n_builds_;
}

mk::BinGrid<MemSpace> NeighborList::fill_bins(mk::AssignBins<ExecSpace> assign, int n) {
  mk::BinGrid<MemSpace> g;
  g.nb[0] = assign.nb0, g.nb[1] = assign.nb1, g.nb[2] = assign.nb2;
  const int n_bins = g.nb[0] * g.nb[1] * g.nb[2];
  g.atom_bin = Kokkos::View<int*, MemSpace>("md::atom_bin", n);
  Kokkos::View<int*, MemSpace> bin_count("md::bin_count", n_bins + 1);
  assign.atom_bin = g.atom_bin;
  assign.bin_count = bin_count;
  Kokkos::parallel_for("md::bin", Kokkos::RangePolicy<ExecSpace>(0, n), assign);
  auto offsets_v = g.bin_offsets = Kokkos::View<int*, MemSpace>("md::bin_offsets", n_bins + 1);
  Kokkos::parallel_scan("md::bin_scan", Kokkos::RangePolicy<ExecSpace>(0, n_bins + 1),
                        KOKKOS_LAMBDA(int i, int& sum, bool final) {
                          if (final) offsets_v(i) = sum;
                          sum += bin_count(i);
                        });
  // fill the bins on the device, then order each bin by atom index (deterministic on any backend)
  g.bin_atoms = Kokkos::View<int*, MemSpace>("md::bin_atoms", n);
  Kokkos::View<int*, MemSpace> cursor("md::bin_cursor", n_bins);
  Kokkos::parallel_for("md::bin_fill", Kokkos::RangePolicy<ExecSpace>(0, n),
                       mk::FillBins<ExecSpace>{g.atom_bin, g.bin_offsets, cursor, g.bin_atoms});
  Kokkos::parallel_for("md::bin_sort", Kokkos::RangePolicy<ExecSpace>(0, n_bins),
                       mk::SortBins<ExecSpace>{g.bin_offsets, g.bin_atoms});
  return g;
}

int NeighborList::csr_offsets(const Kokkos::View<int*, MemSpace>& count, int n) {
  if (offsets.extent(0) != static_cast<size_t>(n + 1)) offsets = Kokkos::View<int*, MemSpace>("md::nl_offsets", n + 1);
  auto off = offsets;
  int total = 0;
  Kokkos::parallel_scan("md::nlist_scan", Kokkos::RangePolicy<ExecSpace>(0, n + 1),
                        KOKKOS_LAMBDA(int i, int& sum, bool final) {
                          if (final) off(i) = sum;
                          sum += count(i);
                        },
                        total);
  if (entries.extent(0) < static_cast<size_t>(total))
    entries = Kokkos::View<int*, MemSpace>(Kokkos::view_alloc("md::nl_entries", Kokkos::WithoutInitializing),
                                           static_cast<size_t>(total * 1.1) + 16);
  return total;
}

void NeighborList::set_shifts(const mk::Box& box) {
  const Vec3 a{box.xx, 0, 0}, b{box.xy, box.yy, 0}, c{box.xz, box.yz, box.zz};
  for (int n2 = -1; n2 <= 1; ++n2)
    for (int n1 = -1; n1 <= 1; ++n1)
      for (int n0 = -1; n0 <= 1; ++n0) {
        const int k = mk::image_code(n0, n1, n2);
        for (int d = 0; d < 3; ++d) shifts_.v[k][d] = n0 * a[d] + n1 * b[d] + n2 * c[d];
      }
}

void NeighborList::build_local_list(MdSystem& s) {
  const int n = s.n_atoms(), n_local = s.n_local();
  const double rl = cutoff_ + skin_;
  const mk::Box& box = s.box;
  const parallel::RankGrid& grid = s.domain->grid();
  const auto widths = perpendicular_widths(box);
  x_ref_ = Kokkos::View<double* [3], MemSpace>("md::x_ref", n);
  Kokkos::deep_copy(x_ref_, Kokkos::subview(s.x, std::make_pair(0, n), Kokkos::ALL));

  // bins over the sub-box and its ghost layer, each at least rl thick
  mk::AssignBins<ExecSpace> assign{s.x, {}, {}, box, 1, 1, 1};
  int nb[3];
  for (int d = 0; d < 3; ++d) {
    const double ghost = rl / widths[d];
    assign.f0[d] = grid.lo(d) - ghost;
    assign.span[d] = grid.hi(d) - grid.lo(d) + 2 * ghost;
    nb[d] = std::max(1, static_cast<int>(std::floor(assign.span[d] * widths[d] / rl)));
  }
  assign.nb0 = nb[0], assign.nb1 = nb[1], assign.nb2 = nb[2];
  const mk::BinGrid<MemSpace> bins = fill_bins(assign, n_local);

  auto set_binning = [&](auto& pass) {
    pass.x = s.x;
    pass.id = s.id;
    pass.ghost_image = s.domain->ghost_images();
    pass.atom_bin = bins.atom_bin;
    pass.bin_offsets = bins.bin_offsets;
    pass.bin_atoms = bins.bin_atoms;
    for (int d = 0; d < 3; ++d) pass.nb[d] = nb[d];
    pass.n_owned = n;
    pass.cut2 = rl * rl;
  };
  const int total = count_and_fill<mk::LocalHalfListPass>(*this, n, set_binning);
  set_shifts(box);
  n_pairs_ = total;
  ++n_builds_;
}

void NeighborList::save(StateArrays& a) const {
  a.f64["neighbor/x_ref"] = to_vector(x_ref_);
  a.i64["neighbor/builds"] = {n_builds_};
  if (strain_[0] != 1 || strain_[1] != 1 || strain_[2] != 1) {  // strained since the build (NPT)
    a.f64["neighbor/strain"] = {strain_[0], strain_[1], strain_[2]};
    a.f64["neighbor/x_build"] = to_vector(x_build_);
    const mk::Box& b = box_build_;
    a.f64["neighbor/box_build"] = {b.xx, b.yy, b.zz, b.xy, b.xz, b.yz};
  }
}

void NeighborList::restore(const StateArrays& a, const MdSystem& s) {
  MdSystem at_build = s;  // shares the per-type data; its positions and images are its own
  at_build.x = Kokkos::View<double* [3], MemSpace>("md::x_at_build", s.n_atoms());
  at_build.image = Kokkos::View<int* [3], MemSpace>("md::image_at_build", s.n_atoms());
  const size_t n3 = 3 * static_cast<size_t>(s.n_atoms());
  const bool strained = a.f64.count("neighbor/strain") != 0;
  // the saved build's positions (and box) as they were: the same list, the same x_ref_
  from_vector(a.doubles(strained ? "neighbor/x_build" : "neighbor/x_ref", n3), at_build.x);
  if (strained) {
    const auto& b = a.doubles("neighbor/box_build", 6);
    at_build.box.xx = b[0], at_build.box.yy = b[1], at_build.box.zz = b[2];
    at_build.box.xy = b[3], at_build.box.xz = b[4], at_build.box.yz = b[5];
  }
  build_list(at_build, false);
  if (strained) {  // then the strain since that build, as the run had applied it
    x_build_ = Kokkos::View<double* [3], MemSpace>("md::x_build", s.n_atoms());
    Kokkos::deep_copy(x_build_, x_ref_);
    from_vector(a.doubles("neighbor/x_ref", n3), x_ref_);
    const auto& m = a.doubles("neighbor/strain", 3);
    for (int d = 0; d < 3; ++d) strain_[d] = m[d];
    set_shifts(s.box);
  }
  n_builds_ = static_cast<long>(a.integer("neighbor/builds"));
}

void NeighborList::restore_count(const StateArrays& a) {
  n_builds_ = static_cast<long>(a.integer("neighbor/builds"));
  x_ref_ = Kokkos::View<double* [3], MemSpace>();  // empty: the next update() rebuilds
}

}  // namespace ionhop::md
