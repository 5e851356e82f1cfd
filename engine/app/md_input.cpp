#include "engine/app/md_input.hpp"
#include "engine/core/toml_file.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <toml.hpp>

#include "engine/app/run_input.hpp"
#include "engine/app/toml_section.hpp"
#include "engine/app/wall_clock.hpp"
#include "engine/composition/parse_composition.hpp"
#include "engine/core/error.hpp"
#include "engine/md/mobile_sampler.hpp"
#include "engine/core/input_file.hpp"

namespace ionhop::app {


namespace {
// [md] barostat keys (doc/md-input.md): only with ensemble = "npt-crescale", each checked here.
void read_barostat(const TomlSection& m, bool npt, md::BarostatSettings& b) {
  for (const char* key : {"barostat", "pressure", "tau_p", "compressibility"})
    if (!npt && m.has(key))
      fail("{}: '{}' needs ensemble = \"npt-crescale\" (constant pressure)", m.where(key), m.name(key));
  if (!npt) return;
  const std::string kind = m.string("barostat", "isotropic");
  if (kind == "isotropic") b.kind = md::Barostat::Isotropic;
  else if (kind == "anisotropic") b.kind = md::Barostat::Anisotropic;
  else fail("{}: '{}' must be \"isotropic\" or \"anisotropic\" (got \"{}\")", m.where("barostat"), m.name("barostat"), kind);
  b.pressure = m.number("pressure", 1e-4);
  b.tau_p = m.number("tau_p", 1.0);
  b.compressibility = m.number("compressibility", 0.01);
  if (!(std::abs(b.pressure) <= 1e3))
    fail("{}: '{}' must be in [-1000, 1000] GPa (got {})", m.where("pressure"), m.name("pressure"), b.pressure);
  if (!(b.tau_p > 0 && b.tau_p <= 1e3)) fail("{}: '{}' must be in (0, 1000] ps (got {})", m.where("tau_p"), m.name("tau_p"), b.tau_p);
  if (!(b.compressibility > 0 && b.compressibility <= 10))
    fail("{}: '{}' must be in (0, 10] 1/GPa (got {})", m.where("compressibility"), m.name("compressibility"), b.compressibility);
}
}  // namespace

MdInput read_md_input(const std::string& path) {
  MdInput in;
  in.path = path;
  const toml::value root = parse_toml_file(path, "input file");
  TomlSection top(root, path, "");
  top.allow_only({"structure", "md", "output", "composition", "parallel"});
  const TomlSection st = subsection(top, "structure");
  st.allow_only({"file", "supercell", "decoration_seed", "min_distance"});
  in.structure_file = resolve_relative_to(path, st.string("file"), "structure.file");
  if (st.has("supercell")) {
    const auto v = st.numbers("supercell");
    if (v.size() != 3) fail("{}: '{}' must be three integers", st.where("supercell"), st.name("supercell"));
    for (int d = 0; d < 3; ++d) {
      if (v[d] < 1 || v[d] != std::floor(v[d])) fail("{}: '{}' must be integers >= 1", st.where("supercell"), st.name("supercell"));
      in.supercell[d] = static_cast<int>(v[d]);
    }
  }
  in.decoration_seed = static_cast<std::uint64_t>(st.integer("decoration_seed", 1));
  if (st.has("min_distance")) {  // element = Å, overrides the defaults; 0 switches the exclusion off
    const TomlSection md = subsection(st, "min_distance");
    for (const auto& kv : md.table().as_table()) {
      const double d = md.number(kv.first);
      if (!(d >= 0)) fail("{}: {} must be >= 0 Å", md.where(kv.first), md.name(kv.first));
      in.decoration.min_distance[kv.first] = d;
    }
  }

  if (root.contains("composition")) {
    if (!root.at("composition").is_table()) fail("{}: composition must be a table", path);
    in.composition = parse_composition(root.at("composition"), path + ": composition");
  }

  const TomlSection m = subsection(top, "md");
  m.allow_only({"potential", "mobile", "coulomb", "cutoff", "skin", "dsf_alpha", "ewald_accuracy", "shift",
                "timestep", "ensemble", "temperature", "initial_temperature", "tau", "chain_length", "steps",
                "equilibration_steps", "thermo_every", "sample_every", "blocks", "seed", "hop_detection",
                "hop_capture_radius", "hop_every", "barostat", "pressure", "tau_p", "compressibility"});
  in.potential_file = resolve_relative_to(path, m.string("potential"), "md.potential");
  in.mobile = m.string("mobile");
  const std::string coul = m.string("coulomb", "dsf");
  if (coul == "dsf") in.force.coulomb = md::CoulombKind::Dsf;
  else if (coul == "ewald") in.force.coulomb = md::CoulombKind::Ewald;
  else if (coul == "none") in.force.coulomb = md::CoulombKind::None;
  else fail("{}: '{}' must be \"dsf\", \"ewald\" or \"none\" (got \"{}\")", m.where("coulomb"), m.name("coulomb"), coul);
  in.force.cutoff_sr = in.force.cutoff_coul = m.number("cutoff", 10.0);
  in.force.skin = m.number("skin", 1.0);
  in.force.dsf_alpha = m.number("dsf_alpha", 0.2);
  in.force.ewald_accuracy = m.number("ewald_accuracy", 1e-6);
  in.force.shift_sr = m.boolean("shift", true);
  in.integ.dt = m.number("timestep", 0.001);
  const std::string ens = m.string("ensemble", "nvt-bussi");
  if (ens == "nve") in.integ.thermostat = md::Thermostat::None;
  else if (ens == "nvt-nhc") in.integ.thermostat = md::Thermostat::NoseHooverChain;
  else if (ens == "nvt-bussi") in.integ.thermostat = md::Thermostat::Bussi;
  else if (ens == "npt-crescale") in.integ.thermostat = md::Thermostat::Bussi;
  else fail("{}: '{}' must be \"nve\", \"nvt-nhc\", \"nvt-bussi\" or \"npt-crescale\" (got \"{}\")", m.where("ensemble"), m.name("ensemble"), ens);
  read_barostat(m, ens == "npt-crescale", in.integ.barostat);
  in.temperatures = m.numbers("temperature");
  for (double T : in.temperatures)
    if (!(T > 0 && T <= 1e5)) fail("{}: '{}' every temperature must be in (0, 100000] K (got {})", m.where("temperature"), m.name("temperature"), T);
  if (in.temperatures.empty()) fail("{}: '{}' give at least one temperature", m.where("temperature"), m.name("temperature"));
  in.initial_temperature = m.number("initial_temperature", -1.0);
  in.integ.tau = m.number("tau", 0.1);
  in.integ.chain_length = static_cast<int>(m.integer("chain_length", 3));
  in.integ.seed = static_cast<std::uint64_t>(m.integer("seed", 1));
  in.steps = m.integer("steps", 10000);
  in.equilibration = m.integer("equilibration_steps", 1000);
  in.thermo_every = m.integer("thermo_every", 100);
  in.sample_every = m.integer("sample_every", 10);
  if (m.has("blocks") && m.at("blocks").is_string()) {  // "auto": from the mean residence time (transport_blocks.hpp)
    if (m.string("blocks") != "auto")
      fail("{}: '{}' must be an integer >= 2 or \"auto\" (got \"{}\")", m.where("blocks"), m.name("blocks"), m.string("blocks"));
    in.blocks = 0;
  } else {
    in.blocks = static_cast<int>(m.integer("blocks", 8));
    if (in.blocks < 2) fail("{}: '{}' must be >= 2 (block errors) or \"auto\"", m.where("blocks"), m.name("blocks"));
  }
  in.hops = m.boolean("hop_detection", true);
  in.hop_capture_radius = m.number("hop_capture_radius", 0.8);
  in.hop_every = m.integer("hop_every", 1);
  // Ranges that keep the run finite (a time step of 1e308 ps or a cutoff of NaN would compute
  // garbage, or nothing, for hours); the limits are far outside any useful value.
  if (!(in.integ.dt > 0 && in.integ.dt <= 0.01))
    fail("{}: '{}' must be in (0, 0.01] ps (1-2 fs is usual for oxides and sulfides; got {})", m.where("timestep"), m.name("timestep"), in.integ.dt);
  if (m.has("initial_temperature") && !(in.initial_temperature > 0 && in.initial_temperature <= 1e5))
    fail("{}: '{}' must be in (0, 100000] K (got {})", m.where("initial_temperature"), m.name("initial_temperature"), in.initial_temperature);
  if (!(in.integ.tau > 0 && in.integ.tau <= 1e3)) fail("{}: '{}' must be in (0, 1000] ps (got {})", m.where("tau"), m.name("tau"), in.integ.tau);
  if (in.integ.chain_length < 1 || in.integ.chain_length > 10)
    fail("{}: '{}' must be in 1..10 (got {})", m.where("chain_length"), m.name("chain_length"), in.integ.chain_length);
  if (!(in.force.cutoff_sr > 0 && in.force.cutoff_sr <= 100)) fail("{}: '{}' must be in (0, 100] Å (got {})", m.where("cutoff"), m.name("cutoff"), in.force.cutoff_sr);
  if (!(in.force.skin >= 0 && in.force.skin <= 10)) fail("{}: '{}' must be in [0, 10] Å (got {})", m.where("skin"), m.name("skin"), in.force.skin);
  if (!(in.force.dsf_alpha > 0 && in.force.dsf_alpha <= 10))
    fail("{}: '{}' must be in (0, 10] 1/Å (got {})", m.where("dsf_alpha"), m.name("dsf_alpha"), in.force.dsf_alpha);
  if (!(in.force.ewald_accuracy > 0 && in.force.ewald_accuracy < 0.1))
    fail("{}: '{}' must be in (0, 0.1) (got {})", m.where("ewald_accuracy"), m.name("ewald_accuracy"), in.force.ewald_accuracy);
  if (in.steps > 1'000'000'000'000 || in.equilibration > 1'000'000'000'000)
    fail("{}: more than 10^12 steps", m.where(in.steps > 1'000'000'000'000 ? "steps" : "equilibration_steps"));
  if (in.hop_every < 1) fail("{}: '{}' must be >= 1", m.where("hop_every"), m.name("hop_every"));
  if (!(in.hop_capture_radius > 0)) fail("{}: '{}' must be > 0 Å", m.where("hop_capture_radius"), m.name("hop_capture_radius"));
  if (in.steps < 1) fail("{}: '{}' must be >= 1", m.where("steps"), m.name("steps"));
  if (in.equilibration < 0) fail("{}: '{}' must be >= 0", m.where("equilibration_steps"), m.name("equilibration_steps"));
  if (in.thermo_every < 1) fail("{}: '{}' must be >= 1", m.where("thermo_every"), m.name("thermo_every"));
  if (in.sample_every < 1) fail("{}: '{}' must be >= 1", m.where("sample_every"), m.name("sample_every"));
  if (in.steps / in.sample_every + 1 < md::MobileSampler::min_samples(std::max(in.blocks, 2)))
    fail("{}: '{}' = {} sampled every {} gives {} samples, too few for {} blocks of at least 4 (need steps >= {})",
         m.where("steps"), m.name("steps"), in.steps, in.sample_every, in.steps / in.sample_every + 1, std::max(in.blocks, 2),
         (md::MobileSampler::min_samples(std::max(in.blocks, 2)) - 1) * in.sample_every);

  if (top.has("parallel")) {
    const TomlSection p = subsection(top, "parallel");
    p.allow_only({"grid", "gpu_aware_mpi"});
    if (p.has("grid")) {
      const auto g = p.numbers("grid");
      if (g.size() != 3) fail("{}: '{}' must be three integers (ranks along a, b, c)", p.where("grid"), p.name("grid"));
      for (int d = 0; d < 3; ++d) {
        if (!(g[d] >= 1 && g[d] <= 1e6) || g[d] != std::floor(g[d]))
          fail("{}: '{}' must be integers >= 1", p.where("grid"), p.name("grid"));
        in.grid[d] = static_cast<int>(g[d]);
      }
    }
    in.gpu_aware_mpi = p.boolean("gpu_aware_mpi", false);
  }
  if (top.has("output")) {
    const TomlSection o = subsection(top, "output");
    o.allow_only({"directory", "prefix", "xyz_every", "h5_every", "checkpoint_every"});
    in.out_dir = o.string("directory", ".");
    in.prefix = o.string("prefix", "ionhop_md");
    in.xyz_every = o.integer("xyz_every", 0);
    if (in.xyz_every < 0) fail("{}: '{}' must be >= 0 (0: no trajectory)", o.where("xyz_every"), o.name("xyz_every"));
    in.h5_every = o.integer("h5_every", 0);
    if (in.h5_every < 0) fail("{}: '{}' must be >= 0 (0: no trajectory)", o.where("h5_every"), o.name("h5_every"));
  }
  if (top.has("output") && subsection(top, "output").has("checkpoint_every")) {
    const TomlSection o = subsection(top, "output");
    const std::string every = o.string("checkpoint_every");
    in.checkpoint_every =
        every == "off" ? 0 : parse_duration(every, fmt::format("{}: '{}'", o.where("checkpoint_every"), o.name("checkpoint_every")));
  }
  in.fingerprint = input_fingerprint(root, {{"structure.file", in.structure_file}, {"md.potential", in.potential_file}});
  return in;
}

}  // namespace ionhop::app
