// `ionhop bvse STRUCTURE --mobile Li [--spacing 0.2] [--json] [--output PREFIX]`: bond-valence site
// energy landscape, percolation energies and radii, minima, per-hop-class barriers and harmonic
// attempt frequencies; grid files; `--model-out` writes the KMC model.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <Kokkos_Core.hpp>
#include <fmt/core.h>

#include "engine/app/commands.hpp"
#include "engine/app/kokkos_guard.hpp"
#include "engine/app/memory_estimate.hpp"
#include "engine/bvse/report.hpp"
#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/elements.hpp"
#include "engine/crystal/read_structure.hpp"

namespace ionhop::app {

namespace {
struct BvseArgs {
  std::string path, output, model_out;
  bool json = false, no_scaling = false, no_hops = false, no_ion_coulomb = false;
  double exclusion_distance = -1;  // Å; < 0: default_exclusion_distance
  CLI::Option* exclusion_option = nullptr;
  CLI::Option *scale_option = nullptr, *shift_option = nullptr;
  double calibrate_ea = 0, coulomb_cutoff = 0, epsilon_r = 10, screening_length = 0, max_memory = 0;
  std::vector<std::string> dopants;
  bvse::AnalysisOptions opt;
  CLI::Option* attempt_frequency = nullptr;  // given: one fixed ν for all hop classes
};

// The file can be created where asked (its folder exists and takes a file): found before the work.
void check_writable(const std::string& file, const std::string& what) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(file).parent_path().empty() ? fs::path(".") : fs::path(file).parent_path();
  if (!fs::is_directory(dir)) fail("{} {}: folder '{}' does not exist", what, file, dir.string());
  const fs::path probe = dir / ".ionhop-write-test";
  std::ofstream f(probe);
  f << "x";
  f.close();
  std::error_code ec;
  fs::remove(probe, ec);
  if (!f) fail("{} {}: folder '{}' is not writable", what, file, dir.string());
}

void run_bvse(BvseArgs& a) {
  KokkosGuard kokkos;  // every View of the analysis lives inside this scope
  // Every option is checked before the grid is computed (minutes for a large cell).
  if (!(a.opt.spacing > 0 && a.opt.spacing <= 2)) fail("--spacing must be in (0, 2] Å, got {}", a.opt.spacing);
  if (!(a.opt.field.cutoff > 0 && a.opt.field.cutoff <= 30)) fail("--cutoff must be in (0, 30] Å, got {}", a.opt.field.cutoff);
  if (!(a.opt.model.attempt_frequency > 0 && std::isfinite(a.opt.model.attempt_frequency)))
    fail("--attempt-frequency must be > 0 Hz and finite, got {}", a.opt.model.attempt_frequency);
  if (!(a.opt.model.calibration.scale > 0 && std::isfinite(a.opt.model.calibration.scale)))
    fail("--scale must be > 0 and finite (it multiplies every BVSE energy), got {}", a.opt.model.calibration.scale);
  if (!std::isfinite(a.opt.model.calibration.shift)) fail("--shift must be finite, got {}", a.opt.model.calibration.shift);
  if (!(a.calibrate_ea >= 0 && std::isfinite(a.calibrate_ea)))
    fail("--calibrate-ea must be a measured activation energy > 0 eV, got {}", a.calibrate_ea);
  if (!a.output.empty()) check_writable(a.output + ".h5", "--output");
  if (!a.model_out.empty()) check_writable(a.model_out, "--model-out");
  if (!(a.opt.interstitial_window > 0 && a.opt.interstitial_window <= a.opt.minima_window))
    fail("--interstitial-window must be in (0, {}] eV, got {}", a.opt.minima_window, a.opt.interstitial_window);
  if (a.opt.interstitials && a.no_hops) fail("--interstitials needs the site/hop mode (drop --no-hops)");
  if (a.exclusion_option && a.exclusion_option->count() > 0) {
    if (!(a.exclusion_distance >= 0 && a.exclusion_distance < 10))
      fail("--exclusion-distance must be in [0, 10) Å (0 = no exclusion), got {}", a.exclusion_distance);
    a.opt.model.exclusion_distance = a.exclusion_distance;
  } else if (!a.model_out.empty()) {
    try {
      a.opt.model.exclusion_distance = bvse::default_exclusion_distance(a.opt.field.mobile);
    } catch (const Error& e) {
      fail("--exclusion-distance: no default for {} ({}); give one in Å, or 0 for none", a.opt.field.mobile, e.what());
    }
  }
  if (a.coulomb_cutoff < 0) fail("--ion-coulomb-cutoff must be > 0 Å, got {}", a.coulomb_cutoff);
  a.opt.mobile_coulomb = !a.no_ion_coulomb && a.coulomb_cutoff == 0;
  if (a.no_ion_coulomb && a.coulomb_cutoff > 0) fail("--no-ion-coulomb and --ion-coulomb-cutoff contradict each other");
  if (a.coulomb_cutoff > 0) {
    if (!(a.epsilon_r > 0)) fail("--ion-epsilon-r must be > 0, got {}", a.epsilon_r);
    if (a.screening_length < 0) fail("--ion-screening-length must be >= 0 Å, got {}", a.screening_length);
    ScreenedCoulombSpec c;
    c.cutoff = a.coulomb_cutoff;
    c.epsilon_r = a.epsilon_r;
    c.screening_length = a.screening_length;
    a.opt.model.coulomb = c;
  }
  const Crystal crystal = read_structure(resolve_input_path(a.path));
  check_memory(bvse_memory_bytes(crystal.lattice.volume(), a.opt.spacing), a.path + " (BVSE grid)", a.max_memory, !a.json);
  a.opt.field.charge_scaling = !a.no_scaling;
  a.opt.hops = !a.no_hops;
  a.opt.output_prefix = a.output;
  a.opt.model_out = a.model_out;
  if (a.calibrate_ea != 0) a.opt.model.calibration.measured_ea = a.calibrate_ea;
  // No calibration asked for: the global energy scale (bvse_model.hpp), never a per-material fit.
  if (a.calibrate_ea == 0 && a.scale_option->count() == 0 && a.shift_option->count() == 0) {
    a.opt.model.calibration.scale = bvse::kGlobalEnergyScale;
    a.opt.model.calibration.global = true;
  }
  a.opt.model.harmonic_frequency = a.attempt_frequency == nullptr || a.attempt_frequency->count() == 0;
  for (const auto& d : a.dopants) {  // HOST:DOPANT:OXIDATION
    const size_t c1 = d.find(':'), c2 = d.find(':', c1 == std::string::npos ? 0 : c1 + 1);
    if (c1 == std::string::npos || c2 == std::string::npos || c1 == 0 || c2 == c1 + 1)
      fail("--dopant '{}': expected HOST:DOPANT:OXIDATION, e.g. Zr:Sc:3", d);
    int q = 0;
    try {
      size_t used = 0;
      q = std::stoi(d.substr(c2 + 1), &used);
      if (used != d.size() - c2 - 1) throw std::invalid_argument(d);
    } catch (const std::exception&) {
      fail("--dopant '{}': the oxidation state must be an integer", d);
    }
    const std::string host = d.substr(0, c1), dopant = d.substr(c1 + 1, c2 - c1 - 1);
    if (!is_element_symbol(dopant)) fail("--dopant '{}': '{}' is not an element symbol", d, dopant);
    if (dopant == host) fail("--dopant '{}': the dopant is its host", d);
    bool present = false;
    for (const auto& site : crystal.sites) present = present || site.find(host) != nullptr;
    if (!present) fail("--dopant '{}': the structure {} has no {} to replace", d, a.path, host);
    a.opt.dopants.push_back({host, dopant, q});
  }
  if (!a.opt.dopants.empty() && a.opt.model_out.empty()) fail("--dopant needs --model-out (it adds dopant shifts to the model)");
  if (!(a.opt.dopant_radius > 0)) fail("--dopant-radius must be > 0 Å, got {}", a.opt.dopant_radius);
  const nlohmann::json j = bvse::analyse(crystal, a.opt);
  if (a.json)
    fmt::print("{}\n", j.dump(2));
  else
    fmt::print("{}", bvse::report_text(j));
}
}  // namespace

