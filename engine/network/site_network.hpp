#pragma once
// SiteNetwork: the sites a mobile species (Na or Li) may occupy and the hops between them, with
// symmetry classes and geometric bottlenecks. Built from a Crystal; expandable to a supercell.
#include <array>
#include <string>
#include <vector>

#include "engine/crystal/crystal.hpp"

namespace ionhop {

struct MobileSite {
  std::string label;     // crystallographic label ("Na1"), or "X1", "X2"... for user-added sites
  int crystal_site = -1; // index into Crystal::sites, -1 for user-added sites
  int site_class = 0;    // index into SiteNetwork::site_classes (symmetry-distinct sites)
  Vec3 frac{};           // fractional coordinates in [0, 1) of the network's lattice
  double occupancy = 0;  // occupancy of the mobile species on this site in the file (0 if added)
  int cell_site = -1;    // in a supercell network: index of this site in the unit-cell network
};

struct SiteClass {
  std::string label;     // label of the crystallographic site
  char wyckoff = '?';
  int multiplicity = 0;  // sites of this class per unit cell
  double occupancy = 0;  // file occupancy of the mobile species
};

// A directed hop from site `from` to site `to`. Both directions are stored.
struct Hop {
  int from = 0, to = 0;
  std::array<int, 3> image{0, 0, 0}; // lattice translation of `to`: r_to = frac[to] + image
  Vec3 vector{};                     // Cartesian hop vector r_to - r_from, Å
  double length = 0;                 // Å
  int hop_class = 0;                 // index into SiteNetwork::hop_classes (same for i->j and j->i)
  double bottleneck_radius = 0;      // free radius at the bottleneck, Å (see doc/theory/network.md)
  double bottleneck_t = 0;           // position of the bottleneck along the hop, 0..1
};

struct HopClass {
  int site_class_a = 0, site_class_b = 0;  // the two site classes (a <= b)
  double length = 0;                       // Å
  int per_site_a = 0;                      // hops of this class leaving one site of class a
  int per_site_b = 0;                      // hops of this class leaving one site of class b
  double bottleneck_radius = 0;            // Å
  std::vector<std::string> bottleneck_ions; // labels of the framework ions that define it
};

struct Percolation {
  int dimensionality = 0;           // 0..3: rank of winding vectors of the hop network
  // Largest bottleneck-radius threshold (Å) at which hops with radius >= threshold still
  // percolate in at least 1, 2, 3 dimensions; negative if never.
  double radius_1d = -1, radius_2d = -1, radius_3d = -1;
};

struct SiteNetwork {
  std::string species;                 // mobile species, e.g. "Na"
  Lattice lattice;                     // unit cell or supercell
  std::array<int, 3> supercell{1, 1, 1};
  std::vector<MobileSite> sites;
  std::vector<SiteClass> site_classes;
  std::vector<Hop> hops;               // sorted by `from`; hops of site i are [hop_offset[i], hop_offset[i+1])
  std::vector<int> hop_offset;         // CSR offsets, size sites.size() + 1
  std::vector<HopClass> hop_classes;
  double cutoff = 0;                   // hop cutoff used, Å
  double min_bottleneck = 0;           // hops with a smaller bottleneck radius were dropped, Å
  int dropped_hops = 0;                // how many (directed) hops were dropped by that threshold
  Percolation percolation;

  int n_sites() const { return static_cast<int>(sites.size()); }
};

}  // namespace ionhop
