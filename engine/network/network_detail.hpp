#pragma once
// Internal building blocks of build_network (engine/network/*.cpp); not part of the public API.
// Geometry is done here from Lattice::rows directly so that the network library needs nothing
// from crystal/ beyond its headers.
#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/network/site_network.hpp"

namespace ionhop::netdetail {

inline Vec3 to_cart(const Lattice& l, const Vec3& f) {
  return f[0] * l.rows[0] + f[1] * l.rows[1] + f[2] * l.rows[2];
}
inline Vec3 to_frac(const Lattice& l, const Vec3& r) {  // r = f * rows  =>  f = r * rows^-1
  const Mat3 inv = inverse(l.rows);
  return {r[0] * inv[0][0] + r[1] * inv[1][0] + r[2] * inv[2][0],
          r[0] * inv[0][1] + r[1] * inv[1][1] + r[2] * inv[2][1],
          r[0] * inv[0][2] + r[1] * inv[1][2] + r[2] * inv[2][2]};
}

// Every integer translation n with |(d + n) . rows| <= radius, d a fractional difference vector.
// Exact for any cell shape: the bound on n_k uses the length of column k of rows^-1.
std::vector<std::array<int, 3>> images_within(const Lattice& l, const Vec3& d, double radius);

// Shortest Cartesian distance between fractional points a and b over all images (0 if equal).
double periodic_distance(const Lattice& l, const Vec3& a, const Vec3& b);

// Index of the site in `fracs` at (periodically) the same place as f within tol (Å), or -1;
// `shift` receives the integer vector with f = fracs[i] + shift (approximately).
int find_position(const Lattice& l, const std::vector<Vec3>& fracs, const Vec3& f, double tol,
                  std::array<int, 3>* shift = nullptr);

// The symmetry operations to use: the crystal's, or the identity if it has none.
std::vector<SymOp> symmetry_ops(const Crystal& c);

// ---- sites --------------------------------------------------------------------------------------
// Mobile sites of the crystal plus the symmetry orbits of the user-added sites.
void collect_sites(const Crystal& c, const NetworkOptions& opt, SiteNetwork& net);

// ---- hops ---------------------------------------------------------------------------------------
// Directed hops i -> j (+image) with length <= cutoff, both directions, sorted by (from, to, image).
std::vector<Hop> enumerate_hops(const SiteNetwork& net, double cutoff);
// Automatic cutoff from the spectrum of site-site distances (doc/theory/network.md §Cutoff).
double automatic_cutoff(const SiteNetwork& net);
// Fill hop_offset (CSR) for hops sorted by from.
void build_csr(SiteNetwork& net);

// ---- percolation -------------------------------------------------------------------------------
struct Topology {
  int components = 0;      // connected components of the quotient graph (all sites counted)
  int dimensionality = 0;  // max over components of the rank of the winding vectors
};
// Topology of the periodic graph of the hops with use[h] != 0 (all hops if use is null).
Topology hop_topology(int n_sites, const std::vector<Hop>& hops, const std::vector<char>* use = nullptr);

// ---- hop classes --------------------------------------------------------------------------------
// Union hops mapped onto each other by the operations (and i->j with j->i); sets Hop::hop_class
// and fills net.hop_classes (sites, length, per-site multiplicities).
void assign_hop_classes(SiteNetwork& net, const std::vector<SymOp>& ops, double tol);

// ---- bottlenecks --------------------------------------------------------------------------------
struct FrameworkIon {
  Vec3 frac{};
  double radius = 0;   // Å (occupancy-weighted over the non-mobile occupants)
  std::string label;   // crystallographic site label
};
// Ionic radii table: (element, oxidation) -> radius in Å, read from a TOML file.
using RadiiTable = std::map<std::pair<std::string, int>, double>;
RadiiTable read_radii(const std::string& path);
// Every atom of a site without the mobile species, with its radius from the table.
std::vector<FrameworkIon> framework_ions(const Crystal& c, const std::string& species,
                                         const RadiiTable& radii, const std::string& radii_path);

struct Bottleneck {
  double radius = 0;           // Å; +inf without framework
  double t = 0.5;              // position along the hop, 0..1
  std::vector<int> ions;       // indices into the framework list of the ions that define it
};
// Minimum over the segment p0 -> p0 + hop (fractional, unwrapped) of min_k(|p - x_k| - R_k).
Bottleneck hop_bottleneck(const Lattice& l, const std::vector<FrameworkIon>& fw, const Vec3& p0,
                          const Vec3& p1);

}  // namespace ionhop::netdetail
