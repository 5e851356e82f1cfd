#include "engine/bvse/report.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "engine/bvse/exclusion_fit.hpp"
#include "engine/bvse/grid.hpp"
#include "engine/bvse/grid_export.hpp"
#include "engine/bvse/grid_minima.hpp"
#include "engine/bvse/grid_percolation.hpp"
#include "engine/bvse/percolation_refine.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/crystal/elements.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::bvse {

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
nlohmann::json num(double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); }

// A grid minimum near a special position (grid spacing off it) has symmetry copies a fraction of an
// Å apart: the mean of the copies within 0.6 Å is the special position itself.
Vec3 symmetrized(const Crystal& crystal, const Vec3& f) {
  Vec3 sum{}, out = f;
  int n = 0;
  for (const SymOp& op : crystal.symmetry.ops) {
    Vec3 g{};
    for (int a = 0; a < 3; ++a) {
      g[a] = op.trans[a];
      for (int b = 0; b < 3; ++b) g[a] += op.rot[a][b] * f[b];
      g[a] -= f[a];
      g[a] -= std::round(g[a]);  // nearest image, relative to f
    }
    if (periodic_distance(crystal.lattice, f, {f[0] + g[0], f[1] + g[1], f[2] + g[2]}) > 0.6) continue;
    for (int a = 0; a < 3; ++a) sum[a] += g[a];
    ++n;
  }
  for (int a = 0; a < 3; ++a) out[a] = f[a] + sum[a] / std::max(n, 1), out[a] -= std::floor(out[a]);
  return out;
}

// The grid minima that are interstitial sites (AnalysisOptions::interstitials) as extra sites of `no`.
void add_interstitials(const Crystal& crystal, const std::vector<Minimum>& minima, const AnalysisOptions& opt,
                       NetworkOptions& no, nlohmann::json& j) {
  const SiteNetwork base = build_network(crystal, no);
  j["interstitials"] = nlohmann::json::array();
  for (const Minimum& m : minima) {
    if (m.energy > opt.interstitial_window) continue;
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& s : base.sites) nearest = std::min(nearest, periodic_distance(crystal.lattice, s.frac, m.frac));
    if (nearest < opt.interstitial_min_distance) continue;
    no.extra_sites.push_back(symmetrized(crystal, m.frac));
    j["interstitials"].push_back({{"label", "X" + std::to_string(no.extra_sites.size())}, {"frac", no.extra_sites.back()},
                                  {"energy", m.energy}, {"multiplicity", m.multiplicity}, {"nearest_site", nearest}});
  }
}
}  // namespace

