#pragma once
// Private to engine/kmc: one rank's domain of a KMC supercell (doc/theory/kmc.md §9). The
// supercell's cells are split in blocks over a 3D rank grid; along every split axis the domain
// carries a ghost layer of `ghost` cells on both sides, with ghost = 2 h + p cells (h: the longest
// hop, p: the longest interaction, in cells along the axis): what a window's events and rates can
// touch. Unsplit axes stay periodic inside the domain. The local lattice is the box of owned and
// ghost cells in tiles of 4x4x4 cells (slots of partial tiles hold no cell) plus one padding cell that every out-of-box neighbour points to
// (never owned, never read by a rate). Owned sites are split into 2^(split axes) sectors: the two
// halves of the domain along each split axis.
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/kmc/cell_templates.hpp"

namespace ionhop {

struct DomainGeometry {
  std::array<int, 3> n{1, 1, 1};       // supercell cells per axis
  std::array<int, 3> dims{1, 1, 1};    // ranks per axis
  std::array<int, 3> ghost{0, 0, 0};   // ghost cells per side along each axis (0 if unsplit)
  std::array<int, 3> reach{0, 0, 0};   // 2h + p per axis, cells (what `ghost` is on split axes)
  // Owned cells along axis a of the rank at grid coordinate c: [first(a, c), first(a, c) + count(a, c)).
  int first(int a, int c) const;
  int count(int a, int c) const;
  // Box extent along a (owned + 2 ghost) and the box coordinate of global cell g on the rank at c
  // (-1 if g is outside that rank's box).
  int box(int a, int c) const { return count(a, c) + 2 * ghost[a]; }
  int box_coord(int a, int c, int g) const;
  // Grid coordinate of the rank owning global cell g along a.
  int owner(int a, int g) const;
};

struct DomainLayout {
  DomainGeometry geo;
  std::array<int, 3> coords{0, 0, 0};  // this rank's grid coordinates
  std::array<int, 3> box{1, 1, 1};
  int n_basis = 0;
  int n_box_cells = 0;                 // local cell slots without the padding cell (index n_box_cells)
  int n_local = 0;                     // local sites: (n_box_cells + 1) * n_basis
  int n_dirs = 0;
  std::vector<int> cell_nbr;           // (n_box_cells + 1) x n_dirs: neighbour box cell or the padding cell
  std::vector<int> global_cell;        // per slot: the device cell of the whole supercell (layout order), -1: none
  int n_sector = 1;
  std::vector<int> sector_offset;      // owned sites of sector k: sector_site[sector_offset[k] .. [k + 1])
  std::vector<int> sector_site;
  std::vector<int> leaf;               // per local site: its leaf in its sector's tree, -1 if not owned
  std::vector<std::uint8_t> sector;    // per local site: its sector (0 if not owned)
  std::vector<int> neighbors;          // ranks (grid numbering) this domain exchanges with
  // (local site, index into neighbors, site index on that neighbour):
  std::vector<std::array<int, 3>> ghosts;   // every ghost site and its owner
  std::vector<std::array<int, 3>> exports;  // every owned site that a neighbour holds as a ghost
};

// Ghost width per axis from the hop and partner templates of a periodic layout (cells, signed
// offsets: an offset d mod n beyond n/2 is d - n).
std::array<int, 3> domain_reach(const CellLayout& layout, const SiteTemplate& hop_t, const SiteTemplate& nbr_t);

// The domain of the rank at grid coordinates `coords` of a grid of `dims` ranks; rank_at maps grid
// coordinates to ranks. Throws ionhop::Error if an owned block is thinner than two reaches.
DomainLayout make_domain_layout(const CellLayout& layout, const std::array<int, 3>& reach, const std::array<int, 3>& dims,
                                const std::array<int, 3>& coords,
                                const std::function<int(const std::array<int, 3>&)>& rank_at);

}  // namespace ionhop
