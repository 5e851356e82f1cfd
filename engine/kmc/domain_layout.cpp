// One rank's domain of a KMC supercell (engine/kmc/domain_layout.hpp).
#include "engine/kmc/domain_layout.hpp"

#include <algorithm>
#include <cstdlib>

#include "engine/core/error.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop {

int DomainGeometry::first(int a, int c) const { return mpi::split(n[a], c, dims[a]).first; }
int DomainGeometry::count(int a, int c) const { return mpi::split(n[a], c, dims[a]).count; }

int DomainGeometry::box_coord(int a, int c, int g) const {
  if (dims[a] == 1) return g;
  const int x = ((g - first(a, c) + ghost[a]) % n[a] + n[a]) % n[a];
  return x < box(a, c) ? x : -1;
}

int DomainGeometry::owner(int a, int g) const {
  for (int c = 0; c < dims[a]; ++c)
    if (g < first(a, c) + count(a, c)) return c;
  return dims[a] - 1;
}

namespace {

// Box cells in tiles of 4 x 4 x 4 (x fastest within a tile, tiles x fastest): the neighbours of a
// cell lie within a few kB of its state, as the Morton order does for the replica ensemble. Slots of
// partial tiles at the box's far faces hold no cell.
constexpr int kTile = 4;
int tiles(int n) { return (n + kTile - 1) / kTile; }
int tiled_cells(const std::array<int, 3>& box) { return tiles(box[0]) * tiles(box[1]) * tiles(box[2]) * kTile * kTile * kTile; }
int tiled_index(const std::array<int, 3>& box, const std::array<int, 3>& x) {
  const int t = x[0] / kTile + tiles(box[0]) * (x[1] / kTile + tiles(box[1]) * (x[2] / kTile));
  return t * kTile * kTile * kTile + x[0] % kTile + kTile * (x[1] % kTile + kTile * (x[2] % kTile));
}
std::array<int, 3> tiled_coords(const std::array<int, 3>& box, int c) {  // {-1, -1, -1}: no cell
  const int t = c / (kTile * kTile * kTile), l = c % (kTile * kTile * kTile);
  const int tx = t % tiles(box[0]), ty = (t / tiles(box[0])) % tiles(box[1]), tz = t / (tiles(box[0]) * tiles(box[1]));
  const std::array<int, 3> x{tx * kTile + l % kTile, ty * kTile + (l / kTile) % kTile, tz * kTile + l / (kTile * kTile)};
  for (int a = 0; a < 3; ++a)
    if (x[a] >= box[a]) return {-1, -1, -1};
  return x;
}

}  // namespace

std::array<int, 3> domain_reach(const CellLayout& layout, const SiteTemplate& hop_t, const SiteTemplate& nbr_t) {
  std::array<int, 3> h{0, 0, 0}, p{0, 0, 0};
  const auto widen = [&](const SiteTemplate& t, std::array<int, 3>& w) {
    for (const auto& e : t.entry)
      for (int a = 0; a < 3; ++a) {
        const int d = layout.dirs[static_cast<size_t>(e[1])][a], n = layout.n[a];
        w[a] = std::max(w[a], std::min(d, n - d));  // |signed offset|
      }
  };
  widen(hop_t, h);
  widen(nbr_t, p);
  return {2 * h[0] + p[0], 2 * h[1] + p[1], 2 * h[2] + p[2]};
}

