#include "engine/app/screen_bvse.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "engine/app/input_fingerprint.hpp"
#include "engine/bvse/report.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/io/writers.hpp"

namespace ionhop::app {

namespace fs = std::filesystem;

namespace {

bvse::AnalysisOptions analysis_options(const ScreenInput& s, const ScreenPoint& p, const RunInput& in) {
  bvse::AnalysisOptions o;
  o.field.mobile = in.network.species;
  o.spacing = s.bvse.spacing;
  o.hops = true;
  o.interstitials = s.bvse.interstitials;
  o.mobile_coulomb = s.bvse.ion_coulomb;
  o.dopant_radius = s.bvse.dopant_radius;
  o.model.harmonic_frequency = true;
  if (s.bvse.scale > 0) {
    o.model.calibration.scale = s.bvse.scale;
  } else {  // the default of ionhop bvse: the global energy scale, never a per-material fit
    o.model.calibration.scale = bvse::kGlobalEnergyScale;
    o.model.calibration.global = true;
  }
  o.model.exclusion_distance = s.bvse.exclusion_distance >= 0 ? s.bvse.exclusion_distance : bvse::default_exclusion_distance(o.field.mobile);
  for (const auto& d : p.dopant_species) {  // "host:dopant:q"
    const size_t a = d.find(':'), b = d.rfind(':');
    o.dopants.push_back({d.substr(0, a), d.substr(a + 1, b - a - 1), std::stoi(d.substr(b + 1))});
  }
  return o;
}

}  // namespace

ScreenModel screen_model_path(const ScreenInput& s, const ScreenPoint& p, const std::string& directory) {
  const RunInput in = point_run_input(s, p, directory, "");
  std::string key = p.structure_key + "|" + file_hash(in.structure_file);
  for (const auto& d : p.dopant_species) key += "|" + d;
  key += fmt::format("|{}|{}|{}|{}|{}|{}|{}", s.bvse.spacing, s.bvse.scale, s.bvse.exclusion_distance, s.bvse.interstitials,
                     s.bvse.ion_coulomb, s.bvse.dopant_radius, IONHOP_VERSION);
  const fs::path base = fs::absolute(fs::path(directory) / "bvse" / text_hash(key));
  return {base.string() + ".toml", base.string() + ".json"};
}

void make_screen_model(const ScreenInput& s, const ScreenPoint& p, const std::string& directory, bool talk) {
  const ScreenModel m = screen_model_path(s, p, directory);
  if (fs::exists(m.file) && fs::exists(m.analysis)) return;
  std::error_code ec;
  fs::create_directories(fs::path(m.file).parent_path(), ec);
  if (ec) throw OutputError(fmt::format("{}: cannot create ({})", fs::path(m.file).parent_path().string(), ec.message()));
  const RunInput in = point_run_input(s, p, directory, "");
  bvse::AnalysisOptions o = analysis_options(s, p, in);
  // written under a name of this process, then renamed: a concurrent task making the same model
  // never sees half a file
  const std::string tmp = fmt::format("{}.{}.tmp.toml", m.file, ::getpid());
  o.model_out = tmp;
  if (talk) log::info("BVSE model for {} ({}{}): grid {} A ...", p.id, fs::path(in.structure_file).filename().string(),
                      p.dopant_species.empty() ? "" : ", dopants " + fmt::format("{}", fmt::join(p.dopant_species, " ")), s.bvse.spacing);
  const nlohmann::json j = bvse::analyse(read_structure(in.structure_file, in.read), o);
  if (talk && j.contains("exclusion_dropped")) log::warn("{}: {}", p.id, j["exclusion_dropped"].get<std::string>());
  write_text_atomically(m.analysis, j.dump(1) + "\n");
  fs::rename(tmp, m.file, ec);
  if (ec) throw OutputError(fmt::format("{}: cannot write ({})", m.file, ec.message()));
}

nlohmann::json screen_bvse_summary(const ScreenModel& m) {
  std::ifstream f(m.analysis);
  if (!f) return nullptr;
  const nlohmann::json j = nlohmann::json::parse(f, nullptr, false);
  if (j.is_discarded()) return nullptr;
  const auto& g = j["grid"];
  nlohmann::json nu = nlohmann::json::array();
  if (j.contains("hop_classes"))
    for (const auto& h : j["hop_classes"])
      nu.push_back(h.value("attempt_frequency_THz", nlohmann::json()));
  return {{"percolation_energy_eV", g["percolation_energy"]},
          {"percolation_radius_A", g["percolation_radius"]},
          {"dimensionality", g["dimensionality"]},
          {"scale", j.contains("model") ? j["model"]["scale"] : nlohmann::json()},
          {"exclusion_dropped", j.value("exclusion_dropped", "")},
          {"attempt_frequency_THz", nu},
          {"model", m.file}};
}

}  // namespace ionhop::app
