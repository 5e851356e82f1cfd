#pragma once
// SiteNetwork: the sites a mobile species (Na or Li) may occupy and the hops between them, with
// symmetry classes and geometric bottlenecks. Built from a Crystal; expandable to a supercell.
#include <array>
#include <limits>
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
  double bottleneck_t = 0.5;               // its position along the hop, 0 at the class-a site
  bool dropped = false;                    // below NetworkOptions::min_bottleneck: no hops stored
};

struct Percolation {
  int dimensionality = 0;           // 0..3: rank of winding vectors of the hop network
  // Largest bottleneck-radius threshold (Å) at which hops with radius >= threshold still
  // percolate in at least 1, 2, 3 dimensions; negative if never (-infinity, since a finite
  // negative radius is a legitimate, overlapping bottleneck); +infinity without framework ions.
  double radius_1d = -std::numeric_limits<double>::infinity();
  double radius_2d = -std::numeric_limits<double>::infinity();
  double radius_3d = -std::numeric_limits<double>::infinity();
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

// How to build a network (doc/theory/network.md describes every rule).
struct NetworkOptions {
  std::string species;                // mobile species, e.g. "Na" (required)
  double cutoff = 0;                  // hop cutoff, Å; <= 0: automatic from the distance spectrum
  // Hops whose bottleneck radius (Å) is below this are dropped (and counted); -inf keeps all.
  double min_bottleneck = -std::numeric_limits<double>::infinity();
  std::vector<Vec3> extra_sites;      // user-added sites (fractional); symmetry copies are added
  std::string radii_file;             // ionic radii TOML; "" = potentials/shannon_radii.toml
  double site_tolerance = 0.1;        // Å: positions closer than this are the same site
};

// Sites, hops (both directions, CSR by `from`), hop classes, bottlenecks and percolation of the
// mobile species in the crystal's cell. Throws ionhop::Error on bad options (naming the option).
SiteNetwork build_network(const Crystal& crystal, const NetworkOptions& options);

// The network expanded to an n1 x n2 x n3 supercell: site index =
// SupercellMap{n, unit.n_sites()}.index(unit_site, cell), cell_site = unit_site, hops rewired with
// images relative to the supercell; classes, bottlenecks and percolation are those of the unit.
SiteNetwork make_supercell_network(const SiteNetwork& unit, std::array<int, 3> n);

// Dimensionality (0..3) of the periodic hop graph restricted to hops with
// bottleneck_radius >= min_radius (rank of the winding vectors, max over components).
int percolation_dimensionality(const SiteNetwork& net,
                               double min_radius = -std::numeric_limits<double>::infinity());
// Dimensionality of all stored hops and the percolation radii for 1D, 2D, 3D.
Percolation compute_percolation(const SiteNetwork& net);

// Effective ionic radius (Å) of element with charge `oxidation` from an ionic radii TOML
// ("" = potentials/shannon_radii.toml); throws ionhop::Error naming the file if it is not listed.
double ionic_radius(const std::string& radii_file, const std::string& element, int oxidation);

}  // namespace ionhop
