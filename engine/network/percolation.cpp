// Percolation of the periodic hop graph: components of the quotient graph (sites of one cell),
// BFS assigning each site a cell offset; every hop closing a cycle gives a winding vector
// o[from] + image - o[to]; the dimensionality of a component is the rank of its winding vectors.
#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "engine/network/network_detail.hpp"

namespace ionhop {

namespace netdetail {

namespace {

// Incremental rank (<= 3) of integer vectors, by Gram-Schmidt on doubles (entries are small ints).
struct RankBasis {
  std::vector<Vec3> basis;
  void add(const std::array<int, 3>& w) {
    if (basis.size() == 3) return;
    Vec3 v{double(w[0]), double(w[1]), double(w[2])};
    for (const Vec3& b : basis) v = v - dot(v, b) * b;
    const double n = norm(v);
    if (n > 1e-6) basis.push_back((1.0 / n) * v);
  }
};

}  // namespace

Topology hop_topology(int n_sites, const std::vector<Hop>& hops, const std::vector<char>* use) {
  // Undirected adjacency (hop index, direction) so that one-way lists also work.
  std::vector<std::vector<std::pair<int, int>>> adj(static_cast<size_t>(n_sites));
  for (size_t h = 0; h < hops.size(); ++h) {
    if (use && !(*use)[h]) continue;
    adj[static_cast<size_t>(hops[h].from)].push_back({static_cast<int>(h), +1});
    adj[static_cast<size_t>(hops[h].to)].push_back({static_cast<int>(h), -1});
  }
  std::vector<int> comp(static_cast<size_t>(n_sites), -1);
  std::vector<std::array<int, 3>> off(static_cast<size_t>(n_sites));
  Topology t;
  for (int root = 0; root < n_sites; ++root) {
    if (comp[static_cast<size_t>(root)] >= 0) continue;
    const int c = t.components++;
    RankBasis rank;
    std::queue<int> q;
    comp[static_cast<size_t>(root)] = c;
    off[static_cast<size_t>(root)] = {0, 0, 0};
    q.push(root);
    while (!q.empty()) {
      const int i = q.front();
      q.pop();
      for (const auto& [h, dir] : adj[static_cast<size_t>(i)]) {
        const Hop& hop = hops[static_cast<size_t>(h)];
        const int j = (dir > 0) ? hop.to : hop.from;
        // Offset of j reached from i through this hop.
        std::array<int, 3> oj;
        for (int k = 0; k < 3; ++k) oj[k] = off[static_cast<size_t>(i)][k] + dir * hop.image[k];
        if (comp[static_cast<size_t>(j)] < 0) {
          comp[static_cast<size_t>(j)] = c;
          off[static_cast<size_t>(j)] = oj;
          q.push(j);
        } else {
          std::array<int, 3> w;
          for (int k = 0; k < 3; ++k) w[k] = oj[k] - off[static_cast<size_t>(j)][k];
          if (w != std::array<int, 3>{0, 0, 0}) rank.add(w);
        }
      }
    }
    t.dimensionality = std::max(t.dimensionality, static_cast<int>(rank.basis.size()));
  }
  return t;
}

}  // namespace netdetail

int percolation_dimensionality(const SiteNetwork& net, double min_radius) {
  std::vector<char> use(net.hops.size());
  for (size_t h = 0; h < net.hops.size(); ++h) use[h] = net.hops[h].bottleneck_radius >= min_radius;
  return netdetail::hop_topology(net.n_sites(), net.hops, &use).dimensionality;
}

Percolation compute_percolation(const SiteNetwork& net) {
  Percolation p;
  p.dimensionality = percolation_dimensionality(net);
  // The dimensionality only changes when the threshold passes a hop's radius: scan the distinct
  // radii from the largest down; the first that reaches d dimensions is the d-D radius.
  std::vector<double> radii;
  for (const Hop& h : net.hops) radii.push_back(h.bottleneck_radius);
  std::sort(radii.begin(), radii.end(), std::greater<double>());
  radii.erase(std::unique(radii.begin(), radii.end()), radii.end());
  double* out[3] = {&p.radius_1d, &p.radius_2d, &p.radius_3d};
  int reached = 0;
  for (double r : radii) {
    const int d = percolation_dimensionality(net, r);
    while (reached < d) *out[reached++] = r;
    if (reached == 3) break;
  }
  return p;
}

}  // namespace ionhop
