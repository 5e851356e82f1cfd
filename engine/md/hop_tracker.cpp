#include "engine/md/hop_tracker.hpp"

#include <cmath>

#include "engine/core/error.hpp"
#include "kernels/md/hop_screen.hpp"

namespace ionhop::md {

namespace mk = md_kernels;

namespace {
template <class T>
Kokkos::View<T*, MemSpace> to_device(const std::vector<T>& v, const char* label) {
  Kokkos::View<T*, MemSpace> d(std::string(label), v.size());
  auto h = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < v.size(); ++i) h(i) = v[i];
  Kokkos::deep_copy(d, h);
  return d;
}
}  // namespace

HopTracker::HopTracker(const MdSystem& s, const std::vector<int>& atoms, const SiteNetwork& net,
                       double capture_radius, double time)
    : det_(net, capture_radius), n_ions_(static_cast<int>(atoms.size())) {
  // first assignment from all mobile ions (once)
  auto x = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  std::vector<Vec3> frac;
  frac.reserve(atoms.size());
  for (int i : atoms) {
    const double r[3] = {x(i, 0), x(i, 1), x(i, 2)};
    double f[3];
    s.box.to_frac(r, f);
    frac.push_back({f[0], f[1], f[2]});
  }
  det_.start(frac, time);

  atom_ = to_device(atoms, "md::hop_atom");
  home_ = to_device(det_.site_of_ion(), "md::hop_home");
  watch_ = Kokkos::View<int*, MemSpace>("md::hop_watch", n_ions_);
  out_ion_ = Kokkos::View<int*, MemSpace>("md::hop_out_ion", n_ions_);
  up_ion_ = Kokkos::View<int*, MemSpace>("md::hop_up_ion", n_ions_);
  up_site_ = Kokkos::View<int*, MemSpace>("md::hop_up_site", n_ions_);
  up_watch_ = Kokkos::View<int*, MemSpace>("md::hop_up_watch", n_ions_);
  out_x_ = Kokkos::View<double* [3], MemSpace>("md::hop_out_x", n_ions_);
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
}

void HopTracker::update(const MdSystem& s, double time) {
  mk::HopScreen<ExecSpace> screen{s.x, atom_, home_, watch_, site_frac_, out_ion_, out_x_, s.box, {}, r2_};
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) screen.lattice[a][b] = lattice_[a][b];
  int n = 0;
  Kokkos::parallel_scan("md::hop_screen", Kokkos::RangePolicy<ExecSpace>(0, n_ions_), screen, n);
  std::vector<int> ions(n);
  std::vector<Vec3> frac(n);
  const auto rows = Kokkos::make_pair(0, n);
  if (n > 0) {
    auto hi = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(out_ion_, rows));
    auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(out_x_, rows, Kokkos::ALL));
    for (int j = 0; j < n; ++j) {
      ions[j] = hi(j);
      const double r[3] = {hx(j, 0), hx(j, 1), hx(j, 2)};
      double f[3];
      s.box.to_frac(r, f);  // as MobileSampler::fractional, so the detector sees the same numbers
      frac[j] = {f[0], f[1], f[2]};
    }
  }
  det_.update(ions, frac, time);
  examined_ += n;
  if (n == 0) return;
  // the examined ions' sites and excursion flags back to the device
  Kokkos::View<int*, Kokkos::HostSpace> hi("md::hop_up_ion_h", n), hsite("md::hop_up_site_h", n), hw("md::hop_up_watch_h", n);
  for (int j = 0; j < n; ++j) {
    hi(j) = ions[j];
    hsite(j) = det_.site_of_ion()[ions[j]];
    hw(j) = det_.watched(ions[j]) ? 1 : 0;
  }
  Kokkos::deep_copy(Kokkos::subview(up_ion_, rows), hi);
  Kokkos::deep_copy(Kokkos::subview(up_site_, rows), hsite);
  Kokkos::deep_copy(Kokkos::subview(up_watch_, rows), hw);
  Kokkos::parallel_for("md::hop_screen_update", Kokkos::RangePolicy<ExecSpace>(0, n),
                       mk::HopScreenUpdate<ExecSpace>{home_, watch_, up_ion_, up_site_, up_watch_});
}

void HopTracker::save(StateArrays& a) const {
  det_.save(a);
  a.i64["hops/examined"] = {examined_};
}

void HopTracker::restore(const StateArrays& a) {
  det_.restore(a);
  examined_ = static_cast<long>(a.integer("hops/examined"));
  if (det_.site_of_ion().size() != static_cast<size_t>(n_ions_))
    fail("state: hop detection of {} ions restored into a run of {}", det_.site_of_ion().size(), n_ions_);
  auto home = Kokkos::create_mirror_view(home_);
  auto watch = Kokkos::create_mirror_view(watch_);
  for (int i = 0; i < n_ions_; ++i) {
    home(i) = det_.site_of_ion()[static_cast<size_t>(i)];
    watch(i) = det_.watched(i) ? 1 : 0;
  }
  Kokkos::deep_copy(home_, home);
  Kokkos::deep_copy(watch_, watch);
}

}  // namespace ionhop::md
