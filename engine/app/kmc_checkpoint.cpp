// HDF5 form of the KMC checkpoint (layout in doc/output.md §Checkpoint).
#include "engine/app/kmc_checkpoint.hpp"

#include <fmt/format.h>

#include "engine/core/error.hpp"
#include "engine/io/hdf5_read.hpp"
#include "engine/io/writers.hpp"

namespace ionhop::app {

namespace {

constexpr const char* kFormat = "ionhop-kmc-checkpoint";
constexpr std::int64_t kVersion = 4;  // 2: replica array equilibration_end; 3: ions_per_site_class; 4: dopant hops

using h5::Handle;

void write_samples(hid_t g, const TemperatureBatch& b) {
  const KmcSamples& s = b.samples;
  const auto nr = static_cast<hsize_t>(s.n_replicas), nt = static_cast<hsize_t>(s.time.size());
  h5::attr(g, "temperature_K", s.temperature);
  h5::attr(g, "n_replicas", std::int64_t{s.n_replicas});
  h5::attr(g, "first_replica", std::int64_t{s.first_replica});
  h5::attr(g, "n_ions", std::int64_t{s.n_ions});
  h5::attr(g, "n_sites", std::int64_t{s.n_sites});
  h5::attr(g, "n_classes", std::int64_t{s.n_classes});
  h5::attr(g, "volume_A3", s.volume);
  h5::attr(g, "partial", std::int64_t{s.partial ? 1 : 0});
  h5::attr(g, "wall_seconds", b.wall_seconds);
  h5::write(g, "time_s", s.time);
  h5::write(g, "tracer_sq", s.tracer_sq, {nr, nt, 3});
  h5::write(g, "collective_sq", s.collective_sq, {nr, nt, 3});
  h5::write(g, "hops_per_class", s.hops_per_class, {nr, static_cast<hsize_t>(s.n_classes)});
  h5::write(g, "events", s.events);
  h5::attr(g, "n_site_classes", std::int64_t{s.n_site_classes});
  h5::write(g, "ions_per_site_class", s.ions_per_site_class);
  h5::write(g, "hops_near_dopant", s.hops_near_dopant);
  h5::write(g, "hops_far_from_dopant", s.hops_far_from_dopant);
  h5::write(g, "available_near_dopant", s.available_near_dopant);
  h5::write(g, "available_hops", s.available_hops);
  h5::write(g, "equilibration_rates", b.rates);
}

TemperatureBatch read_samples(hid_t g, int index) {
  TemperatureBatch b;
  b.index = index;
  KmcSamples& s = b.samples;
  s.temperature = h5::attr_double(g, "temperature_K");
  s.n_replicas = static_cast<int>(h5::attr_int(g, "n_replicas"));
  s.first_replica = static_cast<int>(h5::attr_int(g, "first_replica"));
  s.n_ions = static_cast<int>(h5::attr_int(g, "n_ions"));
  s.n_sites = static_cast<int>(h5::attr_int(g, "n_sites"));
  s.n_classes = static_cast<int>(h5::attr_int(g, "n_classes"));
  s.volume = h5::attr_double(g, "volume_A3");
  s.partial = h5::attr_int(g, "partial") != 0;
  b.wall_seconds = h5::attr_double(g, "wall_seconds");
  s.time = h5::read_doubles(g, "time_s");
  s.tracer_sq = h5::read_doubles(g, "tracer_sq");
  s.collective_sq = h5::read_doubles(g, "collective_sq");
  s.hops_per_class = h5::read_int64s(g, "hops_per_class");
  s.events = h5::read_int64s(g, "events");
  s.n_site_classes = static_cast<int>(h5::attr_int(g, "n_site_classes"));
  s.ions_per_site_class = h5::read_int64s(g, "ions_per_site_class");
  s.hops_near_dopant = h5::read_int64s(g, "hops_near_dopant");
  s.hops_far_from_dopant = h5::read_int64s(g, "hops_far_from_dopant");
  s.available_near_dopant = h5::read_int64s(g, "available_near_dopant");
  s.available_hops = h5::read_int64s(g, "available_hops");
  b.rates = h5::read_doubles(g, "equilibration_rates");
  const auto nr = static_cast<size_t>(s.n_replicas);
  if (s.tracer_sq.size() != nr * s.time.size() * 3 || s.collective_sq.size() != s.tracer_sq.size() ||
      s.hops_per_class.size() != nr * static_cast<size_t>(s.n_classes) || s.events.size() != nr || b.rates.size() != nr ||
      (!s.ions_per_site_class.empty() && s.ions_per_site_class.size() != nr * static_cast<size_t>(s.n_site_classes)))
    fail("temperature {}: sample arrays of inconsistent sizes", index);
  const size_t nd = s.hops_near_dopant.size();
  if ((nd != 0 && nd != nr) || s.hops_far_from_dopant.size() != nd || s.available_near_dopant.size() != nd ||
      s.available_hops.size() != nd)
    fail("temperature {}: sample arrays of inconsistent sizes", index);
  return b;
}

void write_state(hid_t parent, const ReplicaArrays& st) {
  Handle g = h5::create_group(parent, "state");
  h5::attr(g.id(), "first_replica", std::int64_t{st.first_replica});
  h5::attr(g.id(), "n_replicas", std::int64_t{st.n_replicas});
  std::string names;
  for (const auto& a : st.arrays) {
    names += (names.empty() ? "" : ",") + a.name;
    const std::size_t n = a.bytes.size() / element_size(a.type);
    h5::write_raw(g.id(), a.name, a.type, a.bytes.data(), n, {static_cast<hsize_t>(st.n_replicas), a.per_replica});
    h5::attr(h5::open_dataset(g.id(), a.name).id(), "element_type", std::int64_t{static_cast<int>(a.type)});
  }
  h5::attr(g.id(), "arrays", names);
}

ReplicaArrays read_state(hid_t parent) {
  Handle g = h5::open_group(parent, "state");
  ReplicaArrays st;
  st.first_replica = static_cast<int>(h5::attr_int(g.id(), "first_replica"));
  st.n_replicas = static_cast<int>(h5::attr_int(g.id(), "n_replicas"));
  const std::string names = h5::attr_string(g.id(), "arrays");
  std::size_t pos = 0;
  while (pos < names.size()) {
    const std::size_t end = std::min(names.find(',', pos), names.size());
    ReplicaArray a;
    a.name = names.substr(pos, end - pos);
    pos = end + 1;
    const auto type = h5::attr_int(h5::open_dataset(g.id(), a.name).id(), "element_type");
    if (type < 0 || type > static_cast<int>(ElementType::u8)) fail("state array {}: unknown element type {}", a.name, type);
    a.type = static_cast<ElementType>(type);
    const auto d = h5::dims(g.id(), a.name);
    if (d.size() != 2 || d[0] != static_cast<hsize_t>(st.n_replicas)) fail("state array {}: shape is not (replicas, n)", a.name);
    a.per_replica = d[1];
    a.bytes = h5::read_raw(g.id(), a.name, a.type);
    st.arrays.push_back(std::move(a));
  }
  return st;
}

}  // namespace

void write_kmc_checkpoint(const KmcCheckpoint& c, const std::string& path) {
  write_atomically(path, [&](const std::string& tmp) {
    Handle f = h5::create_file(tmp);
    h5::attr(f.id(), "format", std::string(kFormat));
    h5::attr(f.id(), "format_version", kVersion);
    h5::attr(f.id(), "ionhop_version", std::string(IONHOP_VERSION));
    h5::attr(f.id(), "input_fingerprint", fingerprint_json(c.input));
    h5::attr(f.id(), "n_temperatures", std::int64_t{c.n_temperatures});
    h5::attr(f.id(), "n_replicas", std::int64_t{c.n_replicas});
    for (const auto& b : c.done) {
      Handle g = h5::create_group(f.id(), fmt::format("done_{}", b.index));
      write_samples(g.id(), b);
    }
    for (const auto& r : c.running) {
      Handle g = h5::create_group(f.id(), fmt::format("running_{}", r.index));
      h5::attr(g.id(), "phase", std::string(r.phase.kind == EnsemblePhase::production ? "production" : "equilibration"));
      h5::attr(g.id(), "target_events", r.phase.target_events);
      h5::attr(g.id(), "wall_seconds", r.wall_seconds);
      h5::write(g.id(), "grid_s", r.phase.grid);
      h5::write(g.id(), "equilibration_rates", r.rates);
      write_state(g.id(), r.state);
    }
    h5::close_file(f, tmp);
  });
}

KmcCheckpoint read_kmc_checkpoint(const std::string& path) {
  KmcCheckpoint c;
  try {
    Handle f = h5::open_file(path);
    if (!H5Aexists(f.id(), "format") || h5::attr_string(f.id(), "format") != kFormat)
      fail("not an ionhop KMC checkpoint (no format = \"{}\")", kFormat);
    const auto version = h5::attr_int(f.id(), "format_version");
    if (version != kVersion) fail("checkpoint format {} (this ionhop reads format {})", version, kVersion);
    c.input = fingerprint_from_json(h5::attr_string(f.id(), "input_fingerprint"));
    c.n_temperatures = static_cast<int>(h5::attr_int(f.id(), "n_temperatures"));
    c.n_replicas = static_cast<int>(h5::attr_int(f.id(), "n_replicas"));
    for (int i = 0; i < c.n_temperatures; ++i) {
      if (const std::string name = fmt::format("done_{}", i); h5::has(f.id(), name)) {
        Handle g = h5::open_group(f.id(), name);
        c.done.push_back(read_samples(g.id(), i));
      } else if (const std::string run = fmt::format("running_{}", i); h5::has(f.id(), run)) {
        Handle g = h5::open_group(f.id(), run);
        RunningTemperature r;
        r.index = i;
        const std::string phase = h5::attr_string(g.id(), "phase");
        r.phase.kind = phase == "production" ? EnsemblePhase::production : EnsemblePhase::equilibration;
        r.phase.target_events = h5::attr_int(g.id(), "target_events");
        r.phase.grid = h5::read_doubles(g.id(), "grid_s");
        r.rates = h5::read_doubles(g.id(), "equilibration_rates");
        r.wall_seconds = h5::attr_double(g.id(), "wall_seconds");
        r.state = read_state(g.id());
        if (r.state.n_replicas != c.n_replicas) fail("temperature {}: state of {} replicas, expected {}", i, r.state.n_replicas, c.n_replicas);
        c.running.push_back(std::move(r));
      }
    }
  } catch (const Error& e) {
    fail("{}: {}", path, e.what());
  }
  return c;
}

}  // namespace ionhop::app
