#pragma once
// Private to engine/kmc: per-site neighbour lists (hops, interaction partners, update sets) of a
// periodic supercell stored once per basis site plus a per-cell table of neighbour cells
// (doc/theory/kmc.md §8). Device site j = cell * n_basis + b; a template entry (b', dir) of basis
// site b names site cell_nbr(cell, dir) * n_basis + b'. The lists of all cells are checked against
// the template; networks that are not translation-invariant in this sense (or not supercells) use
// one "cell" holding every site, i.e. plain per-site lists.
#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "engine/network/site_network.hpp"

namespace ionhop {

struct CellLayout {
  int n_basis = 0, n_cells = 1;
  std::vector<std::array<int, 3>> cell_coord;  // per device cell: (i, j, k) in the supercell
  std::array<int, 3> n{1, 1, 1};
  std::vector<std::array<int, 3>> dirs;        // cell offsets (mod n) named by the templates
  std::vector<int> rank_of_flat;               // flat cell index of the network -> device cell
  bool periodic = false;

  int dir_id(const std::array<int, 3>& off);   // adds the offset if new
  std::vector<int> cell_nbr() const;           // n_cells x dirs.size(), row-major
};

// Template of per-site lists: for basis b, entries [offset[b], offset[b+1]) of (b', dir).
struct SiteTemplate {
  std::vector<int> offset;
  std::vector<std::array<int, 2>> entry;
};

// Layout of the device order (order[j] = network site of device site j): periodic when the
// network is a supercell and each device cell holds the nu sites of one network cell, in the basis order of device cell 0.
CellLayout make_cell_layout(const SiteNetwork& net, const std::vector<int>& order);

// The same layout without translation symmetry: one cell of all sites.
CellLayout flat_cell_layout(int n_sites);

// Template of the CSR lists (rows = device sites, entries = device sites), taken from the sites
// of cell 0. Returns false (template unusable) if any row of any cell differs from it; `same`
// (row site j, entry e of j, entry e0 of the template's site) also compares per-entry payloads.
template <class Same>
bool make_template(CellLayout& layout, const std::vector<int>& offset, const std::vector<int>& index, Same same,
                   SiteTemplate& out) {
  const int nb = layout.n_basis;
  out.offset.assign(static_cast<size_t>(nb) + 1, 0);
  out.entry.clear();
  const auto& c0 = layout.cell_coord[0];
  for (int b = 0; b < nb; ++b) {
    for (int e = offset[static_cast<size_t>(b)]; e < offset[static_cast<size_t>(b) + 1]; ++e) {
      const int t = index[static_cast<size_t>(e)];
      const auto& ct = layout.cell_coord[static_cast<size_t>(t / nb)];
      std::array<int, 3> off{};
      for (int k = 0; k < 3; ++k) off[k] = ((ct[k] - c0[k]) % layout.n[k] + layout.n[k]) % layout.n[k];
      out.entry.push_back({t % nb, layout.dir_id(off)});
    }
    out.offset[static_cast<size_t>(b) + 1] = static_cast<int>(out.entry.size());
  }
  // Rows are compared as sets (their order, e.g. sorted by site index, depends on where the
  // periodic wrap falls), entries paired by target site.
  const std::vector<int> nbr = layout.cell_nbr();
  const size_t nd = layout.dirs.size();
  std::vector<std::pair<int, int>> mapped, actual;  // (site, entry)
  for (int cell = 0; cell < layout.n_cells; ++cell)
    for (int b = 0; b < nb; ++b) {
      const int j = cell * nb + b;
      mapped.clear();
      actual.clear();
      for (int e = out.offset[static_cast<size_t>(b)]; e < out.offset[static_cast<size_t>(b) + 1]; ++e) {
        const auto& te = out.entry[static_cast<size_t>(e)];
        mapped.push_back({nbr[static_cast<size_t>(cell) * nd + static_cast<size_t>(te[1])] * nb + te[0], e});
      }
      for (int e = offset[static_cast<size_t>(j)]; e < offset[static_cast<size_t>(j) + 1]; ++e)
        actual.push_back({index[static_cast<size_t>(e)], e});
      if (mapped.size() != actual.size()) return false;
      std::sort(mapped.begin(), mapped.end());
      std::sort(actual.begin(), actual.end());
      for (size_t q = 0; q < mapped.size(); ++q) {
        if (mapped[q].first != actual[q].first) return false;
        // template entry e of basis b is entry e of device site b (cell 0): same CSR position
        if (!same(j, actual[q].second, mapped[q].second)) return false;
      }
    }
  return true;
}

// Per template hop h (entry of hop_t, target (b', dir)) of basis site b: U(b) ∪ U(target) of
// upd_t, deduplicated, relative to b's cell; offsets get one entry per template hop plus one.
// Left empty (the union is then formed at run time) if it would exceed 4x the size of upd_t
// and 4 Mi entries, e.g. for long-range interactions on a large non-periodic network.
SiteTemplate hop_update_union(CellLayout& layout, const SiteTemplate& hop_t, const SiteTemplate& upd_t,
                              std::vector<int>& offsets);

}  // namespace ionhop
