#pragma once
// Hop detection during an MD run without the whole system leaving the device each step: a device
// kernel (kernels/md/hop_screen.hpp) picks the mobile ions the detector must examine — those that
// have moved at least half the shortest site–site distance from their site, or are on an excursion —
// and only their positions are copied to the host, where HopDetector examines them in the same
// order as a full update would. Events, hop counts and exposures are identical to
// HopDetector::update with every ion (tests/validation/md/test_md_nasicon_hops.cpp).
//
// Each ion's site and excursion flag live with the atom (MdSystem::hop_site, hop_watch), so under
// a domain decomposition they travel with the ion between ranks and every rank screens its own
// ions. The detector itself, which needs every site's occupancy, lives on rank 0: each step only
// the examined ions' (id, position) rows go to it and their (site, flag) come back — a few rows
// per step, not the whole system. Ion k is the mobile atom with the k-th smallest global id, as in
// a serial run, so the events are the serial ones whatever the rank count (up to the round-off
// the decomposition gives the trajectory itself).
#include <cstdint>
#include <vector>

#include "engine/md/hop_detector.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md {

class HopTracker {
 public:
  // Assigns each atom of type `mobile_type` its nearest site of `net` (the site network of the same
  // supercell). Collective over the ranks of a decomposed system, as are update() and restore().
  HopTracker(MdSystem& s, int mobile_type, const SiteNetwork& net, double capture_radius, double time);
  void update(MdSystem& s, double time);
  // Rank 0 (serial: the only rank) holds the detector, its events and statistics.
  bool holds_detector() const { return root_; }
  const HopDetector& detector() const { return det_; }
  long examined() const { return examined_; }  // rank 0: ion positions copied to the host so far
  // The detector's state (rank 0), for checkpoints.
  void save(StateArrays& a) const;
  // Every rank, from the same checkpoint: the detector on rank 0, the sites and flags of the atoms.
  void restore(MdSystem& s, const StateArrays& a);

 private:
  // The detector's answer for owned atoms `atoms` (rows (id, frac[3]) in `rows`): on rank 0,
  // `examine(ions, frac)` gets the rows in increasing ion order; then each row's site and flag
  // are written back to its atom.
  template <class Examine>
  void consult(MdSystem& s, const std::vector<int>& atoms, const std::vector<double>& rows, Examine examine);
  std::vector<int> owned_mobile(const MdSystem& s) const;
  std::vector<double> rows_of(const MdSystem& s, const std::vector<int>& atoms) const;

  HopDetector det_;
  int mobile_type_;
  bool root_ = true;
  std::vector<std::int64_t> ion_ids_;  // rank 0: global id of ion k, increasing
  double lattice_[3][3] = {};
  double r2_ = 0;
  long examined_ = 0;
  Kokkos::View<int*, MemSpace> out_atom_, up_atom_, up_site_, up_watch_;
  Kokkos::View<std::int64_t*, MemSpace> out_id_;
  Kokkos::View<double* [3], MemSpace> site_frac_, out_x_;
};

}  // namespace ionhop::md
