#include "engine/md/hop_tracker.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/core/error.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/parallel/mpi.hpp"
#include "kernels/md/hop_screen.hpp"

namespace ionhop::md {

namespace mk = md_kernels;

namespace {
constexpr int kRow = 4;  // id, fractional a, b, c

// Rows (id, frac) of the given atoms from host copies of positions and ids.
template <class X, class I>
void append_row(std::vector<double>& rows, const mk::Box& box, const X& x, int j, const I& id) {
  const double r[3] = {x(j, 0), x(j, 1), x(j, 2)};
  double f[3];
  box.to_frac(r, f);  // as MobileSampler::fractional, so the detector sees the same numbers
  rows.insert(rows.end(), {static_cast<double>(id), f[0], f[1], f[2]});  // ids exact below 2^53
}
}  // namespace

HopTracker::HopTracker(MdSystem& s, int mobile_type, const SiteNetwork& net, double capture_radius, double time)
    : det_(net, capture_radius), mobile_type_(mobile_type) {
  root_ = !s.domain || s.domain->grid().rank() == 0;
  site_frac_ = Kokkos::View<double* [3], MemSpace>("md::hop_site_frac", net.n_sites());
  auto hs = Kokkos::create_mirror_view(site_frac_);
  for (int k = 0; k < net.n_sites(); ++k)
    for (int a = 0; a < 3; ++a) hs(k, a) = net.sites[k].frac[a];
  Kokkos::deep_copy(site_frac_, hs);
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) lattice_[a][b] = net.lattice.rows[a][b];
  // A hair inside the detector's radius, so that rounding on the device (another operation order,
  // FMA) never hides an ion the host would have examined.
  const double r = det_.home_radius() * (1 - 1e-9);
  r2_ = std::isfinite(r * r) ? r * r : HUGE_VAL;
  // first assignment: every mobile ion, once
  const std::vector<int> atoms = owned_mobile(s);
  consult(s, atoms, rows_of(s, atoms), [&](const std::vector<int>&, const std::vector<Vec3>& frac) {
    if (frac.empty()) fail("MD hops: no atom of the mobile species in the system");
    det_.start(frac, time);
  });
}

std::vector<int> HopTracker::owned_mobile(const MdSystem& s) const {
  auto t = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.type);
  std::vector<int> atoms;
  for (int i = 0; i < s.n_atoms(); ++i)
    if (t(i) == mobile_type_) atoms.push_back(i);
  return atoms;
}

std::vector<double> HopTracker::rows_of(const MdSystem& s, const std::vector<int>& atoms) const {
  auto x = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  auto id = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.id);
  std::vector<double> rows;
  rows.reserve(kRow * atoms.size());
  for (int i : atoms) append_row(rows, s.box, x, i, id(i));
  return rows;
}

