// The HDF5 output of a run; layout documented in doc/output.md (keep them in step).
#include <fmt/format.h>

#include "engine/io/hdf5_handles.hpp"
#include "engine/io/results_table.hpp"
#include "engine/io/writers.hpp"

namespace ionhop {

namespace {
using std::int64_t;

std::vector<double> flatten(const std::vector<Vec3>& v) {
  std::vector<double> out;
  for (const auto& x : v) out.insert(out.end(), x.begin(), x.end());
  return out;
}
std::vector<double> lattice_rows(const Lattice& l) { return flatten({l.rows[0], l.rows[1], l.rows[2]}); }

void write_structure(hid_t file, const Crystal& c) {
  auto g = h5::create_group(file, "structure");
  h5::attr(g.id(), "source", c.source);
  h5::attr(g.id(), "title", c.title);
  h5::attr(g.id(), "formula", c.sites.empty() ? std::string() : c.formula());
  h5::attr(g.id(), "space_group_number", static_cast<int64_t>(c.symmetry.number));
  h5::attr(g.id(), "space_group_symbol", c.symmetry.international);
  h5::write(g.id(), "lattice_A", lattice_rows(c.lattice), {3, 3});
  std::vector<std::string> labels, occupants;
  std::vector<Vec3> frac;
  for (const auto& s : c.sites) {
    labels.push_back(s.label);
    std::string occ;
    for (const auto& o : s.occupants)
      occ += fmt::format("{}{}:{:g}:{:+d}", occ.empty() ? "" : ",", o.element, o.occupancy, o.oxidation);
    occupants.push_back(occ);
    frac.push_back(s.frac);
  }
  h5::write(g.id(), "site_label", labels);
  h5::write(g.id(), "site_occupants", occupants);
  h5::write(g.id(), "site_frac", flatten(frac), {frac.size(), 3});
  std::vector<int> atom_site;
  std::vector<Vec3> atom_frac;
  for (const auto& a : c.atoms) atom_site.push_back(a.site), atom_frac.push_back(a.frac);
  h5::write(g.id(), "atom_site", atom_site);
  h5::write(g.id(), "atom_frac", flatten(atom_frac), {atom_frac.size(), 3});
}

void write_network(hid_t file, const SiteNetwork& n) {
  auto g = h5::create_group(file, "network");
  h5::attr(g.id(), "species", n.species);
  h5::attr(g.id(), "cutoff_A", n.cutoff);
  h5::attr(g.id(), "min_bottleneck_A", n.min_bottleneck);
  h5::attr(g.id(), "dropped_hops", static_cast<int64_t>(n.dropped_hops));
  h5::attr(g.id(), "percolation_dimensionality", static_cast<int64_t>(n.percolation.dimensionality));
  h5::attr(g.id(), "percolation_radius_A",
           std::vector<double>{n.percolation.radius_1d, n.percolation.radius_2d, n.percolation.radius_3d});
  h5::write(g.id(), "lattice_A", lattice_rows(n.lattice), {3, 3});
  std::vector<std::string> label;
  std::vector<int> site_class;
  std::vector<Vec3> frac;
  for (const auto& s : n.sites) label.push_back(s.label), site_class.push_back(s.site_class), frac.push_back(s.frac);
  h5::write(g.id(), "site_label", label);
  h5::write(g.id(), "site_class", site_class);
  h5::write(g.id(), "site_frac", flatten(frac), {frac.size(), 3});
  std::vector<int> from, to, cls, image;
  std::vector<double> length, radius;
  std::vector<Vec3> vec;
  for (const auto& h : n.hops) {
    from.push_back(h.from), to.push_back(h.to), cls.push_back(h.hop_class);
    image.insert(image.end(), h.image.begin(), h.image.end());
    length.push_back(h.length), radius.push_back(h.bottleneck_radius), vec.push_back(h.vector);
  }
  const hsize_t nh = n.hops.size();
  h5::write(g.id(), "hop_from", from);
  h5::write(g.id(), "hop_to", to);
  h5::write(g.id(), "hop_class", cls);
  h5::write(g.id(), "hop_image", image, {nh, 3});
  h5::write(g.id(), "hop_vector_A", flatten(vec), {nh, 3});
  h5::write(g.id(), "hop_length_A", length);
  h5::write(g.id(), "hop_bottleneck_radius_A", radius);
  std::vector<int> ca, cb, pa, pb;
  std::vector<double> cl, cr;
  for (const auto& c : n.hop_classes) {
    ca.push_back(c.site_class_a), cb.push_back(c.site_class_b), pa.push_back(c.per_site_a), pb.push_back(c.per_site_b);
    cl.push_back(c.length), cr.push_back(c.bottleneck_radius);
  }
  h5::write(g.id(), "class_site_class_a", ca);
  h5::write(g.id(), "class_site_class_b", cb);
  h5::write(g.id(), "class_per_site_a", pa);
  h5::write(g.id(), "class_per_site_b", pb);
  h5::write(g.id(), "class_length_A", cl);
  h5::write(g.id(), "class_bottleneck_radius_A", cr);
  std::vector<std::string> site_class_label;
  for (const auto& c : n.site_classes) site_class_label.push_back(c.label);
  h5::write(g.id(), "site_class_label", site_class_label);
}

void write_fit(hid_t g, const std::string& p, const ArrheniusFit& f) {
  h5::attr(g, p + "valid", static_cast<int64_t>(f.valid));
  h5::attr(g, p + "reliable", static_cast<int64_t>(f.reliable));
  h5::attr(g, p + "Ea_eV", f.ea);
  h5::attr(g, p + "Ea_err_eV", f.ea_err);
  h5::attr(g, p + "ln_prefactor", f.ln_prefactor);
  h5::attr(g, p + "ln_prefactor_err", f.ln_prefactor_err);
  h5::attr(g, p + "cov_Ea_ln_prefactor", f.covariance);
  h5::attr(g, p + "n_points", static_cast<int64_t>(f.n_points));
  h5::attr(g, p + "weighted", static_cast<int64_t>(f.weighted));
  h5::attr(g, p + "note", f.note);
}

void write_temperature(hid_t parent, const std::string& name, const TemperatureReport& t) {
  auto g = h5::create_group(parent, name);
  const auto& s = t.samples;
  const auto& r = t.transport;
  const hsize_t nr = s.n_replicas, nt = s.time.size(), nc = s.n_classes;
  h5::attr(g.id(), "temperature_K", r.temperature);
  h5::attr(g.id(), "partial", static_cast<int64_t>(s.partial));
  h5::attr(g.id(), "n_replicas", static_cast<int64_t>(s.n_replicas));
  h5::attr(g.id(), "n_ions", static_cast<int64_t>(s.n_ions));
  h5::attr(g.id(), "n_sites", static_cast<int64_t>(s.n_sites));
  h5::attr(g.id(), "volume_A3", s.volume);
  h5::attr(g.id(), "equilibration_rate_per_ion_per_s", t.equilibration_rate);
  h5::attr(g.id(), "wall_seconds", t.wall_seconds);
  h5::attr(g.id(), "D_tracer_cm2_s", r.d_tracer.value);
  h5::attr(g.id(), "D_tracer_err_cm2_s", r.d_tracer.stderr_);
  h5::attr(g.id(), "D_collective_cm2_s", r.d_collective.value);
  h5::attr(g.id(), "D_collective_err_cm2_s", r.d_collective.stderr_);
  h5::attr(g.id(), "haven_ratio", r.haven.value);
  h5::attr(g.id(), "haven_ratio_err", r.haven.err);
  h5::attr(g.id(), "correlation_factor", r.correlation_factor.value);
  h5::attr(g.id(), "correlation_factor_err", r.correlation_factor.err);
  h5::attr(g.id(), "D_uncorrelated_cm2_s", r.d_uncorrelated);
  h5::attr(g.id(), "sigma_S_cm", r.sigma.value);
  h5::attr(g.id(), "sigma_err_S_cm", r.sigma.err);
  h5::attr(g.id(), "sigma_tracer_S_cm", r.sigma_tracer.value);
  h5::attr(g.id(), "sigma_tracer_err_S_cm", r.sigma_tracer.err);
  h5::attr(g.id(), "collective_noisy", static_cast<int64_t>(r.collective_noisy));
  h5::write(g.id(), "time_s", s.time);
  h5::write(g.id(), "msd_tracer_A2", t.msd.tracer, {nt, 4});
  h5::write(g.id(), "msd_tracer_err_A2", t.msd.tracer_err, {nt, 4});
  h5::write(g.id(), "msd_collective_A2", t.msd.collective, {nt, 4});
  h5::write(g.id(), "msd_collective_err_A2", t.msd.collective_err, {nt, 4});
  h5::write(g.id(), "replica_tracer_sq_A2", s.tracer_sq, {nr, nt, 3});
  h5::write(g.id(), "replica_collective_sq_A2", s.collective_sq, {nr, nt, 3});
  h5::write(g.id(), "replica_hops_per_class", s.hops_per_class, {nr, nc});
  h5::write(g.id(), "replica_events", s.events);
  h5::write(g.id(), "hops_per_class", r.hops_per_class);
  h5::write(g.id(), "hop_rate_per_class_per_s", r.hop_rate_per_class);
  h5::write(g.id(), "bottleneck_edges_A", t.bottlenecks.edges);
  h5::write(g.id(), "bottleneck_available", t.bottlenecks.available);
  h5::write(g.id(), "bottleneck_executed", t.bottlenecks.executed);
  if (!t.site_occupancy.empty()) {
    std::vector<std::string> labels;
    std::vector<double> mean, err;
    for (const auto& o : t.site_occupancy) labels.push_back(o.label), mean.push_back(o.mean), err.push_back(o.err);
    h5::write(g.id(), "site_class_labels", labels);
    h5::write(g.id(), "site_occupancy", mean);
    h5::write(g.id(), "site_occupancy_err", err);
    h5::write(g.id(), "replica_ions_per_site_class", s.ions_per_site_class,
              {nr, static_cast<hsize_t>(s.n_site_classes)});
  }
  if (const DopantHopStats& d = t.dopant_hops; d.present) {
    auto dg = h5::create_group(g.id(), "dopant_hops");
    h5::attr(dg.id(), "executed_near", static_cast<int64_t>(d.executed_near));
    h5::attr(dg.id(), "executed_far", static_cast<int64_t>(d.executed_far));
    h5::attr(dg.id(), "available_near", static_cast<int64_t>(d.available_near));
    h5::attr(dg.id(), "available", static_cast<int64_t>(d.available));
    h5::attr(dg.id(), "replicas_used", static_cast<int64_t>(d.replicas_used));
    h5::attr(dg.id(), "near_fraction", d.near_fraction);
    h5::attr(dg.id(), "near_fraction_err", d.near_fraction_err);
    h5::attr(dg.id(), "available_near_fraction", d.available_fraction);
    h5::attr(dg.id(), "enrichment", d.enrichment);
    h5::attr(dg.id(), "enrichment_err", d.enrichment_err);
    h5::write(dg.id(), "replica_hops_near", s.hops_near_dopant);
    h5::write(dg.id(), "replica_hops_far", s.hops_far_from_dopant);
    h5::write(dg.id(), "replica_available_near", s.available_near_dopant);
    h5::write(dg.id(), "replica_available", s.available_hops);
  }
  h5::write(g.id(), "notes", r.notes);
}

void write_file(const RunReport& rep, const std::string& path) {
  auto f = h5::create_file(path);
  const hid_t root = f.id();
  h5::attr(root, "format", std::string("ionhop-kmc-1"));
  h5::attr(root, "ionhop_version", rep.version);
  h5::attr(root, "partial", static_cast<int64_t>(rep.partial));
  h5::attr(root, "input_file", rep.input_file);
  h5::attr(root, "species", rep.species);
  h5::attr(root, "ion_charge", rep.ion_charge);
  h5::attr(root, "model_kind", rep.model_kind);
  h5::attr(root, "model_file", rep.model_file);
  h5::attr(root, "seed", static_cast<int64_t>(rep.seed));
  h5::attr(root, "n_replicas", static_cast<int64_t>(rep.n_replicas));
  h5::attr(root, "n_ranks", static_cast<int64_t>(rep.n_ranks));
  h5::attr(root, "kokkos_backend", rep.kokkos_backend);
  h5::attr(root, "threads", static_cast<int64_t>(rep.threads));
  h5::attr(root, "supercell", std::vector<int64_t>{rep.supercell[0], rep.supercell[1], rep.supercell[2]});
  h5::attr(root, "fit_start_fraction", rep.fit_start_fraction);
  h5::write(root, "input_toml", rep.input_text);
  h5::write(root, "notes", rep.notes);
  write_structure(root, rep.crystal);
  write_network(root, rep.network);
  {
    auto g = h5::create_group(root, "results");
    for (const auto& c : results_table(rep)) {
      h5::write(g.id(), c.name, c.values);
      auto d = h5::open_dataset(g.id(), c.name);
      h5::attr(d.id(), "description", c.description);
    }
  }
  {
    auto g = h5::create_group(root, "arrhenius");
    write_fit(g.id(), "sigma_", rep.arrhenius_sigma);
    write_fit(g.id(), "sigmaT_", rep.arrhenius_sigma_T);
  }
  {
    auto temps = h5::create_group(root, "temperatures");
    for (std::size_t i = 0; i < rep.temperatures.size(); ++i)
      write_temperature(temps.id(), fmt::format("{:03d}", i), rep.temperatures[i]);
  }
  h5::close_file(f, path);  // every object is closed: a failure to complete the file shows here
}
}  // namespace

void write_hdf5(const RunReport& report, const std::string& path) {
  write_atomically(path, [&](const std::string& tmp) { write_file(report, tmp); });
}

}  // namespace ionhop
