#include "engine/app/screen_input.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "engine/app/input_fingerprint.hpp"
#include "engine/app/toml_section.hpp"
#include "engine/bvse/bvse_parameters.hpp"
#include "engine/composition/apply_occupancy.hpp"
#include "engine/composition/composition.hpp"
#include "engine/composition/parse_composition.hpp"
#include "engine/core/error.hpp"
#include "engine/core/input_file.hpp"
#include "engine/core/toml_file.hpp"
#include "engine/crystal/elements.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"

namespace ionhop::app {

namespace fs = std::filesystem;

namespace {

// One axis of a series: the values it takes and how each changes the composition table.
struct Axis {
  std::string label;                   // "Zr->Sc", "ions", "vacancies", "occupancy"
  std::vector<toml::value> values;     // dopant entry, integer, or occupancy table
  std::vector<double> numbers;         // for plots (fraction, count; occupancy: its index)
  std::vector<std::string> id_parts;   // "" where the value adds nothing (fraction 0)
};

bool safe_name(const std::string& s) {
  if (s.empty() || s.size() > 80) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'; });
}

std::string canonical(const toml::value& table) {  // order-independent text of a table
  toml::value root = toml::table{{"t", table}};
  return fingerprint_json(input_fingerprint(root, {}));
}

std::vector<Axis> dopant_axes(const TomlSection& s) {
  std::vector<Axis> axes;
  const auto& arr = s.at("dopants");
  if (!arr.is_array()) fail("{}: '{}' must be an array of tables {{host, dopant, oxidation, fractions | counts}}", s.where("dopants"), s.name("dopants"));
  for (size_t i = 0; i < arr.as_array().size(); ++i) {
    const TomlSection d(arr.as_array()[i], s.file(), fmt::format("{}[{}]", s.name("dopants"), i));
    d.allow_only({"host", "dopant", "oxidation", "fractions", "counts"});
    const std::string host = d.string("host"), dopant = d.string("dopant");
    for (const auto& [key, el] : {std::pair{"host", host}, std::pair{"dopant", dopant}})
      if (!is_element_symbol(el)) fail("{}: '{}' = '{}' is not an element symbol", d.where(key), d.name(key), el);
    if (host == dopant) fail("{}: the dopant {} is its own host", d.where("dopant"), dopant);
    if (d.has("fractions") == d.has("counts")) fail("{}: give exactly one of fractions or counts", d.where("host"));
    const bool counts = d.has("counts");
    const std::string key = counts ? "counts" : "fractions";
    const std::vector<double> v = d.numbers(key);
    if (v.empty()) fail("{}: '{}' is empty", d.where(key), d.name(key));
    Axis a;
    a.label = host + "->" + dopant;
    const std::int64_t q = d.integer("oxidation");
    for (double x : v) {
      if (counts ? !(x >= 0 && x == std::floor(x) && x < 1e9) : !(x >= 0 && x <= 1))
        fail("{}: '{}' must hold {} (got {})", d.where(key), d.name(key), counts ? "integers >= 0" : "fractions in [0, 1]", x);
      toml::value e = toml::table{{"host", host}, {"dopant", dopant}, {"oxidation", q}};
      if (counts) e.as_table()["count"] = static_cast<std::int64_t>(x);
      else e.as_table()["fraction"] = x;
      a.values.push_back(e);
      a.numbers.push_back(x);
      a.id_parts.push_back(x == 0 ? "" : fmt::format("{}-{}{}{:g}", host, dopant, counts ? "x" : "", x));
    }
    axes.push_back(std::move(a));
  }
  return axes;
}

Axis integer_axis(const TomlSection& s, const std::string& key) {
  Axis a;
  a.label = key;
  for (double x : s.numbers(key)) {
    if (!(x >= 0 && x == std::floor(x) && x < 1e9)) fail("{}: '{}' must hold integers >= 0 (got {})", s.where(key), s.name(key), x);
    a.values.push_back(static_cast<std::int64_t>(x));
    a.numbers.push_back(x);
    a.id_parts.push_back(fmt::format("{}{:g}", key == "ions" ? "ions" : "vac", x));
  }
  if (a.values.empty()) fail("{}: '{}' is empty", s.where(key), s.name(key));
  return a;
}

Axis occupancy_axis(const TomlSection& s) {
  Axis a;
  a.label = "occupancy";
  const auto& arr = s.at("occupancy");
  if (!arr.is_array() || arr.as_array().empty())
    fail("{}: '{}' must be a non-empty array of tables {{ <site> = {{ <element> = <fraction> }} }}", s.where("occupancy"), s.name("occupancy"));
  for (const auto& t : arr.as_array()) {
    if (!t.is_table()) fail("{}: '{}' must hold tables", s.where("occupancy"), s.name("occupancy"));
    std::map<std::string, std::map<std::string, double>> sorted;  // the id in a fixed order
    for (const auto& [site, els] : t.as_table())
      if (els.is_table())
        for (const auto& [el, x] : els.as_table()) sorted[site][el] = x.is_floating() ? x.as_floating() : x.is_integer() ? double(x.as_integer()) : NAN;
    std::string id;
    for (const auto& [site, els] : sorted) {
      id += (id.empty() ? "" : "_") + site + "-";
      for (const auto& [el, x] : els) id += fmt::format("{}{:g}", el, x);
    }
    a.numbers.push_back(static_cast<double>(a.values.size()));
    a.values.push_back(t);
    a.id_parts.push_back(id);
  }
  return a;
}

// The structure table of a point: the common [structure] with the overrides.
toml::value merged_structure(const toml::value& common, const TomlSection& s) {
  toml::value out = common;
  if (!s.has("structure")) return out;
  const TomlSection o = subsection(s, "structure");
  for (const auto& [k, v] : o.table().as_table()) out.as_table()[k] = v;
  return out;
}

std::string structure_prefix(const toml::value& common, const toml::value& mine) {
  if (canonical(common) == canonical(mine)) return "";
  const auto& t = mine.as_table();
  const auto it = t.find("file");
  return (it != t.end() && it->second.is_string() ? fs::path(it->second.as_string().str).stem().string() : "structure") + "--";
}

std::string dopant_key(const toml::value& e) {
  const auto& t = e.as_table();
  return fmt::format("{}:{}:{}", t.at("host").as_string().str, t.at("dopant").as_string().str, t.at("oxidation").as_integer());
}

void add_point(ScreenInput& in, ScreenPoint p) {
  for (auto& q : in.points) {
    if (q.id != p.id) continue;
    if (q.structure_key != p.structure_key || canonical(q.composition) != canonical(p.composition))
      fail("{}: two different compositions are both named '{}': give the series or compositions distinct names", in.path, p.id);
    for (const auto& s : p.series)
      if (std::find(q.series.begin(), q.series.end(), s) == q.series.end()) q.series.push_back(s);
    return;
  }
  in.points.push_back(std::move(p));
}

void expand_series(ScreenInput& in, const TomlSection& s, const toml::value& common_structure) {
  s.allow_only({"name", "dopants", "ions", "vacancies", "occupancy", "combine", "placement", "structure"});
  const std::string name = s.string("name");
  if (!safe_name(name)) fail("{}: '{}' = '{}' must be 1-80 letters, digits, '-', '_' or '.'", s.where("name"), s.name("name"), name);
  if (std::find(in.series.begin(), in.series.end(), name) != in.series.end())
    fail("{}: a series named '{}' comes twice", s.where("name"), name);
  in.series.push_back(name);
  std::vector<Axis> axes;
  if (s.has("dopants")) axes = dopant_axes(s);
  if (s.has("ions") && s.has("vacancies")) fail("{}: give either ions or vacancies, not both", s.where("ions"));
  for (const char* key : {"ions", "vacancies"})
    if (s.has(key)) axes.push_back(integer_axis(s, key));
  if (s.has("occupancy")) axes.push_back(occupancy_axis(s));
  if (axes.empty()) fail("{}: series '{}' has no axis (dopants, ions, vacancies or occupancy)", s.where("name"), name);
  const std::string combine = s.string("combine", "product");
  if (combine != "product" && combine != "zip")
    fail("{}: '{}' must be \"product\" (every combination) or \"zip\" (the lists element by element), got \"{}\"",
         s.where("combine"), s.name("combine"), combine);
  std::vector<size_t> sizes;
  for (const auto& a : axes) sizes.push_back(a.values.size());
  if (combine == "zip" && std::adjacent_find(sizes.begin(), sizes.end(), std::not_equal_to<>()) != sizes.end())
    fail("{}: combine = \"zip\" needs lists of equal length in series '{}'", s.where("combine"), name);
  const std::string placement = s.string("placement", "random");
  const toml::value structure = merged_structure(common_structure, s);
  const std::string prefix = structure_prefix(common_structure, structure);
  std::vector<size_t> idx(axes.size(), 0);
  while (true) {
    toml::value comp = toml::table{{"placement", placement}};
    toml::array dopants;
    ScreenPoint p;
    std::string id;
    for (size_t k = 0; k < axes.size(); ++k) {
      const Axis& a = axes[k];
      const toml::value& v = a.values[idx[k]];
      p.axes.emplace_back(a.label, a.numbers[idx[k]]);
      if (!a.id_parts[idx[k]].empty()) id += (id.empty() ? "" : "_") + a.id_parts[idx[k]];
      if (a.label == "ions" || a.label == "vacancies") comp.as_table()[a.label] = v;
      else if (a.label == "occupancy") comp.as_table()["occupancy"] = v;
      else if (a.numbers[idx[k]] > 0) dopants.push_back(v), p.dopant_species.push_back(dopant_key(v));
    }
    if (!dopants.empty()) comp.as_table()["dopants"] = dopants;
    p.id = prefix + (id.empty() ? "undoped" : id) + (placement == "random" ? "" : "_" + placement);
    p.series = {name};
    p.composition = comp;
    p.structure = structure;
    p.structure_key = canonical(structure);
    add_point(in, std::move(p));
    // next grid point: odometer (product) or lock step (zip)
    if (combine == "zip") {
      if (++idx[0] == sizes[0]) break;
      std::fill(idx.begin(), idx.end(), idx[0]);
      continue;
    }
    size_t k = axes.size();
    while (k > 0 && ++idx[k - 1] == sizes[k - 1]) idx[--k] = 0;
    if (k == 0) break;
  }
}

void add_explicit(ScreenInput& in, const TomlSection& s, const toml::value& common_structure, size_t i) {
  toml::value comp = s.table();
  auto& t = comp.as_table();
  t.erase("name");
  t.erase("structure");
  const CompositionSpec spec = parse_composition(comp, s.name(""));  // checks the keys
  ScreenPoint p;
  p.structure = merged_structure(common_structure, s);
  p.structure_key = canonical(p.structure);
  std::string id;
  for (const auto& d : spec.dopants) {
    if (d.fraction == 0 || d.count == 0) continue;
    id += fmt::format("{}{}-{}{}", id.empty() ? "" : "_", d.host, d.dopant, d.count >= 0 ? fmt::format("x{}", d.count) : fmt::format("{:g}", d.fraction));
    p.dopant_species.push_back(fmt::format("{}:{}:{}", d.host, d.dopant, d.oxidation));
    p.axes.emplace_back(d.host + "->" + d.dopant, d.count >= 0 ? d.count : d.fraction);
  }
  if (spec.ions) id += fmt::format("{}ions{}", id.empty() ? "" : "_", *spec.ions);
  if (spec.vacancies) id += fmt::format("{}vac{}", id.empty() ? "" : "_", *spec.vacancies);
  id = structure_prefix(common_structure, p.structure) + (id.empty() ? "undoped" : id);
  if (s.has("name")) {
    id = s.string("name");
    if (!safe_name(id)) fail("{}: '{}' = '{}' must be 1-80 letters, digits, '-', '_' or '.'", s.where("name"), s.name("name"), id);
  } else if (!spec.occupancy.empty() || spec.placement != "random") {
    fail("{}: screen.compositions[{}] has an occupancy or a placement: give it a name (key 'name')", s.file(), i);
  }
  p.id = id;
  p.series = {"compositions"};
  p.composition = comp;
  add_point(in, std::move(p));
}

}  // namespace

ScreenInput read_screen_input(const std::string& path) {
  ScreenInput in;
  in.path = path;
  in.text = read_text_file(path, "screen file");
  const toml::value root = parse_toml_text(in.text, path);
  const TomlSection top(root, path, "");
  top.allow_only({"structure", "model", "kmc", "parallel", "output", "screen"});
  if (top.has("composition")) fail("{}: [composition]: the compositions of a screen come from [screen]", path);
  const TomlSection sc = subsection(top, "screen");
  sc.allow_only({"directory", "rank_temperature", "series", "compositions", "bvse"});
  in.common = root;
  in.common.as_table().erase("screen");
  in.directory = sc.string("directory", in.directory);
  if (in.directory.empty()) fail("{}: '{}' must not be empty", sc.where("directory"), sc.name("directory"));
  const toml::value common_structure = subsection(top, "structure").table();
  if (sc.has("series")) {
    const auto& arr = sc.at("series");
    if (!arr.is_array()) fail("{}: '{}' must be an array of tables ([[screen.series]])", sc.where("series"), sc.name("series"));
    for (size_t i = 0; i < arr.as_array().size(); ++i)
      expand_series(in, TomlSection(arr.as_array()[i], path, fmt::format("screen.series[{}]", i)), common_structure);
  }
  if (sc.has("compositions")) {
    const auto& arr = sc.at("compositions");
    if (!arr.is_array()) fail("{}: '{}' must be an array of tables ([[screen.compositions]])", sc.where("compositions"), sc.name("compositions"));
    for (size_t i = 0; i < arr.as_array().size(); ++i)
      add_explicit(in, TomlSection(arr.as_array()[i], path, fmt::format("screen.compositions[{}]", i)), common_structure, i);
    if (!arr.as_array().empty()) in.series.push_back("compositions");
  }
  if (in.points.empty()) fail("{}: [screen] has no compositions: add [[screen.series]] or [[screen.compositions]]", path);
  if (sc.has("bvse")) {
    if (top.has("model")) fail("{}: give either [model] or [screen.bvse] (a model from BVSE per composition), not both", path);
    const TomlSection b = subsection(sc, "bvse");
    b.allow_only({"spacing", "scale", "exclusion_distance", "interstitials", "local_kra", "ion_coulomb", "dopant_radius"});
    ScreenBvse& o = in.bvse;
    o.enabled = true;
    o.spacing = b.number("spacing", o.spacing);
    if (!(o.spacing > 0 && o.spacing <= 2)) fail("{}: '{}' must be in (0, 2] Å", b.where("spacing"), b.name("spacing"));
    o.scale = b.number("scale", 0.0);
    if (b.has("scale") && !(o.scale > 0)) fail("{}: '{}' must be > 0", b.where("scale"), b.name("scale"));
    o.exclusion_distance = b.number("exclusion_distance", -1.0);
    if (b.has("exclusion_distance") && !(o.exclusion_distance >= 0 && o.exclusion_distance < 10))
      fail("{}: '{}' must be in [0, 10) Å (0 = none)", b.where("exclusion_distance"), b.name("exclusion_distance"));
    o.interstitials = b.boolean("interstitials", false);
    o.local_kra = b.boolean("local_kra", true);
    o.ion_coulomb = b.boolean("ion_coulomb", true);
    o.dopant_radius = b.number("dopant_radius", o.dopant_radius);
    if (!(o.dopant_radius > 0)) fail("{}: '{}' must be > 0 Å", b.where("dopant_radius"), b.name("dopant_radius"));
  } else if (!top.has("model")) {
    fail("{}: no model: give [model] (a model file or table for every composition) or [screen.bvse]", path);
  }
  // Every point as `ionhop run` reads it: its keys and files are checked now.
  std::vector<double> temperatures;
  for (const auto& p : in.points) temperatures = point_run_input(in, p, in.directory, "").kmc.temperatures;
  in.rank_temperature = sc.number("rank_temperature", *std::min_element(temperatures.begin(), temperatures.end()));
  if (std::find(temperatures.begin(), temperatures.end(), in.rank_temperature) == temperatures.end())
    fail("{}: '{}' = {} K must be one of kmc.temperatures", sc.where("rank_temperature"), sc.name("rank_temperature"), in.rank_temperature);
  return in;
}

std::string point_run_text(const ScreenInput& s, const ScreenPoint& p, const std::string& directory, const std::string& model_file) {
  toml::value root = s.common;
  auto& t = root.as_table();
  t["structure"] = p.structure;
  t["composition"] = p.composition;
  toml::value out = t.count("output") ? t["output"] : toml::value(toml::table{});
  out.as_table()["directory"] = (fs::path(directory) / "runs" / p.id).string();
  out.as_table()["prefix"] = "run";
  t["output"] = out;
  if (!model_file.empty()) {
    toml::value m = toml::table{{"file", model_file}};
    if (s.bvse.local_kra) m.as_table()["bvse_local"] = true;
    t["model"] = m;
  }
  return fmt::format("# ionhop screen {}: composition {}\n{}", s.path, p.id, toml::format(root));
}

RunInput point_run_input(const ScreenInput& s, const ScreenPoint& p, const std::string& directory, const std::string& model_file) {
  const std::string where = fmt::format("{} (composition {})", s.path, p.id);
  return run_input_from_text(where, point_run_text(s, p, directory, model_file), !s.bvse.enabled || !model_file.empty());
}

std::string point_export_text(const ScreenInput& s, const ScreenPoint& p, const std::string& directory,
                              const std::string& model_file) {
  const RunInput in = point_run_input(s, p, directory, model_file);
  ScreenInput a = s;  // every file named by an absolute path: the input runs from any folder
  ScreenPoint q = p;
  q.structure.as_table()["file"] = fs::absolute(in.structure_file).string();
  if (model_file.empty() && !in.model_file.empty()) {
    toml::value m = a.common.as_table()["model"];
    m.as_table()["file"] = fs::absolute(in.model_file).string();
    a.common.as_table()["model"] = m;
  }
  return point_run_text(a, q, fs::absolute(directory).string(), model_file);
}

void check_compositions(const ScreenInput& s) {
  std::optional<bvse::Parameters> bv;  // the BVSE route needs parameters for every dopant
  if (s.bvse.enabled) bv = bvse::load_parameters();
  for (const auto& p : s.points) {
    for (const auto& d : p.dopant_species)
      if (bv) try {
          bv->ion(d.substr(d.find(':') + 1, d.rfind(':') - d.find(':') - 1));
        } catch (const Error& e) {
          fail("{}: composition {}: [screen.bvse]: {}", s.path, p.id, e.what());
        }
    const RunInput in = point_run_input(s, p, s.directory, "");
    const std::string where = fmt::format("{}: composition {}", s.path, p.id);
    try {
      Crystal c = read_structure(in.structure_file, in.read);
      apply_occupancy(c, in.composition, in.network.species, where, in.read.oxidation);
      const SiteNetwork unit = build_network(c, in.network);
      const Crystal sup = make_supercell(c, in.supercell);
      const SiteNetwork net = make_supercell_network(unit, in.supercell);
      const Decoration d = decorate(sup, net, in.composition, in.kmc.seed, 0);
      if (d.n_ions == 0) fail("no mobile ions in the supercell");
    } catch (const Error& e) {
      const std::string what = e.what();
      fail("{}", what.rfind(where, 0) == 0 ? what : where + ": " + what);
    }
  }
}

}  // namespace ionhop::app