DomainLayout make_domain_layout(const CellLayout& layout, const std::array<int, 3>& reach, const std::array<int, 3>& dims,
                                const std::array<int, 3>& coords,
                                const std::function<int(const std::array<int, 3>&)>& rank_at) {
  if (!layout.periodic) fail("kmc domains: the network is not a periodic supercell of one cell's sites");
  DomainLayout d;
  DomainGeometry& geo = d.geo;
  geo.n = layout.n;
  geo.dims = dims;
  geo.reach = reach;
  for (int a = 0; a < 3; ++a) {
    geo.ghost[a] = dims[a] > 1 ? reach[a] : 0;
    for (int c = 0; c < dims[a]; ++c)
      if (dims[a] > 1 && geo.count(a, c) < 2 * reach[a])
        fail("kmc domains: {} ranks along axis {} leave {} cells per domain, fewer than two interaction reaches "
             "(2 x {} cells)", dims[a], "abc"[a], geo.count(a, c), reach[a]);
  }
  d.coords = coords;
  d.n_basis = layout.n_basis;
  for (int a = 0; a < 3; ++a) d.box[a] = dims[a] > 1 ? geo.box(a, coords[a]) : layout.n[a];
  d.n_box_cells = tiled_cells(d.box);
  d.n_local = (d.n_box_cells + 1) * d.n_basis;
  d.n_dirs = static_cast<int>(layout.dirs.size());
  const int pad = d.n_box_cells, nb = d.n_basis;
  const auto box_index = [&](const std::array<int, 3>& x) { return tiled_index(d.box, x); };
  const auto box_of = [&](int c) { return tiled_coords(d.box, c); };
  const auto global_of = [&](const std::array<int, 3>& x) {
    std::array<int, 3> g{};
    for (int a = 0; a < 3; ++a) g[a] = ((geo.first(a, coords[a]) - geo.ghost[a] + x[a]) % geo.n[a] + geo.n[a]) % geo.n[a];
    return g;
  };
  const auto owned = [&](const std::array<int, 3>& x) {
    for (int a = 0; a < 3; ++a)
      if (x[a] < geo.ghost[a] || x[a] >= geo.ghost[a] + (dims[a] > 1 ? geo.count(a, coords[a]) : geo.n[a])) return false;
    return true;
  };
  const auto flat = [&](const std::array<int, 3>& g) { return g[0] + geo.n[0] * (g[1] + geo.n[1] * g[2]); };

  // Neighbour cells: signed offsets; periodic along unsplit axes, the padding cell outside the box.
  d.cell_nbr.assign(static_cast<size_t>(d.n_box_cells + 1) * d.n_dirs, pad);
  d.global_cell.assign(static_cast<size_t>(d.n_box_cells), -1);
  for (int c = 0; c < d.n_box_cells; ++c) {
    const auto x = box_of(c);
    if (x[0] < 0) continue;  // a slot of a partial tile: no cell
    d.global_cell[static_cast<size_t>(c)] = layout.rank_of_flat[static_cast<size_t>(flat(global_of(x)))];
    for (int k = 0; k < d.n_dirs; ++k) {
      std::array<int, 3> y{};
      bool inside = true;
      for (int a = 0; a < 3; ++a) {
        int off = layout.dirs[static_cast<size_t>(k)][a];
        if (off > layout.n[a] / 2) off -= layout.n[a];
        y[a] = x[a] + off;
        if (dims[a] == 1) y[a] = ((y[a] % layout.n[a]) + layout.n[a]) % layout.n[a];
        else if (y[a] < 0 || y[a] >= d.box[a]) inside = false;
      }
      if (inside) d.cell_nbr[static_cast<size_t>(c) * d.n_dirs + k] = box_index(y);
    }
  }

  // Sectors: the halves of the owned block along each split axis.
  int n_split = 0;
  for (int a = 0; a < 3; ++a) n_split += dims[a] > 1;
  d.n_sector = 1 << n_split;
  d.leaf.assign(static_cast<size_t>(d.n_local), -1);
  d.sector.assign(static_cast<size_t>(d.n_local), 0);
  std::vector<std::vector<int>> by_sector(static_cast<size_t>(d.n_sector));
  for (int c = 0; c < d.n_box_cells; ++c) {
    const auto x = box_of(c);
    if (x[0] < 0 || !owned(x)) continue;
    int k = 0, bit = 0;
    for (int a = 0; a < 3; ++a)
      if (dims[a] > 1) k |= (x[a] - geo.ghost[a] >= geo.count(a, coords[a]) / 2 ? 1 : 0) << bit++;
    for (int b = 0; b < nb; ++b) by_sector[static_cast<size_t>(k)].push_back(c * nb + b);
  }
  d.sector_offset.assign(1, 0);
  for (int k = 0; k < d.n_sector; ++k) {
    int leaf = 0;
    for (int s : by_sector[static_cast<size_t>(k)]) {
      d.leaf[static_cast<size_t>(s)] = leaf++;
      d.sector[static_cast<size_t>(s)] = static_cast<std::uint8_t>(k);
      d.sector_site.push_back(s);
    }
    d.sector_offset.push_back(static_cast<int>(d.sector_site.size()));
  }

  // Ghosts and their owners; exports: my owned cells in each neighbour's box (entries in the
  // neighbour's local order, so rows arrive sorted).
  const auto owner_coords = [&](const std::array<int, 3>& g) {
    return std::array<int, 3>{geo.owner(0, g[0]), geo.owner(1, g[1]), geo.owner(2, g[2])};
  };
  std::vector<std::array<int, 3>> ghost_raw;  // (local site, owner rank, owner site)
  for (int c = 0; c < d.n_box_cells; ++c) {
    const auto x = box_of(c);
    if (x[0] < 0 || owned(x)) continue;
    const auto g = global_of(x);
    const auto q = owner_coords(g);
    std::array<int, 3> qbox{}, xq{};
    for (int a = 0; a < 3; ++a) {
      qbox[a] = dims[a] > 1 ? geo.box(a, q[a]) : geo.n[a];
      xq[a] = geo.box_coord(a, q[a], g[a]);
    }
    const int qc = tiled_index(qbox, xq);
    const int rank = rank_at(q);
    for (int b = 0; b < nb; ++b) ghost_raw.push_back({c * nb + b, rank, qc * nb + b});
    if (std::find(d.neighbors.begin(), d.neighbors.end(), rank) == d.neighbors.end()) d.neighbors.push_back(rank);
  }
  std::sort(d.neighbors.begin(), d.neighbors.end());
  const auto nbr_index = [&](int rank) {
    return static_cast<int>(std::lower_bound(d.neighbors.begin(), d.neighbors.end(), rank) - d.neighbors.begin());
  };
  for (const auto& e : ghost_raw) d.ghosts.push_back({e[0], nbr_index(e[1]), e[2]});
  std::stable_sort(d.ghosts.begin(), d.ghosts.end(), [](const auto& u, const auto& v) { return u[1] < v[1]; });
  // Neighbour grids: every rank within one step along each split axis (the ghost layer is thinner
  // than a domain, so no further rank holds my cells).
  for (const int rank : d.neighbors) {
    std::array<int, 3> q{};
    for (q[2] = 0; q[2] < dims[2]; ++q[2])
      for (q[1] = 0; q[1] < dims[1]; ++q[1])
        for (q[0] = 0; q[0] < dims[0]; ++q[0])
          if (rank_at(q) == rank) goto found;
  found:
    std::array<int, 3> qbox{};
    for (int a = 0; a < 3; ++a) qbox[a] = dims[a] > 1 ? geo.box(a, q[a]) : geo.n[a];
    for (int z = 0; z < qbox[2]; ++z)
      for (int y = 0; y < qbox[1]; ++y)
        for (int x = 0; x < qbox[0]; ++x) {
          const std::array<int, 3> xq{x, y, z};
          std::array<int, 3> g{}, mine{};
          bool in_me = true;
          for (int a = 0; a < 3; ++a) {
            g[a] = ((geo.first(a, q[a]) - geo.ghost[a] + xq[a]) % geo.n[a] + geo.n[a]) % geo.n[a];
            if (dims[a] == 1) g[a] = xq[a];
            mine[a] = geo.box_coord(a, coords[a], g[a]);
            if (mine[a] < 0) in_me = false;
          }
          if (!in_me || !owned(mine)) continue;
          const int qc = tiled_index(qbox, xq), mc = box_index(mine);
          for (int b = 0; b < nb; ++b) d.exports.push_back({mc * nb + b, nbr_index(rank), qc * nb + b});
        }
  }
  return d;
}

}  // namespace ionhop
