// make_supercell_network: replicate the unit-cell network over n1 x n2 x n3 cells and rewire hops
// so that their images are lattice translations of the supercell.
#include <algorithm>

#include "engine/core/error.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop {

namespace {
// Floor division and the matching non-negative remainder (cell index wraps, image counts wraps).
int floor_div(int a, int n) { return (a >= 0) ? a / n : -((-a + n - 1) / n); }
}  // namespace

SiteNetwork make_supercell_network(const SiteNetwork& unit, std::array<int, 3> n) {
  for (int k = 0; k < 3; ++k)
    if (n[k] < 1) fail("supercell: size along axis {} must be >= 1 (got {})", k + 1, n[k]);
  if (unit.supercell != std::array<int, 3>{1, 1, 1})
    fail("supercell: the network is already a {}x{}x{} supercell", unit.supercell[0],
         unit.supercell[1], unit.supercell[2]);
  const int nu = unit.n_sites();
  const SupercellMap map{n, nu};

  SiteNetwork sc;
  sc.species = unit.species;
  sc.lattice = unit.lattice;
  for (int k = 0; k < 3; ++k) sc.lattice.rows[k] = static_cast<double>(n[k]) * unit.lattice.rows[k];
  sc.supercell = n;
  sc.site_classes = unit.site_classes;
  sc.hop_classes = unit.hop_classes;
  sc.cutoff = unit.cutoff;
  sc.min_bottleneck = unit.min_bottleneck;
  sc.dropped_hops = unit.dropped_hops * map.n_cells();
  sc.percolation = unit.percolation;  // a property of the infinite crystal, unchanged

  sc.sites.resize(static_cast<size_t>(map.size()));
  sc.hops.reserve(unit.hops.size() * static_cast<size_t>(map.n_cells()));
  sc.hop_offset.assign(static_cast<size_t>(map.size()) + 1, 0);
  // Flat index of SupercellMap (engine/crystal/supercell.hpp), written out here so that the network
  // library needs nothing from crystal/ beyond its headers.
  const auto flat = [&](int basis, const std::array<int, 3>& c) {
    return basis + nu * (c[0] + n[0] * (c[1] + n[1] * c[2]));
  };
  // Cells in the order of the flat index (basis fastest, then i, j, k), so that hops come out
  // sorted by `from` without a sort.
  for (int idx = 0; idx < map.size(); ++idx) {
    const int basis = idx % nu, cell_flat = idx / nu;
    const std::array<int, 3> cell{cell_flat % n[0], (cell_flat / n[0]) % n[1], cell_flat / (n[0] * n[1])};
    const MobileSite& us = unit.sites[static_cast<size_t>(basis)];
    MobileSite& s = sc.sites[static_cast<size_t>(idx)];
    s = us;
    s.cell_site = basis;
    for (int k = 0; k < 3; ++k) s.frac[k] = (us.frac[k] + cell[k]) / n[k];
    for (int h = unit.hop_offset[static_cast<size_t>(basis)];
         h < unit.hop_offset[static_cast<size_t>(basis) + 1]; ++h) {
      Hop hop = unit.hops[static_cast<size_t>(h)];
      std::array<int, 3> to_cell{};
      for (int k = 0; k < 3; ++k) {
        const int c = cell[k] + hop.image[k];
        hop.image[k] = floor_div(c, n[k]);
        to_cell[k] = c - hop.image[k] * n[k];
      }
      hop.from = idx;
      hop.to = flat(hop.to, to_cell);
      sc.hops.push_back(hop);
    }
    sc.hop_offset[static_cast<size_t>(idx) + 1] = static_cast<int>(sc.hops.size());
  }
  return sc;
}

}  // namespace ionhop
