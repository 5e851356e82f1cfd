#pragma once
// The input of `ionhop screen` (doc/screening.md): the sections of an `ionhop run` input shared by
// every composition, plus [screen] with the composition grid. Reading it expands the grid into
// compositions, each with the complete `ionhop run` input text it is run with, and checks every
// one of them (keys, and with check_compositions the decoration itself) before any work starts.
#include <string>
#include <vector>

#include <toml.hpp>

#include "engine/app/run_input.hpp"

namespace ionhop::app {

// One point of the grid.
struct ScreenPoint {
  std::string id;                  // file-name-safe, unique: "Zr-Sc0.05", "undoped", "garnet--Zr-Ta0.2"
  std::vector<std::string> series; // the series it belongs to (the undoped point may be in several)
  std::string structure_key;       // the structure it is run on: the [structure] table as TOML text
  std::vector<std::pair<std::string, double>> axes;  // (axis, value): "Zr->Sc" 0.05, "ions" 12 (plots)
  toml::value composition;         // its [composition] table
  toml::value structure;           // its [structure] table (the common one with the series' overrides)
  std::vector<std::string> dopant_species;  // "Zr:Sc:3", ... with a fraction or count > 0 (BVSE shifts)
};

// [screen.bvse]: the model of every composition from BVSE on its structure (`ionhop bvse` in
// process, cached per structure and dopant set), with local KRA corrections on each replica.
struct ScreenBvse {
  bool enabled = false;
  double spacing = 0.2;            // Å
  double scale = 0;                // 0: the global energy scale; else the BVSE energy scale
  double exclusion_distance = -1;  // Å; < 0: the species default
  bool interstitials = false;
  bool local_kra = true;           // [model] bvse_local on every composition
  bool ion_coulomb = true;
  double dopant_radius = 4.0;      // Å
};

struct ScreenInput {
  std::string path, text;
  toml::value common;              // the screen file without [screen] (and without [composition])
  std::vector<ScreenPoint> points; // in grid order (series in file order, then explicit compositions)
  std::vector<std::string> series; // names in file order
  double rank_temperature = 0;     // K, one of kmc.temperatures (default: the lowest)
  std::string directory = "screen";  // output folder ([screen] directory; -o overrides)
  ScreenBvse bvse;
};

// Throws ionhop::Error naming the file, the key (and the composition) of the first problem.
ScreenInput read_screen_input(const std::string& path);

// The `ionhop run` input text of one point; `model_file` replaces [model] when not empty (BVSE
// route). The [output] table is the point's folder under `directory`.
std::string point_run_text(const ScreenInput& s, const ScreenPoint& p, const std::string& directory,
                           const std::string& model_file);

// The RunInput of a point (validated as `ionhop run` would); messages name the screen file and the point.
RunInput point_run_input(const ScreenInput& s, const ScreenPoint& p, const std::string& directory,
                         const std::string& model_file);

// The same with every file named by an absolute path ([output] too): an input that `ionhop run`
// runs from any folder (ionhop screen --inputs).
std::string point_export_text(const ScreenInput& s, const ScreenPoint& p, const std::string& directory,
                              const std::string& model_file);

// Every point decorated once (replica 0) on its structure: a host that is absent, more dopants
// than hosts, more ions than sites, a composition that cannot be charge balanced... fail here
// with the point's id, before any BVSE or KMC work.
void check_compositions(const ScreenInput& s);

}  // namespace ionhop::app
