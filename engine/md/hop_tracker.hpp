#pragma once
// Hop detection during an MD run without the whole system leaving the device each step: a device
// kernel (kernels/md/hop_screen.hpp) picks the mobile ions the detector must examine — those that
// have moved at least half the shortest site–site distance from their site, or are on an excursion —
// and only their positions are copied to the host, where HopDetector examines them in the same
// order as a full update would. Events, hop counts and exposures are identical to
// HopDetector::update with every ion (tests/validation/md/test_md_nasicon_hops.cpp).
#include <vector>

#include "engine/md/hop_detector.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

class HopTracker {
 public:
  // `atoms`: the mobile ions' atom indices; `net`: the site network of the same supercell.
  HopTracker(const MdSystem& s, const std::vector<int>& atoms, const SiteNetwork& net, double capture_radius,
             double time);
  void update(const MdSystem& s, double time);
  const HopDetector& detector() const { return det_; }
  long examined() const { return examined_; }  // ion positions copied to the host so far
  // The detector's state and the device copies of its sites and excursion flags (checkpoints).
  void save(StateArrays& a) const;
  void restore(const StateArrays& a);

 private:
  HopDetector det_;
  int n_ions_ = 0;
  double lattice_[3][3] = {};
  double r2_ = 0;
  long examined_ = 0;
  Kokkos::View<int*, MemSpace> atom_, home_, watch_, out_ion_, up_ion_, up_site_, up_watch_;
  Kokkos::View<double* [3], MemSpace> site_frac_, out_x_;
};

}  // namespace ionhop::md
