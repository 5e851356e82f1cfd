#include "engine/md/hop_detector.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"

namespace ionhop::md {

HopDetector::HopDetector(const SiteNetwork& net, double capture_radius) : net_(net), capture_(capture_radius) {
  if (!(capture_radius > 0)) fail("MD hop detection: capture radius must be > 0 Å (got {})", capture_radius);
  if (net.n_sites() == 0) fail("MD hop detection: the network has no sites");
  // Half the shortest site–site distance: an ion closer than that to its site has no nearer
  // site (triangle inequality), so the full search is skipped. O(n^2) once; skipped if huge.
  if (net.n_sites() <= 30000) {
    double dmin = 1e300;
    for (int a = 0; a < net.n_sites(); ++a)
      for (int b = a + 1; b < net.n_sites(); ++b) dmin = std::min(dmin, distance(net.sites[a].frac, net.sites[b].frac));
    home_radius_ = net.n_sites() > 1 ? 0.5 * dmin : 1e300;
  }
  // sites with a hop into each site: a change of a site's occupancy opens or closes their hops
  in_offset_.assign(net.n_sites() + 1, 0);
  for (const Hop& h : net.hops) ++in_offset_[h.to + 1];
  for (int a = 0; a < net.n_sites(); ++a) in_offset_[a + 1] += in_offset_[a];
  in_from_.resize(net.hops.size());
  std::vector<int> fill(in_offset_.begin(), in_offset_.end() - 1);
  for (const Hop& h : net.hops) in_from_[fill[h.to]++] = h.from;
}

double HopDetector::distance(const Vec3& a, const Vec3& b) const {
  const Vec3 d = min_image_frac(b - a);
  return norm(matvec(transpose(net_.lattice.rows), d));
}

int HopDetector::nearest(const Vec3& f, double& d) const {
  int best = 0;
  d = 1e300;
  for (int s = 0; s < net_.n_sites(); ++s) {
    const double x = distance(f, net_.sites[s].frac);
    if (x < d) {
      d = x;
      best = s;
    }
  }
  return best;
}

int HopDetector::direction(int from_site, int hop_class) const {
  return net_.sites[from_site].site_class == net_.hop_classes[hop_class].site_class_a ? 0 : 1;
}

void HopDetector::note_approach(std::vector<Approach>& list, int site, double d, int occupied, double time) {
  for (Approach& a : list)
    if (a.site == site) {
      if (d < a.d) a = {site, d, occupied, time};
      return;
    }
  list.push_back({site, d, occupied, time});
}

void HopDetector::start(const std::vector<Vec3>& frac, double time) {
  site_.resize(frac.size());
  approach_.assign(frac.size(), {});
  occupied_.assign(net_.n_sites(), 0);
  dir_hops_.assign(2 * net_.hop_classes.size(), 0);
  exposure_.assign(2 * net_.hop_classes.size(), 0.0);
  open_.assign(2 * net_.hop_classes.size(), 0);
  last_time_ = time;
  for (size_t i = 0; i < frac.size(); ++i) {
    double d;
    site_[i] = nearest(frac[i], d);
    ++occupied_[site_[i]];
  }
  for (int a = 0; a < net_.n_sites(); ++a) add_open_hops(a, 1);
}

void HopDetector::add_open_hops(int site, long sign) {
  if (occupied_[site] == 0) return;
  for (int h = net_.hop_offset[site]; h < net_.hop_offset[site + 1]; ++h)
    if (occupied_[net_.hops[h].to] == 0)
      open_[2 * net_.hops[h].hop_class + direction(site, net_.hops[h].hop_class)] += sign * occupied_[site];
}

void HopDetector::move_ion(int from, int to) {
  // the open pairs change only for the two sites and the sites with a hop into either
  std::vector<int> touched{from, to};
  for (int s : {from, to})
    touched.insert(touched.end(), in_from_.begin() + in_offset_[s], in_from_.begin() + in_offset_[s + 1]);
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (int s : touched) add_open_hops(s, -1);
  --occupied_[from];
  ++occupied_[to];
  for (int s : touched) add_open_hops(s, 1);
}

void HopDetector::update(const std::vector<Vec3>& frac, double time) {
  if (frac.size() != site_.size()) fail("MD hop detection: {} ions given, {} tracked", frac.size(), site_.size());
  std::vector<int> all(frac.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  update(all, frac, time);
}

void HopDetector::update(const std::vector<int>& ions, const std::vector<Vec3>& frac, double time) {
  if (frac.size() != ions.size()) fail("MD hop detection: {} positions for {} ions", frac.size(), ions.size());
  // exposure of the interval just ended, from the assignment at its start: every (ion, hop to an
  // empty site) pair accumulates dt (open_ counts them, kept up to date by move_ion)
  const double dt = time - last_time_;
  last_time_ = time;
  for (size_t b = 0; b < open_.size(); ++b) exposure_[b] += static_cast<double>(open_[b]) * dt;
  for (size_t k = 0; k < ions.size(); ++k) {
    const int i = ions[k];
    double d = distance(frac[k], net_.sites[site_[i]].frac);
    const int s = d < home_radius_ ? site_[i] : nearest(frac[k], d);
    if (s == site_[i]) {
      if (d <= capture_) approach_[i].clear();  // back home: earlier excursions are over
      continue;
    }
    note_approach(approach_[i], s, d, occupied_[s], time);
    if (d > capture_) continue;
    const int from = site_[i];
    // closest approach to a third site since the ion last sat at `from`
    const Approach* via = nullptr;
    for (const Approach& a : approach_[i])
      if (a.site != from && a.site != s && (!via || a.d < via->d)) via = &a;
    const int direct = hop_class_of(from, s);
    if (direct < 0 && via && hop_class_of(from, via->site) >= 0 && hop_class_of(via->site, s) >= 0) {
      // from -> s has no network hop, but the ion crossed the region (Voronoi cell) of a site that
      // links both without entering its capture sphere: two network hops (doc/theory/md.md §10)
      const Approach v = *via;
      record(i, from, v.site, v.time, &v, true);
      record(i, v.site, s, time, &v, true);
    } else {
      record(i, from, s, time, via, false);
    }
    approach_[i].clear();
  }
}

int HopDetector::hop_class_of(int from, int to) const {
  for (int h = net_.hop_offset[from]; h < net_.hop_offset[from + 1]; ++h)
    if (net_.hops[h].to == to) return net_.hops[h].hop_class;
  return -1;
}

void HopDetector::record(int ion, int from, int to, double time, const Approach* via, bool through) {
  HopEvent e;
  e.ion = ion;
  e.from = from;
  e.to = to;
  e.time = time;
  e.hop_class = hop_class_of(from, to);
  e.through = through;
  if (via) {
    e.via = via->site;
    e.via_distance = via->d;
    e.via_occupied = via->occupied;
  }
  events_.push_back(e);
  if (e.hop_class >= 0) ++dir_hops_[2 * e.hop_class + direction(from, e.hop_class)];
  move_ion(from, to);
  site_[ion] = to;
}

long HopDetector::through_hops() const {
  long n = 0;
  for (const auto& e : events_) n += e.through;
  return n;
}

std::vector<long> HopDetector::hops_per_class() const {
  std::vector<long> n(net_.hop_classes.size(), 0);
  for (const auto& e : events_)
    if (e.hop_class >= 0) ++n[e.hop_class];
  return n;
}

long HopDetector::off_network_hops() const {
  long n = 0;
  for (const auto& e : events_) n += e.hop_class < 0;
  return n;
}

void HopDetector::save(StateArrays& a) const {
  a.i64["hops/site"] = std::vector<std::int64_t>(site_.begin(), site_.end());
  a.i64["hops/occupied"] = std::vector<std::int64_t>(occupied_.begin(), occupied_.end());
  a.i64["hops/directed_hops"] = std::vector<std::int64_t>(dir_hops_.begin(), dir_hops_.end());
  a.i64["hops/open"] = std::vector<std::int64_t>(open_.begin(), open_.end());
  a.f64["hops/exposure"] = exposure_;
  a.f64["hops/last_time"] = {last_time_};
  std::vector<std::int64_t> count, ai;  // approaches: per ion a count, then (site, occupied) and (d, time)
  std::vector<double> ad;
  for (const auto& list : approach_) {
    count.push_back(static_cast<std::int64_t>(list.size()));
    for (const auto& p : list) ai.insert(ai.end(), {p.site, p.occupied}), ad.insert(ad.end(), {p.d, p.time});
  }
  a.i64["hops/approach_count"] = count;
  a.i64["hops/approach_int"] = ai;
  a.f64["hops/approach_real"] = ad;
  std::vector<std::int64_t> ei;  // events: (ion, from, to, hop_class, through, via, via_occupied), (time, via_distance)
  std::vector<double> ed;
  for (const auto& e : events_) {
    ei.insert(ei.end(), {e.ion, e.from, e.to, e.hop_class, e.through ? 1 : 0, e.via, e.via_occupied});
    ed.insert(ed.end(), {e.time, e.via_distance});
  }
  a.i64["hops/event_int"] = ei;
  a.f64["hops/event_real"] = ed;
}

void HopDetector::restore(const StateArrays& a) {
  const auto n_ions = a.ints("hops/site").size(), n_dir = 2 * net_.hop_classes.size();
  const auto& site = a.ints("hops/site");
  const auto& occupied = a.ints("hops/occupied", static_cast<size_t>(net_.n_sites()));
  const auto& dir = a.ints("hops/directed_hops", n_dir);
  const auto& open = a.ints("hops/open", n_dir);
  site_.assign(site.begin(), site.end());
  occupied_.assign(occupied.begin(), occupied.end());
  dir_hops_.assign(dir.begin(), dir.end());
  open_.assign(open.begin(), open.end());
  exposure_ = a.doubles("hops/exposure", n_dir);
  last_time_ = a.scalar("hops/last_time");
  const auto& count = a.ints("hops/approach_count", n_ions);
  std::size_t total = 0;
  for (auto c : count) total += static_cast<std::size_t>(c);
  const auto& ai = a.ints("hops/approach_int", 2 * total);
  const auto& ad = a.doubles("hops/approach_real", 2 * total);
  approach_.assign(n_ions, {});
  std::size_t k = 0;
  for (std::size_t i = 0; i < n_ions; ++i)
    for (std::int64_t j = 0; j < count[i]; ++j, ++k)
      approach_[i].push_back({static_cast<int>(ai[2 * k]), ad[2 * k], static_cast<int>(ai[2 * k + 1]), ad[2 * k + 1]});
  const auto& ei = a.ints("hops/event_int");
  const auto& ed = a.doubles("hops/event_real", 2 * (ei.size() / 7));
  if (ei.size() % 7 != 0) fail("state: hops/event_int holds {} values, not whole events", ei.size());
  events_.clear();
  for (std::size_t e = 0; e < ei.size() / 7; ++e) {
    const auto* v = &ei[7 * e];
    HopEvent h;
    h.ion = static_cast<int>(v[0]);
    h.from = static_cast<int>(v[1]);
    h.to = static_cast<int>(v[2]);
    h.hop_class = static_cast<int>(v[3]);
    h.through = v[4] != 0;
    h.via = static_cast<int>(v[5]);
    h.via_occupied = static_cast<int>(v[6]);
    h.time = ed[2 * e];
    h.via_distance = ed[2 * e + 1];
    events_.push_back(h);
  }
}

}  // namespace ionhop::md
