// `ionhop md INPUT.toml`: classical MD of a decorated supercell (keys in doc/md-input.md):
// thermo table, extended-XYZ trajectory, and D*, D_J, Haven ratio and sigma of the mobile ions
// from block MSDs through the same estimators as KMC (analysis/transport).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>

#include <Kokkos_Core.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml.hpp>

#include "engine/analysis/transport.hpp"
#include "engine/app/commands.hpp"
#include "engine/app/kokkos_guard.hpp"
#include "engine/app/run_input.hpp"
#include "engine/app/toml_section.hpp"
#include "engine/composition/parse_composition.hpp"
#include "engine/core/error.hpp"
#include "engine/io/hdf5_handles.hpp"
#include "engine/core/log.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/hop_detector.hpp"
#include "engine/md/hop_tracker.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/md_composition.hpp"
#include "engine/md/md_structure.hpp"
#include "engine/md/mobile_sampler.hpp"
#include "engine/md/rate_model.hpp"
#include "engine/md/xyz_writer.hpp"

namespace ionhop::app {

namespace {

struct MdInput {
  std::string path, structure_file, potential_file, mobile, out_dir = ".", prefix = "ionhop_md";
  std::array<int, 3> supercell{1, 1, 1};
  std::uint64_t decoration_seed = 1;
  md::DecorationOptions decoration;
  std::optional<CompositionSpec> composition;  // [composition]: decorate() as in `ionhop run`
  md::ForceSettings force;
  md::IntegratorSettings integ;
  std::vector<double> temperatures;  // one run per temperature
  double initial_temperature = -1;   // < 0: each run starts at its temperature
  long steps = 10000, equilibration = 1000, thermo_every = 100, sample_every = 10, hop_every = 1, xyz_every = 0, h5_every = 0;
  int blocks = 8;
  bool hops = true;
  double hop_capture_radius = 0.8;
};

MdInput read_md_input(const std::string& path) {
  MdInput in;
  in.path = path;
  toml::value root;
  try {
    root = toml::parse(path);
  } catch (const std::exception& e) {
    fail("{}: {}", path, e.what());
  }
  TomlSection top(root, path, "");
  top.allow_only({"structure", "md", "output", "composition"});
  const TomlSection st = subsection(top, "structure");
  st.allow_only({"file", "supercell", "decoration_seed", "min_distance"});
  in.structure_file = resolve_relative_to(path, st.string("file"), "structure.file");
  if (st.has("supercell")) {
    const auto v = st.numbers("supercell");
    if (v.size() != 3) fail("{}: must be three integers", st.where("supercell"));
    for (int d = 0; d < 3; ++d) {
      if (v[d] < 1 || v[d] != std::floor(v[d])) fail("{}: must be integers >= 1", st.where("supercell"));
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
                "hop_capture_radius", "hop_every"});
  in.potential_file = resolve_relative_to(path, m.string("potential"), "md.potential");
  in.mobile = m.string("mobile");
  const std::string coul = m.string("coulomb", "dsf");
  if (coul == "dsf") in.force.coulomb = md::CoulombKind::Dsf;
  else if (coul == "ewald") in.force.coulomb = md::CoulombKind::Ewald;
  else if (coul == "none") in.force.coulomb = md::CoulombKind::None;
  else fail("{}: must be \"dsf\", \"ewald\" or \"none\" (got \"{}\")", m.where("coulomb"), coul);
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
  else fail("{}: must be \"nve\", \"nvt-nhc\" or \"nvt-bussi\" (got \"{}\")", m.where("ensemble"), ens);
  in.temperatures = m.numbers("temperature");
  for (double T : in.temperatures)
    if (!(T > 0)) fail("{}: every temperature must be > 0 K", m.where("temperature"));
  if (in.temperatures.empty()) fail("{}: give at least one temperature", m.where("temperature"));
  in.initial_temperature = m.number("initial_temperature", -1.0);
  in.integ.tau = m.number("tau", 0.1);
  in.integ.chain_length = static_cast<int>(m.integer("chain_length", 3));
  in.integ.seed = static_cast<std::uint64_t>(m.integer("seed", 1));
  in.steps = m.integer("steps", 10000);
  in.equilibration = m.integer("equilibration_steps", 1000);
  in.thermo_every = m.integer("thermo_every", 100);
  in.sample_every = m.integer("sample_every", 10);
  in.blocks = static_cast<int>(m.integer("blocks", 8));
  in.hops = m.boolean("hop_detection", true);
  in.hop_capture_radius = m.number("hop_capture_radius", 0.8);
  in.hop_every = m.integer("hop_every", 1);
  if (in.hop_every < 1) fail("{}: must be >= 1", m.where("hop_every"));
  if (!(in.hop_capture_radius > 0)) fail("{}: must be > 0 Å", m.where("hop_capture_radius"));
  if (in.steps < 1) fail("{}: must be >= 1", m.where("steps"));
  if (in.equilibration < 0) fail("{}: must be >= 0", m.where("equilibration_steps"));
  if (in.thermo_every < 1) fail("{}: must be >= 1", m.where("thermo_every"));
  if (in.sample_every < 1) fail("{}: must be >= 1", m.where("sample_every"));
  if (in.blocks < 2) fail("{}: must be >= 2 (block errors)", m.where("blocks"));

  if (top.has("output")) {
    const TomlSection o = subsection(top, "output");
    o.allow_only({"directory", "prefix", "xyz_every", "h5_every"});
    in.out_dir = o.string("directory", ".");
    in.prefix = o.string("prefix", "ionhop_md");
    in.xyz_every = o.integer("xyz_every", 0);
    if (in.xyz_every < 0) fail("{}: must be >= 0 (0: no trajectory)", o.where("xyz_every"));
    in.h5_every = o.integer("h5_every", 0);
    if (in.h5_every < 0) fail("{}: must be >= 0 (0: no trajectory)", o.where("h5_every"));
  }
  return in;
}

nlohmann::json estimate_json(const Estimate& e) { return {{"value", e.value}, {"stderr", e.stderr_}, {"n", e.n}}; }
nlohmann::json value_json(const ValueErr& v) { return {{"value", v.value}, {"stderr", v.err}}; }

// HDF5 trajectory (held in memory, written at the end): /positions (frames x atoms x 3,
// unwrapped, Å), /time_ps, /types, /species, /cell (rows a, b, c in the box frame, Å), and the
// hop events when detected.
void write_h5_trajectory(const std::string& path, const md::MdSystem& s, const std::vector<double>& pos,
                         const std::vector<double>& time, const md::HopDetector* hops) {
  h5::Handle f = h5::create_file(path);
  const hsize_t nf = time.size(), na = static_cast<hsize_t>(s.n_atoms());
  h5::write(f.id(), "positions", pos, {nf, na, 3});
  h5::attr(h5::open_dataset(f.id(), "positions").id(), "unit", std::string("angstrom (unwrapped)"));
  h5::write(f.id(), "time_ps", time);
  auto t = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.type);
  std::vector<int> types(t.data(), t.data() + s.n_atoms());
  h5::write(f.id(), "types", types);
  h5::write(f.id(), "species", s.species);
  std::vector<double> cell;
  for (const auto& row : s.cell())
    for (double x : row) cell.push_back(x);
  h5::write(f.id(), "cell", cell, {3, 3});
  if (hops) {
    std::vector<std::int64_t> ev;
    std::vector<double> et;
    for (const auto& e : hops->events()) {
      ev.insert(ev.end(), {e.ion, e.from, e.to, e.hop_class});
      et.push_back(e.time);
    }
    h5::Handle g = h5::create_group(f.id(), "hops");
    h5::write(g.id(), "events", ev, {et.size(), 4});
    h5::attr(h5::open_dataset(g.id(), "events").id(), "columns", std::string("ion, from_site, to_site, hop_class (-1: off network)"));
    h5::write(g.id(), "time_ps", et);
  }
}

// MD atoms: the composition code's decoration when [composition] is given (doc/theory/md.md §6b),
// otherwise the ordered fill of §6 (unchanged: same seed, same atoms). Builds `net` if empty.
md::MdAtoms build_atoms(const MdInput& in, const Crystal& unit, const md::ForceField& ff, SiteNetwork& net) {
  if (!in.composition)
    return md::md_atoms(unit, in.supercell, in.mobile, in.composition, ff, in.decoration_seed, in.decoration, net);
  md::CompositionAtoms ca;
  md::MdAtoms atoms;
  try {  // the composition code names the key (composition.dopants[0]...), this adds the input file
    atoms = md::md_atoms(unit, in.supercell, in.mobile, in.composition, ff, in.decoration_seed, in.decoration, net, &ca);
  } catch (const Error& e) {
    fail("{}: {}", in.path, e.what());
  }
  log::info("md: composition decoration: {} dopant atoms, {} {} ions on {} network sites{}", ca.n_dopants, ca.n_ions,
            in.mobile, net.n_sites(),
            ca.replaced ? " (re-placed under the minimum distance, doc/theory/md.md §6b)" : "");
  return atoms;
}

// One MD run at temperature T (outputs <base>_*); appends its directed hop statistics.
void run_one(const MdInput& in0, double T, const std::string& input_path, const Crystal& unit,
             const md::ForceField& ff, const std::string& base, SiteNetwork& net,
             std::vector<md::DirectedRates>& rates) {
  MdInput in = in0;
  in.integ.temperature = T;
  const md::MdAtoms atoms = build_atoms(in, unit, ff, net);
  md::MdSystem s = md::system_from_atoms(atoms, ff);
  int mobile_type = -1;
  for (int t = 0; t < s.n_types(); ++t)
    if (s.species[t] == in.mobile) mobile_type = t;
  if (mobile_type < 0) fail("{}: md.mobile = \"{}\" is not in the structure", input_path, in.mobile);
  log::info("md: {} atoms ({} {}), box volume {:.1f} Å^3, force field {}", s.n_atoms(), in.mobile,
            "mobile", s.box.volume(), ff.name);

  md::initialize_velocities(s, in.initial_temperature > 0 ? in.initial_temperature : T, in.integ.seed);
  md::ForceCompute fc(ff, s, in.force);
  md::Integrator integ(s, fc, in.integ);
  std::ofstream thermo(base + "_thermo.csv");
  thermo << "step,time_ps,temperature_K,ke_eV,pe_eV,pressure_GPa,conserved_eV\n";
  auto log_thermo = [&](const md::Thermo& t) {
    thermo << fmt::format("{},{:.6f},{:.3f},{:.8f},{:.8f},{:.6f},{:.8f}\n", t.step, t.time, t.temperature, t.ke, t.pe,
                          t.pressure, t.conserved);
    log::info("step {:>9} t {:>9.3f} ps  T {:>8.2f} K  PE {:>14.4f} eV  P {:>8.3f} GPa  Econs {:>14.4f} eV", t.step,
              t.time, t.temperature, t.pe, t.pressure, t.conserved);
  };
  log_thermo(integ.thermo());
  for (long done = 0; done < in.equilibration;) {
    const long n = std::min(in.thermo_every, in.equilibration - done);
    integ.run(n);
    done += n;
    log_thermo(integ.thermo());
  }
  md::MobileSampler sampler(s, mobile_type);
  // site network of the same supercell: same lattice, same fractional frame as the MD box
  std::unique_ptr<md::HopTracker> tracker;  // detection screened on the device (engine/md/hop_tracker.hpp)
  const md::HopDetector* hops = nullptr;
  if (in.hops) {
    NetworkOptions no;
    no.species = in.mobile;
    if (net.n_sites() == 0) net = make_supercell_network(build_network(unit, no), in.supercell);
    tracker = std::make_unique<md::HopTracker>(s, sampler.atoms(), net, in.hop_capture_radius, integ.thermo().time);
    hops = &tracker->detector();
  }
  std::unique_ptr<md::XyzWriter> xyz;
  if (in.xyz_every > 0) xyz = std::make_unique<md::XyzWriter>(base + ".xyz");
  sampler.sample(s);
  std::vector<double> h5_pos, h5_time;
  auto h5_frame = [&] {
    const auto u = md::unwrapped_positions(s);
    h5_pos.insert(h5_pos.end(), u.begin(), u.end());
    h5_time.push_back(integ.thermo().time);
  };
  if (in.h5_every > 0) h5_frame();
  for (long k = 1; k <= in.steps; ++k) {
    integ.run(1);
    if (k % in.sample_every == 0) sampler.sample(s);
    // hop detection on its own stride: an ion must not cross a site's capture sphere unseen
    if (tracker && k % in.hop_every == 0) tracker->update(s, integ.thermo().time);
    if (xyz && k % in.xyz_every == 0) xyz->write_frame(s, integ.step(), integ.thermo().time);
    if (in.h5_every > 0 && k % in.h5_every == 0) h5_frame();
    if (k % in.thermo_every == 0) log_thermo(integ.thermo());
  }

  // Transport: blocks of the production run act as the independent samples of the estimators.
  const md::BlockMsd b = sampler.block_msd(in.blocks);
  KmcSamples ks;
  ks.temperature = in.integ.temperature;
  ks.n_replicas = b.n_blocks;
  ks.n_ions = b.n_ions;
  ks.volume = s.box.volume();
  for (int k = 0; k < b.n_lags; ++k) ks.time.push_back(k * in.sample_every * in.integ.dt * 1e-12);  // s
  ks.tracer_sq = b.tracer_sq;
  ks.collective_sq = b.collective_sq;
  ks.events.assign(b.n_blocks, 0);
  TransportOptions opt;
  opt.ion_charge = 1;
  const TransportResult tr = compute_transport(ks, opt);

  nlohmann::json j;
  j["input"] = input_path;
  j["atoms"] = s.n_atoms();
  j["mobile"] = in.mobile;
  j["n_ions"] = b.n_ions;
  j["temperature_K"] = in.integ.temperature;
  j["production_ps"] = in.steps * in.integ.dt;
  j["blocks"] = b.n_blocks;
  j["D_tracer_cm2_s"] = estimate_json(tr.d_tracer);
  j["D_collective_cm2_s"] = estimate_json(tr.d_collective);
  j["haven_ratio"] = value_json(tr.haven);
  j["sigma_S_cm"] = value_json(tr.sigma);
  j["notes"] = tr.notes;
  const auto t = integ.thermo();
  j["final"] = {{"temperature_K", t.temperature}, {"pe_eV", t.pe}, {"pressure_GPa", t.pressure}, {"conserved_eV", t.conserved}};
  if (hops) {
    // empirical rate per hop class: hops per mobile ion per second of production
    const double t_s = in.steps * in.integ.dt * 1e-12;
    const auto per_class = hops->hops_per_class();
    nlohmann::json hc = nlohmann::json::array();
    for (size_t c = 0; c < per_class.size(); ++c) {
      const HopClass& h = net.hop_classes[c];
      hc.push_back({{"class", c},
                    {"sites", net.site_classes[h.site_class_a].label + "-" + net.site_classes[h.site_class_b].label},
                    {"length_A", h.length},
                    {"bottleneck_radius_A", h.bottleneck_radius},
                    {"hops", per_class[c]},
                    {"rate_per_ion_s", per_class[c] / (b.n_ions * t_s)}});
    }
    std::vector<std::string> site_labels;
    for (const auto& st : net.sites) site_labels.push_back(net.site_classes[st.site_class].label);
    nlohmann::json ev = nlohmann::json::array();  // see doc/md-input.md
    for (const auto& e : hops->events())
      ev.push_back({e.ion, e.from, e.to, e.hop_class, e.time, e.through ? 1 : 0, e.via, e.via_distance, e.via_occupied});
    j["hop_events"] = {{"columns", {"ion", "from_site", "to_site", "hop_class", "time_ps", "through", "via_site",
                                    "via_distance_A", "via_occupied"}},
                       {"rows", ev}};
    j["hops"] = {{"capture_radius_A", in.hop_capture_radius},
                 {"every_steps", in.hop_every},
                 {"site_class_of_site", site_labels},
                 {"total", hops->events().size()},
                 {"off_network", hops->off_network_hops()},
                 {"through", hops->through_hops()},
                 {"per_class", hc}};
    fmt::print("hops: {} on the network ({} of them through a third site's region), {} off the network (capture radius {} Å)\n",
               hops->events().size() - hops->off_network_hops(), hops->through_hops(), hops->off_network_hops(),
               in.hop_capture_radius);
  }
  std::ofstream(base + "_md.json") << j.dump(2) << "\n";
  fmt::print("D* = {:.3e} ± {:.1e} cm²/s, D_J = {:.3e} ± {:.1e} cm²/s, H_R = {:.3f} ± {:.3f}, σ = {:.3e} ± {:.1e} S/cm\n",
             tr.d_tracer.value, tr.d_tracer.stderr_, tr.d_collective.value, tr.d_collective.stderr_, tr.haven.value,
             tr.haven.err, tr.sigma.value, tr.sigma.err);
  log::info("md: wrote {}_thermo.csv, {}_md.json{}", base, base, xyz ? ", " + base + ".xyz" : "");
  if (in.h5_every > 0) write_h5_trajectory(base + "_traj.h5", s, h5_pos, h5_time, hops);
  if (hops) rates.push_back({T, hops->directed_hops(), hops->directed_exposure()});
}

int run_md(const std::string& input_path, const std::string& out_override) {
  KokkosGuard kokkos;
  MdInput in = read_md_input(input_path);
  if (!out_override.empty()) in.out_dir = out_override;
  std::filesystem::create_directories(in.out_dir);
  const std::string base = (std::filesystem::path(in.out_dir) / in.prefix).string();
  const md::ForceField ff = md::read_force_field(in.potential_file);
  const Crystal unit = read_structure(in.structure_file);
  SiteNetwork net;
  std::vector<md::DirectedRates> rates;
  for (double T : in.temperatures) {
    const std::string b = in.temperatures.size() == 1 ? base : fmt::format("{}_T{:g}", base, T);
    log::info("md: T = {} K", T);
    run_one(in, T, input_path, unit, ff, b, net, rates);
  }
  if (rates.size() >= 2) {
    const md::RateModel m = md::lattice_gas_from_md(net, rates, "input " + input_path);
    if (m.valid) {
      std::ofstream(base + "_rate_model.toml") << m.toml;
      fmt::print("lattice-gas model from the MD hop rates: {}_rate_model.toml\n", base);
    }
    for (const auto& n : m.notes) log::warn("rate model: {}", n);
  }
  return 0;
}

}  // namespace

void add_md_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("md", "Molecular dynamics of a decorated supercell (DSF or Ewald), transport from MSDs");
  auto input = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("input", *input, "Input TOML file (doc/md-input.md)")->required();
  cmd->add_option("-o,--output", *out, "Output directory (overrides [output] directory)");
  cmd->callback([input, out] { run_md(*input, *out); });
}

}  // namespace ionhop::app
