#pragma once
// Hops of mobile ions on the site network during MD: each ion is assigned to a site of the
// supercell network; it is moved to another site only when it comes within `capture_radius` of
// that site (hysteresis: vibrations and excursions that do not reach another site are not hops).
// A recorded hop from -> to is matched to a hop of the network (its hop class), or counted as
// off-network when the network has no such hop.
#include <vector>

#include "engine/network/site_network.hpp"

namespace ionhop::md {

struct HopEvent {
  int ion = 0, from = 0, to = 0;
  int hop_class = -1;  // -1: from -> to is not a hop of the network
  double time = 0;     // ps
};

class HopDetector {
 public:
  // `net` is the network of the same supercell (same lattice and fractional frame as the MD box).
  HopDetector(const SiteNetwork& net, double capture_radius);

  // First assignment: nearest site of each ion (fractional coordinates in the supercell).
  void start(const std::vector<Vec3>& frac, double time = 0);
  void update(const std::vector<Vec3>& frac, double time);

  const std::vector<HopEvent>& events() const { return events_; }
  const std::vector<int>& site_of_ion() const { return site_; }
  std::vector<long> hops_per_class() const;
  long off_network_hops() const;

  // Directed statistics per hop class c and direction d (0: from a site of class site_class_a,
  // 1: from class site_class_b), index 2c + d: hops, and the exposure time (ps) summed over every
  // (ion, hop with an empty target) of that class and direction at each sample. Their ratio is
  // the lattice-gas rate of one hop to an empty site (site blocking included, interactions not).
  const std::vector<long>& directed_hops() const { return dir_hops_; }
  const std::vector<double>& directed_exposure() const { return exposure_; }

 private:
  double distance(const Vec3& a, const Vec3& b) const;  // minimum image, Å
  int nearest(const Vec3& f, double& d) const;

  const SiteNetwork& net_;
  double capture_;
  int direction(int from_site, int hop_class) const;

  std::vector<int> site_;
  std::vector<HopEvent> events_;
  std::vector<int> occupied_;  // ions per site
  std::vector<long> dir_hops_;
  std::vector<double> exposure_;
  double last_time_ = 0;
};

}  // namespace ionhop::md