nlohmann::json analyse(const Crystal& crystal, const AnalysisOptions& opt) {
  if (!crystal.has_element(opt.field.mobile))
    log::warn("{} has no {} sites: the probe is a {}+ ion in the empty framework", crystal.source, opt.field.mobile,
              opt.field.mobile);
  const Parameters params = load_parameters(opt.parameters);
  const Field field = build_field(crystal, params, opt.field);
  nlohmann::json j;
  j["structure"] = crystal.source;
  j["formula"] = crystal.formula();
  j["space_group"] = crystal.symmetry.international;
  j["mobile"] = opt.field.mobile;
  j["parameters"] = params.source;
  j["cutoff"] = opt.field.cutoff;
  j["charge_scaling"] = opt.field.charge_scaling;
  j["s_q"] = field.s_q;
  j["calibrated"] = false;

  auto t0 = std::chrono::steady_clock::now();
  const Grid grid = compute_grid(field, opt.spacing);
  const double t_grid = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  GridReport rep;
  rep.structure = crystal.source;
  rep.mobile = opt.field.mobile;
  rep.spacing = opt.spacing;
  rep.s_q = field.s_q;
  rep.energies = percolation_energies(grid.energy, grid.n, opt.tolerance);
  rep.radii = percolation_radii(grid.free_radius, grid.n, opt.tolerance);
  const Thresholds grid_energies = rep.energies;
  const RefinedPercolation refined = refine_percolation(field, grid, grid_energies, opt.tolerance, opt.path);
  rep.energies = refined.energies;
  const double t_perc = seconds_since(t0);
  rep.minima = find_minima(grid, crystal.symmetry.ops, opt.minima_window, 0.5);
  auto& jg = j["grid"];
  jg["shape"] = grid.n;
  jg["spacing"] = opt.spacing;
  jg["e_min"] = grid.e_min;
  jg["seconds"] = t_grid;
  jg["percolation_seconds"] = t_perc;
  jg["percolation_energy"] = {{"1D", num(rep.energies.value[0])}, {"2D", num(rep.energies.value[1])}, {"3D", num(rep.energies.value[2])}};
  jg["percolation_energy_grid"] = {{"1D", num(grid_energies.value[0])}, {"2D", num(grid_energies.value[1])}, {"3D", num(grid_energies.value[2])}};
  jg["e_min_relaxed"] = refined.e_min;
  jg["percolation_radius"] = {{"1D", num(rep.radii.value[0])}, {"2D", num(rep.radii.value[1])}, {"3D", num(rep.radii.value[2])}};
  jg["dimensionality"] = dimensionality(rep.energies, opt.dimensionality_window);
  jg["dimensionality_window"] = opt.dimensionality_window;
  for (const auto& m : rep.minima)
    jg["minima"].push_back({{"frac", m.frac}, {"energy", m.energy}, {"multiplicity", m.multiplicity}});

  if (!opt.output_prefix.empty()) {
    write_hdf5(opt.output_prefix + ".h5", grid, rep);
    write_cube(opt.output_prefix + "_energy.cube", grid, grid.energy, field.framework, "energy (eV, absolute)");
    write_cube(opt.output_prefix + "_radius.cube", grid, grid.free_radius, field.framework, "free radius (angstrom)");
    j["files"] = {opt.output_prefix + ".h5", opt.output_prefix + "_energy.cube", opt.output_prefix + "_radius.cube"};
  }

  if (opt.hops && crystal.has_element(opt.field.mobile)) {
    NetworkOptions no;
    no.species = opt.field.mobile;
    if (opt.interstitials) add_interstitials(crystal, rep.minima, opt, no, j);
    const SiteNetwork net = build_network(crystal, no);
    t0 = std::chrono::steady_clock::now();
    const SiteHopResult sh = compute_site_hop(field, net, opt.path);
    j["hops_seconds"] = seconds_since(t0);
    const double mass = atomic_mass(opt.field.mobile);
    const std::vector<HopClassFrequency> freq = hop_class_frequencies(net, hop_curvatures(field, net, sh), mass);
    j["harmonic_frequency"] = {{"mass_u", mass}, {"curvature_step", kCurvatureStep}};
    for (const auto& sc : net.site_classes) {
      double e = 0;
      int n = 0;
      for (int s = 0; s < net.n_sites(); ++s)
        if (net.site_classes[net.sites[s].site_class].label == sc.label) e += sh.site_energy[s], ++n;
      j["site_classes"].push_back({{"label", sc.label}, {"wyckoff", std::string(1, sc.wyckoff)},
                                   {"energy_rel", n ? e / n - refined.e_min : 0.0}});
    }
    for (const auto& hc : hop_class_energies(net, sh)) {
      const HopClass& c = net.hop_classes[hc.hop_class];
      const HopClassFrequency& f = freq[static_cast<size_t>(hc.hop_class)];
      j["hop_classes"].push_back({{"class", hc.hop_class},
                                  {"from", net.site_classes[c.site_class_a].label},
                                  {"to", net.site_classes[c.site_class_b].label},
                                  {"length", hc.length},
                                  {"saddle_rel", hc.saddle - refined.e_min},
                                  {"barrier_ab", hc.barrier_ab},
                                  {"barrier_ba", hc.barrier_ba},
                                  {"kra", hc.kra},
                                  {"straight_line_saddle_rel", hc.straight_saddle - refined.e_min},
                                  {"spread", hc.spread},
                                  {"curvature_a", f.curvature_a},
                                  {"curvature_b", f.curvature_b},
                                  {"nu_a_THz", f.nu_a * 1e-12},
                                  {"nu_b_THz", f.nu_b * 1e-12},
                                  {"attempt_frequency_THz", f.nu * 1e-12}});
      if (!(f.nu_a > 0 && f.nu_b > 0))
        log::warn("BVSE hop class {}: curvature {:.4g} / {:.4g} eV/A^2 at its ends: {} not a minimum along the path; {}",
                  hc.hop_class, f.curvature_a, f.curvature_b, f.nu > 0 ? "one end is" : "neither end is",
                  f.nu > 0 ? "its attempt frequency is the other end's" : "no harmonic attempt frequency (the file-level one is used)");
    }
    if (!opt.model_out.empty()) {
      ModelOptions mo = opt.model;
      if (opt.mobile_coulomb && !mo.coulomb) {
        int q = 1;
        const auto ox = oxidation_table(crystal);
        if (const auto it = ox.find(opt.field.mobile); it != ox.end()) q = it->second;
        mo.coulomb = mobile_ion_coulomb(params, opt.field.mobile, q, field.s_q, opt.field.screening_factor);
        mo.coulomb_from_bvse = true;
      }
      for (const auto& d : opt.dopants) {
        const DopantShiftResult ds = derive_dopant_shift(crystal, net, sh, params, opt.field, d.host, d.dopant, d.oxidation,
                                                         opt.dopant_radius);
        mo.dopant_shifts.push_back(ds.spec);
        j["dopant_shifts"].push_back({{"host", d.host}, {"dopant", d.dopant}, {"oxidation", d.oxidation},
                                      {"radius", ds.spec.radius}, {"shift_uncalibrated", ds.spec.shift},
                                      {"near_sites", ds.near_sites}, {"far_sites", ds.far_sites},
                                      {"uniform_part_removed", ds.far_mean}});
      }
      ModelResult m = make_model(net, sh, rep.energies.value[2], mo, freq);
      m.spec.extra_sites = no.extra_sites;
      if (const std::string why = exclusion_misfit(crystal, net, m.spec); !why.empty()) {
        log::warn("--model-out: the structure's {} ions do not fit its sites with no two closer than {:.3f} Å, so the "
                  "model is written without hard exclusion (split sites would be needed): {}",
                  opt.field.mobile, m.spec.exclusion_distance, why);
        j["exclusion_dropped"] = why;
        m.spec.exclusion_distance = 0;
      }
      std::FILE* f = std::fopen(opt.model_out.c_str(), "w");
      if (!f) fail("{}: cannot open for writing (--model-out)", opt.model_out);
      const std::string text = model_toml(m, crystal.source, opt.field.mobile);
      const bool ok = std::fputs(text.c_str(), f) >= 0;
      std::fclose(f);
      if (!ok) fail("{}: write error", opt.model_out);
      j["calibrated"] = m.calibrated;
      j["model"] = {{"file", opt.model_out}, {"scale", m.scale}, {"shift", m.shift}, {"global_scale", m.global_scale},
                    {"reference_E_3D", m.reference_barrier}, {"attempt_frequency", m.spec.attempt_frequency},
                    {"exclusion_distance", m.spec.exclusion_distance},
                    {"attempt_frequency_source", m.harmonic_frequency ? "harmonic" : "fixed"}};
      if (m.spec.coulomb)
        j["model"]["coulomb"] = {{"charge", m.spec.coulomb->charge}, {"epsilon_r", m.spec.coulomb->epsilon_r},
                                 {"screening_length", m.spec.coulomb->screening_length},
                                 {"erfc_length", m.spec.coulomb->erfc_length}, {"cutoff", m.spec.coulomb->cutoff},
                                 {"from_bvse", mo.coulomb_from_bvse}};
    }
  } else if (!opt.model_out.empty()) {
    fail("--model-out needs the site/hop mode and {} sites in the structure", opt.field.mobile);
  }
  return j;
}

