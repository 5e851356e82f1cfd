#pragma once
// The BVSE route of `ionhop screen` ([screen.bvse]): per structure and set of dopants, the model
// that `ionhop bvse --model-out --dopant ...` would write, computed in process once and kept in
// <directory>/bvse/<hash>.toml with the analysis as <hash>.json (reused by reruns and array tasks).
#include <string>

#include <nlohmann/json.hpp>

#include "engine/app/screen_input.hpp"

namespace ionhop::app {

struct ScreenModel {
  std::string file;      // the model file (absent until made)
  std::string analysis;  // its BVSE analysis (JSON)
};

// Where the model of point p lives (a hash of the structure file's contents, the [structure]
// table, the dopant set and the [screen.bvse] settings).
ScreenModel screen_model_path(const ScreenInput& s, const ScreenPoint& p, const std::string& directory);

// Make it unless it exists (written atomically: concurrent array tasks may both make it).
void make_screen_model(const ScreenInput& s, const ScreenPoint& p, const std::string& directory, bool talk);

// The row's "bvse" entry from the analysis: percolation energies (raw) and radii, the scale, ν per
// hop class; null when there is no analysis.
nlohmann::json screen_bvse_summary(const ScreenModel& m);

}  // namespace ionhop::app
