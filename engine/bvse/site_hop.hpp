#pragma once
// BVSE site/hop mode (doc/theory/bvse.md): per mobile site the local minimum of E near the site,
// per hop the saddle of the minimum-energy path between the two minima (string method on the
// analytic field), on the unit cell; on a decorated supercell the unit-cell paths are re-evaluated
// in the decorated field (frozen paths), per hop and per replica.
#include <map>
#include <string>
#include <vector>

#include "engine/bvse/field.hpp"
#include "engine/composition/composition.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::bvse {

struct PathOptions {
  int images = 16;          // string images per hop, endpoints included (3..32)
  int iterations = 400;     // string iterations (unit cell)
  double max_step = 0.05;   // Å, largest move of an image per iteration
  double site_radius = 1.0; // Å, the local minimum is searched within this sphere around the site
  int site_iterations = 200;
};

struct SiteHopResult {
  std::vector<double> site_energy;      // eV (absolute BVSE), per network site
  std::vector<Vec3> site_shift;         // Å, local minimum minus site position (Cartesian)
  std::vector<double> saddle_energy;    // eV, per directed hop (equal for i->j and j->i)
  std::vector<double> straight_saddle;  // eV, maximum along the straight segment between the minima
  std::vector<std::vector<Vec3>> path;  // per directed hop: images minus the from-site position, Å

  // Barrier of the directed hop h = saddle − E(from); KRA barrier = saddle − (E(from)+E(to))/2.
  double barrier(const SiteNetwork& net, int h) const;
  double kra(const SiteNetwork& net, int h) const;
};

// Unit cell (or any network without a parent): relax sites, then one string per hop pair.
SiteHopResult compute_site_hop(const Field& field, const SiteNetwork& net, const PathOptions& opt = {});

// Decorated supercell `sup` (from make_supercell_network(unit, n)): sites relaxed in `field` from
// the unit-cell minima, saddles = maximum of `field` along the unit-cell paths placed on each hop.
SiteHopResult decorated_site_hop(const Field& field, const SiteNetwork& sup, const SiteNetwork& unit,
                                 const SiteHopResult& unit_result, const PathOptions& opt = {});

// Atoms of a decorated supercell for build_field: framework elements (occupancy 1) with their
// oxidation states from `oxidation`, dopants on mobile sites (at the sites of `net`, the supercell
// network; required when the decoration has them) as framework cations, plus the decoration's
// mobile ions (one aggregated entry, they enter only the charge scaling).
std::vector<FieldAtom> decorated_atoms(const Crystal& supercell, const Decoration& dec,
                                       const std::map<std::string, int>& oxidation, const std::string& mobile,
                                       int mobile_oxidation, const SiteNetwork* net = nullptr);

// Element -> oxidation state of the crystal's occupants plus the dopants of `spec`.
std::map<std::string, int> oxidation_table(const Crystal& crystal, const CompositionSpec& spec = {});

struct HopClassEnergies {
  int hop_class = 0;
  double length = 0;            // Å
  double saddle = 0;            // eV, mean over the class's hops
  double barrier_ab = 0;        // saddle − E(site class a), eV
  double barrier_ba = 0;        // saddle − E(site class b), eV
  double kra = 0;               // saddle − (E_a + E_b)/2, eV
  double straight_saddle = 0;   // eV, straight-line estimate for comparison
  double spread = 0;            // eV, max − min saddle within the class (0 by symmetry in a unit cell)
};
std::vector<HopClassEnergies> hop_class_energies(const SiteNetwork& net, const SiteHopResult& r);

}  // namespace ionhop::bvse