template <class Examine>
void HopTracker::consult(MdSystem& s, const std::vector<int>& atoms, const std::vector<double>& rows,
                         Examine examine) {
  std::vector<int> counts;
  const std::vector<double> all = s.domain ? mpi::gather(rows, counts, s.domain->grid().comm()) : rows;
  std::vector<double> reply;  // per row: site, excursion flag
  if (root_) {
    const int n = static_cast<int>(all.size() / kRow);
    const bool first = ion_ids_.empty();  // the first call numbers the ions: by increasing id
    if (first) {
      for (int j = 0; j < n; ++j) ion_ids_.push_back(std::llround(all[kRow * j]));
      std::sort(ion_ids_.begin(), ion_ids_.end());
    }
    std::vector<int> ion(n);
    for (int j = 0; j < n; ++j) {
      const std::int64_t id = std::llround(all[kRow * j]);
      const auto it = std::lower_bound(ion_ids_.begin(), ion_ids_.end(), id);
      if (it == ion_ids_.end() || *it != id) fail("MD hops: atom {} is not one of the tracked ions", id);
      ion[j] = static_cast<int>(it - ion_ids_.begin());
    }
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return ion[a] < ion[b]; });
    std::vector<int> ions(n);
    std::vector<Vec3> frac(n);
    for (int k = 0; k < n; ++k) {
      ions[k] = ion[order[k]];
      const double* r = &all[kRow * order[k] + 1];
      frac[k] = {r[0], r[1], r[2]};
    }
    examine(ions, frac);
    reply.resize(2 * n);
    for (int j = 0; j < n; ++j) {
      reply[2 * j] = det_.site_of_ion()[ion[j]];
      reply[2 * j + 1] = det_.watched(ion[j]) ? 1 : 0;
    }
    for (int& c : counts) c = c / kRow * 2;
  }
  const std::vector<double> mine = s.domain ? mpi::scatter(reply, counts, s.domain->grid().comm()) : reply;
  const int n = static_cast<int>(atoms.size());
  if (static_cast<int>(mine.size()) != 2 * n) fail("MD hops: {} answers for {} ions", mine.size() / 2, n);
  if (n == 0) return;
  if (static_cast<int>(up_atom_.extent(0)) < n) {
    up_atom_ = Kokkos::View<int*, MemSpace>("md::hop_up_atom", n);
    up_site_ = Kokkos::View<int*, MemSpace>("md::hop_up_site", n);
    up_watch_ = Kokkos::View<int*, MemSpace>("md::hop_up_watch", n);
  }
  const auto head = Kokkos::make_pair(0, n);
  auto ha = Kokkos::create_mirror_view(Kokkos::subview(up_atom_, head));
  auto hsite = Kokkos::create_mirror_view(Kokkos::subview(up_site_, head));
  auto hw = Kokkos::create_mirror_view(Kokkos::subview(up_watch_, head));
  for (int j = 0; j < n; ++j) {
    ha(j) = atoms[j];
    hsite(j) = static_cast<int>(mine[2 * j]);
    hw(j) = static_cast<int>(mine[2 * j + 1]);
  }
  Kokkos::deep_copy(Kokkos::subview(up_atom_, head), ha);
  Kokkos::deep_copy(Kokkos::subview(up_site_, head), hsite);
  Kokkos::deep_copy(Kokkos::subview(up_watch_, head), hw);
  Kokkos::parallel_for("md::hop_screen_update", Kokkos::RangePolicy<ExecSpace>(0, n),
                       mk::HopScreenUpdate<ExecSpace>{s.hop_site, s.hop_watch, up_atom_, up_site_, up_watch_});
}

void HopTracker::update(MdSystem& s, double time) {
  const int n_owned = s.n_atoms();
  if (static_cast<int>(out_atom_.extent(0)) < n_owned) {
    out_atom_ = Kokkos::View<int*, MemSpace>("md::hop_out_atom", n_owned);
    out_id_ = Kokkos::View<std::int64_t*, MemSpace>("md::hop_out_id", n_owned);
    out_x_ = Kokkos::View<double* [3], MemSpace>("md::hop_out_x", n_owned);
  }
  mk::HopScreen<ExecSpace> screen{s.x, s.hop_site, s.hop_watch, s.id, site_frac_, out_atom_, out_id_, out_x_, s.box, {}, r2_};
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) screen.lattice[a][b] = lattice_[a][b];
  int n = 0;
  Kokkos::parallel_scan("md::hop_screen", Kokkos::RangePolicy<ExecSpace>(0, n_owned), screen, n);
  std::vector<int> atoms(n);
  std::vector<double> rows;
  rows.reserve(kRow * n);
  if (n > 0) {
    const auto head = Kokkos::make_pair(0, n);
    auto ha = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(out_atom_, head));
    auto hi = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(out_id_, head));
    auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(out_x_, head, Kokkos::ALL));
    for (int j = 0; j < n; ++j) {
      atoms[j] = ha(j);
      append_row(rows, s.box, hx, j, hi(j));
    }
  }
  consult(s, atoms, rows,
          [&](const std::vector<int>& ions, const std::vector<Vec3>& frac) {
    det_.update(ions, frac, time);
    examined_ += static_cast<long>(ions.size());
  });
}

void HopTracker::save(StateArrays& a) const {
  det_.save(a);
  a.i64["hops/examined"] = {examined_};
}

void HopTracker::restore(MdSystem& s, const StateArrays& a) {
  if (root_) {
    det_.restore(a);
    examined_ = static_cast<long>(a.integer("hops/examined"));
    if (det_.site_of_ion().size() != ion_ids_.size())
      fail("state: hop detection of {} ions restored into a run of {}", det_.site_of_ion().size(), ion_ids_.size());
  }
  // each atom's site and flag from the restored detector
  const std::vector<int> atoms = owned_mobile(s);
  consult(s, atoms, rows_of(s, atoms), [](const std::vector<int>&, const std::vector<Vec3>&) {});
}

}  // namespace ionhop::md
