// Plain-text rendering of the `ionhop info` JSON model (same content, units in the headers).
#include <fmt/format.h>

#include "engine/app/info_report.hpp"

namespace ionhop::app {

namespace {

// A hop's bottleneck: null = no framework ions. A percolation radius for `dim` dimensions: null =
// unbounded if the network percolates in dim dimensions, else never.
std::string radius_str(const nlohmann::json& r, int dim = 0, int dimensionality = 0) {
  if (r.is_null()) return dim > dimensionality ? "never" : "unbounded";
  return fmt::format("{:.3f}", r.get<double>());
}

std::string occupants_str(const nlohmann::json& occ) {
  std::string s;
  for (const auto& o : occ)
    s += fmt::format("{}{}{:+d} {:.4g}", s.empty() ? "" : ", ", o["element"].get<std::string>(),
                     o["oxidation"].get<int>(), o["occupancy"].get<double>());
  return s;
}

}  // namespace

std::string info_text(const nlohmann::json& j) {
  std::string out;
  auto line = [&out](const std::string& s) { out += s + "\n"; };
  line(fmt::format("file           {}", j["file"].get<std::string>()));
  const double q = j["charge_per_cell_e"].get<double>();
  line(fmt::format("formula        {}   (formal charge per cell {:+.4f} e: {})", j["formula"].get<std::string>(), q,
                   j["charge_balanced"].get<bool>() ? "balanced" : "NOT balanced"));
  const auto& sg = j["space_group"];
  line(fmt::format("space group    {} (No. {}), spglib tolerance {} Å, {} operations",
                   sg["symbol"].get<std::string>(), sg["number"].get<int>(), sg["symprec_A"].get<double>(),
                   sg["n_operations"].get<int>()));
  const auto& c = j["cell"];
  line(fmt::format("cell (Å, °)    a {:.5f}  b {:.5f}  c {:.5f}  alpha {:.3f}  beta {:.3f}  gamma {:.3f}  volume {:.3f} Å^3",
                   c["a_A"].get<double>(), c["b_A"].get<double>(), c["c_A"].get<double>(), c["alpha_deg"].get<double>(),
                   c["beta_deg"].get<double>(), c["gamma_deg"].get<double>(), c["volume_A3"].get<double>()));
  line("");
  line("crystallographic sites");
  line(fmt::format("  {:<8} {:>7} {:>4}  {:>8} {:>8} {:>8}  {}", "label", "wyckoff", "mult", "x", "y", "z",
                   "occupants (element, oxidation, occupancy)"));
  for (const auto& s : j["sites"])
    line(fmt::format("  {:<8} {:>7} {:>4}  {:8.5f} {:8.5f} {:8.5f}  {}", s["label"].get<std::string>(),
                     s["wyckoff"].get<std::string>(), s["multiplicity"].get<int>(), s["frac"][0].get<double>(),
                     s["frac"][1].get<double>(), s["frac"][2].get<double>(), occupants_str(s["occupants"])));
  line("");
  const auto& m = j["mobile"];
  line(fmt::format("mobile sites ({}): {} per cell, hop cutoff {:.3f} Å, {} directed hops",
                   m["species"].get<std::string>(), m["n_sites"].get<int>(), m["cutoff_A"].get<double>(),
                   m["n_hops_directed"].get<int>()));
  line(fmt::format("  {:<8} {:>7} {:>4} {:>9}  {}", "label", "wyckoff", "mult", "occupancy", "origin"));
  for (const auto& s : m["site_classes"])
    line(fmt::format("  {:<8} {:>7} {:>4} {:9.4f}  {}", s["label"].get<std::string>(), s["wyckoff"].get<std::string>(),
                     s["multiplicity"].get<int>(), s["occupancy"].get<double>(),
                     s["added"].get<bool>() ? fmt::format("added at ({:.4f}, {:.4f}, {:.4f})", s["frac"][0].get<double>(),
                                                          s["frac"][1].get<double>(), s["frac"][2].get<double>())
                                            : std::string("file")));
  if (!m["min_bottleneck_A"].is_null())
    line(fmt::format("  hops with bottleneck radius < {:.3f} Å dropped: {} directed",
                     m["min_bottleneck_A"].get<double>(), m["dropped_hops_directed"].get<int>()));
  line("");
  line("hop classes");
  line(fmt::format("  {:>3}  {:<16} {:>10}  {:>8}  {:>14}  {}", "#", "sites", "length (Å)", "per site",
                   "bottleneck (Å)", "bottleneck ions"));
  for (const auto& h : j["hop_classes"]) {
    std::string ions;
    for (const auto& i : h["bottleneck_ions"]) ions += (ions.empty() ? "" : " ") + i.get<std::string>();
    line(fmt::format("  {:>3}  {:<16} {:10.4f}  {:>8}  {:>14}  {}{}", h["index"].get<int>(),
                     h["sites"][0].get<std::string>() + "-" + h["sites"][1].get<std::string>(),
                     h["length_A"].get<double>(),
                     fmt::format("{}/{}", h["per_site"][0].get<int>(), h["per_site"][1].get<int>()),
                     radius_str(h["bottleneck_radius_A"]), ions.empty() ? "-" : ions,
                     h["dropped"].get<bool>() ? "  (dropped)" : ""));
  }
  line("");
  const auto& p = j["percolation"];
  const int d = p["dimensionality"].get<int>();
  line(fmt::format("percolation    dimensionality {}; largest bottleneck radius that keeps percolation: "
                   "1D {}, 2D {}, 3D {} (Å)",
                   d, radius_str(p["radius_1d_A"], 1, d), radius_str(p["radius_2d_A"], 2, d),
                   radius_str(p["radius_3d_A"], 3, d)));
  return out;
}

}  // namespace ionhop::app
