// Cell layout of the device site order (engine/kmc/cell_templates.hpp).
#include "engine/kmc/cell_templates.hpp"

#include <algorithm>

namespace ionhop {

int CellLayout::dir_id(const std::array<int, 3>& off) {
  for (size_t d = 0; d < dirs.size(); ++d)
    if (dirs[d] == off) return static_cast<int>(d);
  dirs.push_back(off);
  return static_cast<int>(dirs.size()) - 1;
}

std::vector<int> CellLayout::cell_nbr() const {
  std::vector<int> out(static_cast<size_t>(n_cells) * dirs.size());
  for (int c = 0; c < n_cells; ++c)
    for (size_t d = 0; d < dirs.size(); ++d) {
      const auto& x = cell_coord[static_cast<size_t>(c)];
      const int i = (x[0] + dirs[d][0]) % n[0], j = (x[1] + dirs[d][1]) % n[1], k = (x[2] + dirs[d][2]) % n[2];
      out[static_cast<size_t>(c) * dirs.size() + d] = rank_of_flat[static_cast<size_t>(i + n[0] * (j + n[1] * k))];
    }
  return out;
}

CellLayout flat_cell_layout(int n_sites) {
  CellLayout l;
  l.n_basis = n_sites;
  l.n_cells = 1;
  l.cell_coord = {{0, 0, 0}};
  l.n = {1, 1, 1};
  l.rank_of_flat = {0};
  l.dirs.clear();
  return l;
}

CellLayout make_cell_layout(const SiteNetwork& net, const std::vector<int>& order) {
  const int n_sites = net.n_sites();
  const std::array<int, 3> n = net.supercell;
  const long long n_cells = static_cast<long long>(n[0]) * n[1] * n[2];
  if (n_cells <= 1 || n_sites % n_cells != 0) return flat_cell_layout(n_sites);
  const int nu = static_cast<int>(n_sites / n_cells);
  // Supercell networks index sites as basis + nu * (i + n0 (j + n1 k)) (make_supercell_network).
  CellLayout l;
  l.n_basis = nu;
  l.n_cells = static_cast<int>(n_cells);
  l.n = n;
  l.cell_coord.resize(static_cast<size_t>(n_cells));
  l.rank_of_flat.assign(static_cast<size_t>(n_cells), -1);
  for (int j = 0; j < n_sites; ++j) {
    const int i = order[static_cast<size_t>(j)];
    const int cell = j / nu, flat = i / nu;
    // every device cell lists the basis in the order of device cell 0
    if (i % nu != order[static_cast<size_t>(j % nu)] % nu || net.sites[static_cast<size_t>(i)].cell_site != i % nu)
      return flat_cell_layout(n_sites);
    if (j % nu == 0) {
      if (l.rank_of_flat[static_cast<size_t>(flat)] != -1) return flat_cell_layout(n_sites);
      l.rank_of_flat[static_cast<size_t>(flat)] = cell;
      l.cell_coord[static_cast<size_t>(cell)] = {flat % n[0], (flat / n[0]) % n[1], flat / (n[0] * n[1])};
    } else if (l.rank_of_flat[static_cast<size_t>(flat)] != cell) {
      return flat_cell_layout(n_sites);
    }
  }
  l.periodic = true;
  return l;
}

SiteTemplate hop_update_union(CellLayout& layout, const SiteTemplate& hop_t, const SiteTemplate& upd_t,
                              std::vector<int>& offsets) {
  SiteTemplate out;
  offsets.clear();
  const auto len = [&](int b) {
    return static_cast<size_t>(upd_t.offset[static_cast<size_t>(b) + 1] - upd_t.offset[static_cast<size_t>(b)]);
  };
  size_t total = 0;
  for (int b = 0; b < layout.n_basis; ++b)
    for (int h = hop_t.offset[static_cast<size_t>(b)]; h < hop_t.offset[static_cast<size_t>(b) + 1]; ++h)
      total += len(b) + len(hop_t.entry[static_cast<size_t>(h)][0]);
  if (total > std::max<size_t>(size_t(1) << 22, 4 * upd_t.entry.size())) return out;
  offsets.push_back(0);
  for (int b = 0; b < layout.n_basis; ++b)
    for (int h = hop_t.offset[static_cast<size_t>(b)]; h < hop_t.offset[static_cast<size_t>(b) + 1]; ++h) {
      const int by = hop_t.entry[static_cast<size_t>(h)][0], dy = hop_t.entry[static_cast<size_t>(h)][1];
      const size_t first = out.entry.size();
      const auto add = [&](const std::array<int, 2>& e) {  // (b', offset mod n) names one site
        if (std::find(out.entry.begin() + static_cast<long>(first), out.entry.end(), e) == out.entry.end())
          out.entry.push_back(e);
      };
      for (int u = upd_t.offset[static_cast<size_t>(b)]; u < upd_t.offset[static_cast<size_t>(b) + 1]; ++u)
        add(upd_t.entry[static_cast<size_t>(u)]);
      for (int u = upd_t.offset[static_cast<size_t>(by)]; u < upd_t.offset[static_cast<size_t>(by) + 1]; ++u) {
        const auto& e = upd_t.entry[static_cast<size_t>(u)];
        std::array<int, 3> off{};
        for (int k = 0; k < 3; ++k)
          off[k] = (layout.dirs[static_cast<size_t>(dy)][k] + layout.dirs[static_cast<size_t>(e[1])][k]) % layout.n[k];
        add({e[0], layout.dir_id(off)});
      }
      offsets.push_back(static_cast<int>(out.entry.size()));
    }
  return out;
}

}  // namespace ionhop