std::string report_text(const nlohmann::json& j) {
  std::string s;
  auto out = [&](auto&&... a) { s += fmt::format(std::forward<decltype(a)>(a)...); };
  out("BVSE  {}  ({}, {})  mobile {}\n", j["formula"].get<std::string>(), j["space_group"].get<std::string>(),
      j["structure"].get<std::string>(), j["mobile"].get<std::string>());
  out("  s_q = {:.4f} (charge scaling {}), cutoff {} A\n", j["s_q"].get<double>(), j["charge_scaling"].get<bool>() ? "on" : "off",
      j["cutoff"].get<double>());
  out("  energies below are uncalibrated BVSE: absolute barriers are often 0.2-0.4 eV above experiment\n");
  const auto& g = j["grid"];
  out("  grid {}x{}x{} ({} A), E_min = {:.4f} eV, {:.2f} s\n", g["shape"][0].get<int>(), g["shape"][1].get<int>(),
      g["shape"][2].get<int>(), g["spacing"].get<double>(), g["e_min"].get<double>(), g["seconds"].get<double>());
  auto val = [](const nlohmann::json& v) { return v.is_null() ? std::string("none") : fmt::format("{:.3f}", v.get<double>()); };
  out("  percolation energy (eV above E_min):  1D {}  2D {}  3D {}   dimensionality {} (window {} eV)\n", val(g["percolation_energy"]["1D"]),
      val(g["percolation_energy"]["2D"]), val(g["percolation_energy"]["3D"]), g["dimensionality"].get<int>(),
      g["dimensionality_window"].get<double>());
  out("  (grid values before the saddle refinement: 1D {}  2D {}  3D {}; relaxed E_min = {:.4f} eV)\n",
      val(g["percolation_energy_grid"]["1D"]), val(g["percolation_energy_grid"]["2D"]), val(g["percolation_energy_grid"]["3D"]),
      g["e_min_relaxed"].get<double>());
  out("  percolation radius (A):               1D {}  2D {}  3D {}\n", val(g["percolation_radius"]["1D"]),
      val(g["percolation_radius"]["2D"]), val(g["percolation_radius"]["3D"]));
  if (g.contains("minima")) {
    out("  minima (symmetry-distinct, E - E_min <= window):\n");
    for (const auto& m : g["minima"])
      out("    {:8.4f} {:8.4f} {:8.4f}   {:.3f} eV   x{}\n", m["frac"][0].get<double>(), m["frac"][1].get<double>(),
          m["frac"][2].get<double>(), m["energy"].get<double>(), m["multiplicity"].get<int>());
  }
  if (j.contains("site_classes")) {
    out("  sites (local minimum near the site, eV above E_min):");
    for (const auto& sc : j["site_classes"]) out("  {} {:.3f}", sc["label"].get<std::string>(), sc["energy_rel"].get<double>());
    out("\n  hop classes (string-method saddle; barriers in eV; k = curvature at the end minima along the path,\n"
        "  eV/A^2; nu = harmonic attempt frequency sqrt(nu_a nu_b) (one end's where k <= 0 at the other), THz, m = {:.3f} u):\n",
        j["harmonic_frequency"]["mass_u"].get<double>());
    out("    {:>5} {:>6} {:>6} {:>7} {:>8} {:>8} {:>8} {:>8} {:>9} {:>7} {:>7} {:>7}\n", "class", "from", "to", "len/A", "saddle",
        "E(a->b)", "E(b->a)", "KRA", "straight", "k_a", "k_b", "nu/THz");
    for (const auto& h : j["hop_classes"])
      out("    {:>5} {:>6} {:>6} {:7.3f} {:8.3f} {:8.3f} {:8.3f} {:8.3f} {:9.3f} {:7.3f} {:7.3f} {:7.3f}\n", h["class"].get<int>(),
          h["from"].get<std::string>(), h["to"].get<std::string>(), h["length"].get<double>(), h["saddle_rel"].get<double>(),
          h["barrier_ab"].get<double>(), h["barrier_ba"].get<double>(), h["kra"].get<double>(),
          h["straight_line_saddle_rel"].get<double>(), h["curvature_a"].get<double>(), h["curvature_b"].get<double>(),
          h["attempt_frequency_THz"].get<double>());
  }
  if (j.contains("files")) out("  wrote {}\n", j["files"].dump());
  if (j.contains("dopant_shifts"))
    for (const auto& d : j["dopant_shifts"])
      out("  dopant {} -> {}{}+: site-energy shift {:+.4f} eV per dopant within {} A ({} sites; uniform {:+.4f} eV removed)\n",
          d["host"].get<std::string>(), d["dopant"].get<std::string>(), d["oxidation"].get<int>(),
          d["shift_uncalibrated"].get<double>(), d["radius"].get<double>(), d["near_sites"].get<int>(),
          d["uniform_part_removed"].get<double>());
  if (j.contains("model"))
    out("  KMC model (lattice_gas from BVSE) written to {}: energies x {:.4f}, KRA {:+.3f} eV{}, nu {}\n",
        j["model"]["file"].get<std::string>(), j["model"]["scale"].get<double>(), j["model"]["shift"].get<double>(),
        j["model"].value("global_scale", false) ? " (the global energy scale, doc/theory/bvse.md §5)"
        : j["calibrated"].get<bool>()           ? ""
                                                : " (uncalibrated)",
        j["model"]["attempt_frequency_source"] == "harmonic"
            ? "per hop class (harmonic, above)"
            : fmt::format("{:.3g} Hz for all classes", j["model"]["attempt_frequency"].get<double>()));
  if (j.contains("model") && j["model"].contains("coulomb")) {
    const auto& c = j["model"]["coulomb"];
    out("  mobile-ion Coulomb: charge {:.3f} e, erfc length {:.3f} A, eps_r {}, cutoff {:.2f} A{}\n", c["charge"].get<double>(),
        c["erfc_length"].get<double>(), c["epsilon_r"].get<double>(), c["cutoff"].get<double>(),
        c["from_bvse"].get<bool>() ? " (softBV cation-cation term; --no-ion-coulomb: none)" : "");
  }
  if (j.contains("model") && j["model"].value("exclusion_distance", 0.0) > 0)
    out("  hard exclusion: no two mobile ions closer than {:.3f} A (--exclusion-distance; 0 = none)\n",
        j["model"]["exclusion_distance"].get<double>());
  return s;
}

}  // namespace ionhop::bvse
