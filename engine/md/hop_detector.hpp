#pragma once
// Hops of mobile ions on the site network during MD: each ion is assigned to a site of the
// supercell network; it is moved to another site only when it comes within `capture_radius` of
// that site (hysteresis: vibrations and excursions that do not reach another site are not hops).
// A recorded hop from -> to is matched to a hop of the network (its hop class). A passage from ->
// to without a network hop that crossed the region (Voronoi cell) of a third site v linked to both
// is recorded as the two network hops from -> v -> to ("through" hops: the ion missed v's capture
// sphere, doc/theory/md.md §10); anything else is counted as off-network.
#include <vector>

#include "engine/core/state_arrays.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::md {

struct HopEvent {
  int ion = 0, from = 0, to = 0;
  int hop_class = -1;  // -1: from -> to is not a hop of the network
  double time = 0;     // ps (a "through" hop into the third site: time of closest approach to it)
  bool through = false;  // one of the two hops of a passage through a third site's region
  // Direct and off-network hops: closest approach, since the ion last sat at `from`, to a site
  // other than `from` and `to` (-1: no other site was ever the nearest), its distance (Å) and
  // the ions assigned to it then (the ion itself not counted). "Through" hops: the same for the
  // third site they pass.
  int via = -1;
  double via_distance = 0;
  int via_occupied = 0;
};

class HopDetector {
 public:
  // `net` is the network of the same supercell (same lattice and fractional frame as the MD box).
  HopDetector(const SiteNetwork& net, double capture_radius);

  // First assignment: nearest site of each ion (fractional coordinates in the supercell).
  void start(const std::vector<Vec3>& frac, double time = 0);
  // Call often enough that no ion crosses a capture sphere between two calls (every MD step or few).
  void update(const std::vector<Vec3>& frac, double time);
  // The same for the listed ions only (increasing order, frac[k] of ion ions[k]): the others must be
  // ions the full update would leave as they are, i.e. not watched() and closer to their site than
  // home_radius() (engine/md/hop_tracker.hpp screens them on the device).
  void update(const std::vector<int>& ions, const std::vector<Vec3>& frac, double time);
  // Å: an ion closer than this to its site has no nearer site (0: not known, every ion is examined).
  double home_radius() const { return home_radius_; }
  // The ion is on an excursion from its site (it came nearer to another site since it last sat home).
  bool watched(int ion) const { return !approach_[ion].empty(); }

  const std::vector<HopEvent>& events() const { return events_; }
  const std::vector<int>& site_of_ion() const { return site_; }
  std::vector<long> hops_per_class() const;
  long off_network_hops() const;
  long through_hops() const;

  // Directed statistics per hop class c and direction d (0: from a site of class site_class_a,
  // 1: from class site_class_b), index 2c + d: hops, and the exposure time (ps) summed over every
  // (ion, hop with an empty target) of that class and direction at each sample. Their ratio is
  // the lattice-gas rate of one hop to an empty site (site blocking included, interactions not).
  const std::vector<long>& directed_hops() const { return dir_hops_; }
  const std::vector<double>& directed_exposure() const { return exposure_; }

  // Everything start() and update() built up ("hops/..."), for checkpoints.
  void save(StateArrays& a) const;
  void restore(const StateArrays& a);

 private:
  struct Approach {
    int site;
    double d;      // closest distance, Å
    int occupied;  // ions assigned to `site` at that moment
    double time;   // ps
  };
  double distance(const Vec3& a, const Vec3& b) const;  // minimum image, Å
  int nearest(const Vec3& f, double& d) const;
  int direction(int from_site, int hop_class) const;
  int hop_class_of(int from, int to) const;  // -1: no network hop
  void record(int ion, int from, int to, double time, const Approach* via, bool through);
  void add_open_hops(int site, long sign);  // site's (ion, hop to an empty site) pairs into open_
  void move_ion(int from, int to);          // occupied_ and open_ for one ion moving from -> to
  static void note_approach(std::vector<Approach>& list, int site, double d, int occupied, double time);

  const SiteNetwork& net_;
  double capture_;
  double home_radius_ = 0;  // Å: half the shortest site–site distance
  std::vector<int> site_;
  std::vector<std::vector<Approach>> approach_;  // per ion: sites it was nearest to since it last sat home
  std::vector<HopEvent> events_;
  std::vector<int> occupied_;  // ions per site
  std::vector<long> dir_hops_;
  std::vector<double> exposure_;
  std::vector<long> open_;  // per class and direction: (ion, hop with an empty target) pairs now
  std::vector<int> in_offset_, in_from_;  // CSR: the sites with a hop into each site
  double last_time_ = 0;
};

}  // namespace ionhop::md
