// Hop classes: two hops are one class if a space-group operation maps one onto the other (as
// directed hops up to reversal). Union-find over the hop list.
#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

#include "engine/core/log.hpp"
#include "engine/network/network_detail.hpp"

namespace ionhop::netdetail {

namespace {

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[static_cast<size_t>(x)] != x) x = parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
    return x;
  }
  void unite(int a, int b) {
    a = find(a), b = find(b);
    if (a != b) parent[static_cast<size_t>(std::max(a, b))] = std::min(a, b);
  }
};

using HopKey = std::tuple<int, int, int, int, int>;
HopKey key(int from, int to, const std::array<int, 3>& im) { return {from, to, im[0], im[1], im[2]}; }

}  // namespace

void assign_hop_classes(SiteNetwork& net, const std::vector<SymOp>& ops, double tol) {
  const int n = net.n_sites();
  std::vector<Vec3> fr;
  for (const auto& s : net.sites) fr.push_back(s.frac);

  // Site map per op: R f_i + t = f_{m(i)} + shift(i); -1 where the op maps a site off the sites.
  std::vector<std::vector<int>> to_site(ops.size(), std::vector<int>(static_cast<size_t>(n), -1));
  std::vector<std::vector<std::array<int, 3>>> shift(ops.size(), std::vector<std::array<int, 3>>(static_cast<size_t>(n)));
  for (size_t o = 0; o < ops.size(); ++o)
    for (int i = 0; i < n; ++i) {
      Vec3 g = ops[o].trans;
      for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) g[a] += ops[o].rot[a][b] * fr[static_cast<size_t>(i)][b];
      const int m = find_position(net.lattice, fr, g, tol, &shift[o][static_cast<size_t>(i)]);
      // Only maps within a site class count (user-added orbits are classes of their own too).
      if (m >= 0 && net.sites[static_cast<size_t>(m)].site_class == net.sites[static_cast<size_t>(i)].site_class)
        to_site[o][static_cast<size_t>(i)] = m;
    }

  std::map<HopKey, int> index;
  for (size_t h = 0; h < net.hops.size(); ++h)
    index[key(net.hops[h].from, net.hops[h].to, net.hops[h].image)] = static_cast<int>(h);

  UnionFind uf(net.hops.size());
  int unmatched = 0;
  for (size_t h = 0; h < net.hops.size(); ++h) {
    const Hop& hop = net.hops[h];
    const std::array<int, 3> rev{-hop.image[0], -hop.image[1], -hop.image[2]};
    if (auto it = index.find(key(hop.to, hop.from, rev)); it != index.end()) uf.unite(static_cast<int>(h), it->second);
    for (size_t o = 0; o < ops.size(); ++o) {
      const int a = to_site[o][static_cast<size_t>(hop.from)], b = to_site[o][static_cast<size_t>(hop.to)];
      if (a < 0 || b < 0) continue;
      // R (f_to + n) + t = f_b + shift_b + R n; image relative to the mapped `from` cell.
      std::array<int, 3> im{};
      for (int k = 0; k < 3; ++k) {
        int rn = 0;
        for (int c = 0; c < 3; ++c) rn += ops[o].rot[k][c] * hop.image[c];
        im[k] = shift[o][static_cast<size_t>(hop.to)][k] + rn - shift[o][static_cast<size_t>(hop.from)][k];
      }
      auto it = index.find(key(a, b, im));
      if (it == index.end()) { ++unmatched; continue; }  // image hop beyond the cutoff (rounding)
      uf.unite(static_cast<int>(h), it->second);
    }
  }
  if (unmatched > 0)
    log::warn("hop classes: {} symmetry images of hops were not in the hop list (cutoff on a shell?)", unmatched);

  // Classes ordered by (site class a, site class b, length).
  std::map<int, int> root_to_tmp;
  std::vector<HopClass> tmp;
  std::vector<int> tmp_of_hop(net.hops.size());
  std::vector<int> count_from_a, count_from_b;
  for (size_t h = 0; h < net.hops.size(); ++h) {
    const int r = uf.find(static_cast<int>(h));
    auto [it, fresh] = root_to_tmp.emplace(r, static_cast<int>(tmp.size()));
    if (fresh) {
      const Hop& hop = net.hops[static_cast<size_t>(r)];
      const int ca = net.sites[static_cast<size_t>(hop.from)].site_class, cb = net.sites[static_cast<size_t>(hop.to)].site_class;
      HopClass hc;
      hc.site_class_a = std::min(ca, cb);
      hc.site_class_b = std::max(ca, cb);
      hc.length = hop.length;
      tmp.push_back(hc);
      count_from_a.push_back(0);
      count_from_b.push_back(0);
    }
    const int t = it->second;
    tmp_of_hop[h] = t;
    const int cf = net.sites[static_cast<size_t>(net.hops[h].from)].site_class;
    if (cf == tmp[static_cast<size_t>(t)].site_class_a) ++count_from_a[static_cast<size_t>(t)];
    if (cf == tmp[static_cast<size_t>(t)].site_class_b) ++count_from_b[static_cast<size_t>(t)];
  }
  std::vector<int> sites_in_class(net.site_classes.size(), 0);
  for (const auto& s : net.sites) ++sites_in_class[static_cast<size_t>(s.site_class)];
  for (size_t t = 0; t < tmp.size(); ++t) {
    tmp[t].per_site_a = count_from_a[t] / std::max(1, sites_in_class[static_cast<size_t>(tmp[t].site_class_a)]);
    tmp[t].per_site_b = count_from_b[t] / std::max(1, sites_in_class[static_cast<size_t>(tmp[t].site_class_b)]);
  }
  std::vector<int> order(tmp.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
    const HopClass &p = tmp[static_cast<size_t>(x)], &q = tmp[static_cast<size_t>(y)];
    return std::tie(p.site_class_a, p.site_class_b, p.length) < std::tie(q.site_class_a, q.site_class_b, q.length);
  });
  std::vector<int> final_of_tmp(tmp.size());
  net.hop_classes.clear();
  for (size_t f = 0; f < order.size(); ++f) {
    final_of_tmp[static_cast<size_t>(order[f])] = static_cast<int>(f);
    net.hop_classes.push_back(tmp[static_cast<size_t>(order[f])]);
  }
  for (size_t h = 0; h < net.hops.size(); ++h) net.hops[h].hop_class = final_of_tmp[static_cast<size_t>(tmp_of_hop[h])];
}

}  // namespace ionhop::netdetail