void add_bvse_command(CLI::App& app) {
  auto a = std::make_shared<BvseArgs>();
  auto* cmd = app.add_subcommand("bvse", "Bond-valence site energy landscape, percolation barriers and hop barriers");
  cmd->add_option("structure", a->path, "Structure file (CIF or POSCAR)")->required();
  cmd->add_option("--max-memory", a->max_memory, "Refuse to start when the grid's memory estimate exceeds this many GB")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--mobile", a->opt.field.mobile, "Mobile species (Li or Na)")->required();
  cmd->add_option("--spacing", a->opt.spacing, "Grid spacing, Å")->capture_default_str();
  cmd->add_option("--cutoff", a->opt.field.cutoff, "Interaction cutoff, Å")->capture_default_str();
  cmd->add_option("--parameters", a->opt.parameters, "BVSE parameter TOML (default: potentials/bvse_parameters.toml)");
  cmd->add_option("--output", a->output, "Write PREFIX.h5, PREFIX_energy.cube and PREFIX_radius.cube");
  cmd->add_flag("--no-charge-scaling", a->no_scaling, "Use s_q = 1 (BVlain) instead of the ccnb charge scaling");
  cmd->add_flag("--no-hops", a->no_hops, "Grid mode only (no site/hop energies)");
  cmd->add_flag("--json", a->json, "Print the report as JSON");
  cmd->add_option("--model-out", a->model_out, "Write the KMC model (lattice_gas from BVSE site/hop energies) to this TOML file");
  a->attempt_frequency =
      cmd->add_option("--attempt-frequency", a->opt.model.attempt_frequency,
                      "Attempt frequency of the model, Hz: given, one value for all hop classes; else the harmonic "
                      "frequency per hop class, with this value as the file-level fallback")
          ->capture_default_str();
  a->scale_option = cmd->add_option("--scale", a->opt.model.calibration.scale,
                                    "Multiply all BVSE energies of the model (default: the global scale 0.491, fitted on "
                                    "three materials; 1 = raw BVSE)");
  a->shift_option = cmd->add_option("--shift", a->opt.model.calibration.shift, "Calibration: add to every KRA barrier, eV");
  cmd->add_option("--calibrate-ea", a->calibrate_ea, "Calibration: scale so that E_3D equals this measured activation energy, eV");
  a->exclusion_option = cmd->add_option("--exclusion-distance", a->exclusion_distance,
                                        "Hard exclusion in the model: no two mobile ions closer than this, Å (default: "
                                        "r(M+,VI) + r(O2-,VI), Li 2.16, Na 2.42; 0 = none)");
  cmd->add_flag("--interstitials", a->opt.interstitials,
                "Add the BVSE minima that are not sites of the structure as interstitial sites X1, X2, ... to the "
                "site/hop analysis and the model (its extra_sites)");
  cmd->add_option("--interstitial-window", a->opt.interstitial_window,
                  "Interstitial sites: minima at most this far above E_min, eV")->capture_default_str();
  cmd->add_flag("--no-ion-coulomb", a->no_ion_coulomb,
                "No Coulomb term between mobile ions in the model (default: softBV's screened cation-cation term)");
  cmd->add_option("--ion-coulomb-cutoff", a->coulomb_cutoff, "Add a screened Coulomb interaction between mobile ions up to this distance, Å");
  cmd->add_option("--ion-epsilon-r", a->epsilon_r, "Relative permittivity of that interaction")->capture_default_str();
  cmd->add_option("--dopant", a->dopants, "HOST:DOPANT:OXIDATION (repeatable): add the BVSE site-energy shift per dopant to the model");
  cmd->add_option("--dopant-radius", a->opt.dopant_radius, "Radius of the dopant site-energy shift, Å")->capture_default_str();
  cmd->add_option("--ion-screening-length", a->screening_length, "Screening length of that interaction, Å (0 = none)")->capture_default_str();
  cmd->callback([a] { run_bvse(*a); });
}

}  // namespace ionhop::app
