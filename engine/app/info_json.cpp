// JSON model of `ionhop info` (keys and units in doc/info-output.md). Lengths in Å, angles in
// degrees, charge in e. An infinite bottleneck (no framework) is null; -1 means "never".
#include <cmath>

#include "engine/app/info_report.hpp"

namespace ionhop::app {

namespace {

// Radii that are not finite are null: +inf (no framework ions: unbounded) for a hop, and for a
// percolation radius either +inf or -inf (never percolates in that many dimensions), told apart by
// "dimensionality" (doc/info-output.md).
nlohmann::json radius(double r) { return std::isfinite(r) ? nlohmann::json(r) : nlohmann::json(nullptr); }
nlohmann::json frac(const Vec3& f) { return {f[0], f[1], f[2]}; }

}  // namespace

nlohmann::json info_json(const Crystal& c, const SiteNetwork& net) {
  using nlohmann::json;
  json j;
  j["file"] = c.source;
  j["title"] = c.title;
  j["formula"] = c.formula();
  json comp = json::object();
  for (const auto& [el, n] : c.composition()) comp[el] = n;
  j["composition_per_cell"] = comp;
  const double q = c.formal_charge();
  j["charge_per_cell_e"] = q;
  j["charge_balanced"] = std::abs(q) < 1e-3;  // e per cell

  j["space_group"] = {{"symbol", c.symmetry.international},
                      {"number", c.symmetry.number},
                      {"hall", c.symmetry.hall},
                      {"symprec_A", c.symmetry.symprec},
                      {"n_operations", c.symmetry.ops.size()}};
  const auto p = c.lattice.parameters();
  j["cell"] = {{"a_A", p[0]},         {"b_A", p[1]},        {"c_A", p[2]},
               {"alpha_deg", p[3]},   {"beta_deg", p[4]},   {"gamma_deg", p[5]},
               {"volume_A3", c.lattice.volume()}};

  json sites = json::array();
  for (const auto& s : c.sites) {
    json occ = json::array();
    for (const auto& o : s.occupants)
      occ.push_back({{"element", o.element}, {"occupancy", o.occupancy}, {"oxidation", o.oxidation}});
    sites.push_back({{"label", s.label},
                     {"wyckoff", std::string(1, s.wyckoff)},
                     {"multiplicity", s.multiplicity},
                     {"frac", frac(s.frac)},
                     {"occupants", occ}});
  }
  j["sites"] = sites;

  json classes = json::array();
  for (const auto& sc : net.site_classes) {
    int n = 0, first = -1;
    for (int i = 0; i < net.n_sites(); ++i)
      if (net.sites[static_cast<size_t>(i)].site_class == static_cast<int>(&sc - net.site_classes.data())) {
        if (first < 0) first = i;
        ++n;
      }
    const auto& s0 = net.sites[static_cast<size_t>(first)];
    classes.push_back({{"label", sc.label},
                       {"wyckoff", std::string(1, sc.wyckoff)},
                       {"multiplicity", n},
                       {"occupancy", sc.occupancy},
                       {"added", s0.crystal_site < 0},
                       {"frac", frac(s0.frac)}});
  }
  j["mobile"] = {{"species", net.species},
                 {"n_sites", net.n_sites()},
                 {"site_classes", classes},
                 {"cutoff_A", net.cutoff},
                 {"n_hops_directed", net.hops.size()},
                 {"min_bottleneck_A", std::isinf(net.min_bottleneck) ? json(nullptr) : json(net.min_bottleneck)},
                 {"dropped_hops_directed", net.dropped_hops}};

  json hops = json::array();
  for (size_t k = 0; k < net.hop_classes.size(); ++k) {
    const auto& hc = net.hop_classes[k];
    hops.push_back({{"index", k},
                    {"sites", {net.site_classes[static_cast<size_t>(hc.site_class_a)].label,
                               net.site_classes[static_cast<size_t>(hc.site_class_b)].label}},
                    {"length_A", hc.length},
                    {"per_site", {hc.per_site_a, hc.per_site_b}},
                    {"bottleneck_radius_A", radius(hc.bottleneck_radius)},
                    {"bottleneck_ions", hc.bottleneck_ions},
                    {"bottleneck_t", hc.bottleneck_t},
                    {"dropped", hc.dropped}});
  }
  j["hop_classes"] = hops;
  const auto& pc = net.percolation;
  j["percolation"] = {{"dimensionality", pc.dimensionality},
                      {"radius_1d_A", radius(pc.radius_1d)},
                      {"radius_2d_A", radius(pc.radius_2d)},
                      {"radius_3d_A", radius(pc.radius_3d)}};
  return j;
}

}  // namespace ionhop::app
