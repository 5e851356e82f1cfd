#include "engine/app/run_input.hpp"
#include "engine/core/toml_file.hpp"
#include "engine/app/wall_clock.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/app/toml_section.hpp"
#include "engine/composition/parse_composition.hpp"
#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"
#include "engine/core/input_file.hpp"
#include "engine/crystal/elements.hpp"

namespace ionhop::app {

namespace fs = std::filesystem;


std::string resolve_relative_to(const std::string& input_file, const std::string& name, const std::string& key) {
  const fs::path p(name);
  if (p.is_relative()) {
    const fs::path beside = fs::path(input_file).parent_path() / p;
    if (path_exists(beside)) return beside.string();
  }
  if (path_exists(p)) return p.string();
  try {
    return resolve_input_path(name);
  } catch (const Error&) {
    fail("{}: {} = '{}': no such file (looked beside the input file, in the working directory and in "
         "the ionhop data directory)",
         input_file, key, name);
  }
}

namespace {

void read_structure_section(const TomlSection& s, RunInput& in) {
  s.allow_only({"file", "mobile", "supercell", "cutoff", "min_bottleneck", "oxidation", "symprec", "radii_file",
                "extra_sites", "site_tolerance"});
  in.structure_file = resolve_relative_to(in.path, s.string("file"), s.name("file"));
  in.network.species = s.string("mobile");
  if (in.network.species.empty()) fail("{}: '{}' must name the mobile species, e.g. \"Na\"", s.where("mobile"), s.name("mobile"));
  if (s.has("supercell")) {
    const auto n = s.numbers("supercell");
    if (n.size() != 3) fail("{}: '{}' must be three integers [n1, n2, n3]", s.where("supercell"), s.name("supercell"));
    for (int a = 0; a < 3; ++a) {
      if (n[a] < 1 || n[a] != static_cast<int>(n[a]))
        fail("{}: '{}' must be three integers >= 1, got {}", s.where("supercell"), s.name("supercell"), n[a]);
      in.supercell[a] = static_cast<int>(n[a]);
    }
  }
  in.network.cutoff = s.number("cutoff", 0.0);
  if (in.network.cutoff < 0) fail("{}: '{}' must be >= 0 Å (0 = automatic)", s.where("cutoff"), s.name("cutoff"));
  if (s.has("min_bottleneck")) {
    in.network.min_bottleneck = s.number("min_bottleneck");
    if (!(in.network.min_bottleneck >= 0))
      fail("{}: '{}' must be >= 0 Å (a bottleneck radius)", s.where("min_bottleneck"), s.name("min_bottleneck"));
  }
  if (s.has("site_tolerance")) {
    in.network.site_tolerance = s.number("site_tolerance");
    if (!(in.network.site_tolerance > 0))
      fail("{}: '{}' must be > 0 Å", s.where("site_tolerance"), s.name("site_tolerance"));
  }
  if (s.has("radii_file")) in.network.radii_file = resolve_relative_to(in.path, s.string("radii_file"), s.name("radii_file"));
  in.read.symprec = s.number("symprec", in.read.symprec);
  if (!(in.read.symprec > 0)) fail("{}: '{}' must be > 0 Å", s.where("symprec"), s.name("symprec"));
  if (s.has("oxidation")) {
    const TomlSection ox = subsection(s, "oxidation");
    for (const auto& [element, value] : ox.table().as_table()) {
      (void)value;
      if (!is_element_symbol(element)) fail("{}: '{}' is not an element symbol", ox.where(element), ox.name(element));
      in.read.oxidation[element] = static_cast<int>(ox.integer(element));
    }
  }
  if (s.has("extra_sites")) {
    const auto& arr = s.at("extra_sites");
    if (!arr.is_array()) fail("{}: '{}' must be an array of [x, y, z] fractional positions", s.where("extra_sites"), s.name("extra_sites"));
    for (const auto& p : arr.as_array()) {
      if (!p.is_array() || p.as_array().size() != 3)
        fail("{}: '{}' must be an array of [x, y, z] fractional positions", s.where("extra_sites"), s.name("extra_sites"));
      Vec3 f{};
      for (int a = 0; a < 3; ++a) {
        const auto& x = p.as_array()[a];
        if (!x.is_integer() && !x.is_floating())
          fail("{}: '{}' must hold numbers", s.where("extra_sites"), s.name("extra_sites"));
        f[a] = x.is_integer() ? static_cast<double>(x.as_integer()) : x.as_floating();
      }
      in.network.extra_sites.push_back(f);
    }
  }
}

void read_model_section(const TomlSection& s, RunInput& in) {
  if (s.has("file")) {
    s.allow_only({"file", "bvse_local", "bvse_scale", "bvse_parameters"});
    in.model_file = resolve_relative_to(in.path, s.string("file"), s.name("file"));
    in.model = read_model_file(in.model_file);
    in.bvse_local.enabled = s.boolean("bvse_local", false);
    in.bvse_local.scale = s.number("bvse_scale", 1.0);
    if (!(in.bvse_local.scale > 0)) fail("{}: '{}' must be > 0 (got {})", s.where("bvse_scale"), s.name("bvse_scale"), in.bvse_local.scale);
    if (s.has("bvse_parameters"))
      in.bvse_local.parameters = resolve_relative_to(in.path, s.string("bvse_parameters"), s.name("bvse_parameters"));
    if (!in.bvse_local.enabled && (s.has("bvse_scale") || s.has("bvse_parameters")))
      fail("{}: '{}' needs {} = true", s.where("bvse_scale"), s.has("bvse_scale") ? s.name("bvse_scale") : s.name("bvse_parameters"),
           s.name("bvse_local"));
  } else {
    in.model = parse_model(s.table(), in.path + ": model");
  }
  // A model made with interstitial sites (ionhop bvse --interstitials) brings them along.
  if (const auto* lg = std::get_if<LatticeGasSpec>(&in.model); lg && !lg->extra_sites.empty()) {
    const std::string src = lg->source.empty() ? in.path + ": model" : lg->source;
    if (in.network.extra_sites.empty()) {
      in.network.extra_sites = lg->extra_sites;
    } else {
      bool same = in.network.extra_sites.size() == lg->extra_sites.size();
      for (size_t i = 0; same && i < lg->extra_sites.size(); ++i)
        for (int a = 0; a < 3; ++a) same = same && std::abs(in.network.extra_sites[i][a] - lg->extra_sites[i][a]) < 1e-6;
      if (!same)
        fail("{}: [structure] extra_sites differ from the extra_sites of the model {} (its site labels X1, X2, ... follow "
             "that list): leave [structure] extra_sites out",
             in.path, src);
    }
  }
}

void read_kmc_section(const TomlSection& s, KmcSettings& k, ParallelSettings& p) {
  s.allow_only({"temperatures", "replicas", "seed", "equilibration_hops_per_ion", "production_hops_per_ion",
                "production_time", "samples", "fit_start", "sector_window", "sector_events"});
  p.sector_window = s.number("sector_window", 0.0);
  if (s.has("sector_window") && !(p.sector_window > 0 && std::isfinite(p.sector_window)))
    fail("{}: '{}' must be > 0 s", s.where("sector_window"), s.name("sector_window"));
  p.sector_events = s.number("sector_events", p.sector_events);
  if (!(p.sector_events > 0 && p.sector_events <= 100))
    fail("{}: '{}' must be in (0, 100], got {}", s.where("sector_events"), s.name("sector_events"), p.sector_events);
  if (s.has("sector_window") && s.has("sector_events"))
    fail("{}: give either '{}' or '{}', not both", s.where("sector_window"), s.name("sector_window"), s.name("sector_events"));
  k.temperatures = s.numbers("temperatures");
  if (k.temperatures.empty()) fail("{}: '{}' must list at least one temperature (K)", s.where("temperatures"), s.name("temperatures"));
  for (double T : k.temperatures)
    if (!(T > 0)) fail("{}: '{}' must be > 0 K, got {}", s.where("temperatures"), s.name("temperatures"), T);
  const auto replicas = s.integer("replicas", k.replicas);
  if (replicas < 1 || replicas > 1000000) fail("{}: '{}' must be in 1..1000000, got {}", s.where("replicas"), s.name("replicas"), replicas);
  k.replicas = static_cast<int>(replicas);
  const auto seed = s.integer("seed", static_cast<std::int64_t>(k.seed));
  if (seed < 0) fail("{}: '{}' must be >= 0, got {}", s.where("seed"), s.name("seed"), seed);
  k.seed = static_cast<std::uint64_t>(seed);
  k.equilibration_hops_per_ion = s.number("equilibration_hops_per_ion", k.equilibration_hops_per_ion);
  // > 0: the equilibration also measures the event rate that sizes the production time grid.
  if (!(k.equilibration_hops_per_ion > 0))
    fail("{}: '{}' must be > 0", s.where("equilibration_hops_per_ion"), s.name("equilibration_hops_per_ion"));
  if (s.has("production_time") && s.has("production_hops_per_ion"))
    fail("{}: give either '{}' or '{}', not both", s.where("production_time"), s.name("production_time"),
         s.name("production_hops_per_ion"));
  if (s.has("production_time")) {
    k.production_time = s.number("production_time");
    if (!(k.production_time > 0)) fail("{}: '{}' must be > 0 s", s.where("production_time"), s.name("production_time"));
  } else {
    k.production_hops_per_ion = s.number("production_hops_per_ion", k.production_hops_per_ion);
    if (!(k.production_hops_per_ion > 0))
      fail("{}: '{}' must be > 0", s.where("production_hops_per_ion"), s.name("production_hops_per_ion"));
  }
  const auto samples = s.integer("samples", k.samples);
  if (samples < 4 || samples > 100000) fail("{}: '{}' must be in 4..100000, got {}", s.where("samples"), s.name("samples"), samples);
  k.samples = static_cast<int>(samples);
  k.fit_start = s.number("fit_start", k.fit_start);
  if (!(k.fit_start >= 0 && k.fit_start < 1)) fail("{}: '{}' must be in [0, 1), got {}", s.where("fit_start"), s.name("fit_start"), k.fit_start);
}

void read_parallel_section(const TomlSection& s, ParallelSettings& p) {
  s.allow_only({"kmc", "domain_ranks", "grid"});
  const std::string kind = s.string("kmc", "replicas");
  if (kind != "replicas" && kind != "domains")
    fail("{}: '{}' must be \"replicas\" or \"domains\", got \"{}\"", s.where("kmc"), s.name("kmc"), kind);
  p.domains = kind == "domains";
  for (const char* key : {"domain_ranks", "grid"})
    if (!p.domains && s.has(key)) fail("{}: '{}' needs kmc = \"domains\"", s.where(key), s.name(key));
  const auto d = s.integer("domain_ranks", 0);
  if (d < 0 || d > 1000000) fail("{}: '{}' must be in 1..1000000 (or absent: all ranks)", s.where("domain_ranks"), s.name("domain_ranks"));
  p.domain_ranks = static_cast<int>(d);
  if (s.has("grid")) {
    const auto g = s.numbers("grid");
    if (g.size() != 3) fail("{}: '{}' must be three integers (ranks along a, b, c)", s.where("grid"), s.name("grid"));
    for (int a = 0; a < 3; ++a) {
      if (!(g[a] >= 1 && g[a] <= 1e6) || g[a] != std::floor(g[a])) fail("{}: '{}' must be integers >= 1", s.where("grid"), s.name("grid"));
      p.grid[a] = static_cast<int>(g[a]);
    }
    const int n = p.grid[0] * p.grid[1] * p.grid[2];
    if (p.domain_ranks != 0 && n != p.domain_ranks)
      fail("{}: '{}' makes {} domains but domain_ranks = {}", s.where("grid"), s.name("grid"), n, p.domain_ranks);
    p.domain_ranks = n;
  }
}

void read_output_section(const TomlSection& s, OutputSettings& o) {
  s.allow_only({"directory", "prefix", "formats", "checkpoint_every"});
  o.directory = s.string("directory", o.directory);
  if (o.directory.empty()) fail("{}: '{}' must not be empty", s.where("directory"), s.name("directory"));
  o.prefix = s.string("prefix", o.prefix);
  if (o.prefix.empty() || o.prefix.find('/') != std::string::npos)
    fail("{}: '{}' must be a non-empty file-name prefix without '/'", s.where("prefix"), s.name("prefix"));
  if (s.has("formats")) {
    o.hdf5 = o.json = o.csv = false;
    const auto formats = s.strings("formats");
    if (formats.empty())
      fail("{}: '{}' is empty: name at least one of hdf5, json, csv", s.where("formats"), s.name("formats"));
    for (const auto& f : formats) {
      if (f == "hdf5") o.hdf5 = true;
      else if (f == "json") o.json = true;
      else if (f == "csv") o.csv = true;
      else fail("{}: '{}' has unknown format '{}' (allowed: hdf5, json, csv)", s.where("formats"), s.name("formats"), f);
    }
  }
  if (s.has("checkpoint_every")) {
    const std::string every = s.string("checkpoint_every");
    o.checkpoint_every =
        every == "off" ? 0 : parse_duration(every, fmt::format("{}: '{}'", s.where("checkpoint_every"), s.name("checkpoint_every")));
  }
}

}  // namespace

RunInput read_run_input(const std::string& path) { return run_input_from_text(path, read_text_file(path, "input file")); }

RunInput run_input_from_text(const std::string& path, std::string text, bool need_model) {
  RunInput in;
  in.path = path;
  in.text = std::move(text);
  const toml::value root = parse_toml_text(in.text, path);
  const TomlSection top(root, path, "");
  top.allow_only({"structure", "composition", "model", "kmc", "parallel", "output"});
  read_structure_section(subsection(top, "structure"), in);
  if (top.has("composition")) {
    subsection(top, "composition");  // type check: must be a table
    in.composition = parse_composition(top.at("composition"), path + ": composition");
  }
  if (need_model || top.has("model")) read_model_section(subsection(top, "model"), in);
  const TomlSection kmc = subsection(top, "kmc");
  read_kmc_section(kmc, in.kmc, in.parallel);
  if (top.has("parallel")) read_parallel_section(subsection(top, "parallel"), in.parallel);
  for (const char* key : {"sector_window", "sector_events"})  // a setting that would do nothing is a mistake
    if (kmc.has(key) && !in.parallel.domains)
      fail("{}: '{}' applies to domain runs only ([parallel] kmc = \"domains\")", kmc.where(key), kmc.name(key));
  if (top.has("output")) read_output_section(subsection(top, "output"), in.output);
  in.fingerprint = input_fingerprint(root, {{"structure.file", in.structure_file},
                                            {"model.file", in.model_file},
                                            {"model.bvse_parameters", in.bvse_local.parameters}});
  return in;
}

}  // namespace ionhop::app
