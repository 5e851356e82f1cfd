// JSON summary and CSV table of a run (doc/output.md). NaN (not estimable) is JSON null and an
// empty CSV field.
#include <cmath>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/core/error.hpp"
#include "engine/io/results_table.hpp"
#include "engine/io/writers.hpp"

namespace ionhop {

namespace {
using json = nlohmann::ordered_json;

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
json value_err(double v, double e) { return json{{"value", num(v)}, {"err", num(e)}}; }

json fit_json(const ArrheniusFit& f, const std::string& prefactor_unit) {
  return json{{"valid", f.valid},
              {"reliable", f.reliable},
              {"Ea_eV", value_err(f.ea, f.ea_err)},
              {"ln_prefactor", value_err(f.ln_prefactor, f.ln_prefactor_err)},
              {"prefactor_unit", prefactor_unit},
              {"n_points", f.n_points},
              {"weighted", f.weighted},
              {"note", f.note}};
}

void open_and_write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) fail("{}: cannot open for writing", path);
  out << text;
  out.close();
  if (!out) fail("{}: write failed", path);
}

json dopant_json(const DopantHopStats& d) {
  if (!d.present) return json(nullptr);
  return json{{"executed_near", d.executed_near},
              {"executed_far", d.executed_far},
              {"available_near", d.available_near},
              {"available", d.available},
              {"replicas_used", d.replicas_used},
              {"near_fraction", value_err(d.near_fraction, d.near_fraction_err)},
              {"available_near_fraction", num(d.available_fraction)},
              {"enrichment", value_err(d.enrichment, d.enrichment_err)}};
}

std::string csv_field(double v) { return std::isfinite(v) ? fmt::format("{:.10g}", v) : std::string(); }
}  // namespace

void write_json(const RunReport& rep, const std::string& path) {
  json j;
  j["format"] = "ionhop-kmc-1";
  j["ionhop_version"] = rep.version;
  j["partial"] = rep.partial;
  j["input_file"] = rep.input_file;
  j["structure"] = {{"source", rep.crystal.source},
                    {"formula", rep.crystal.sites.empty() ? std::string() : rep.crystal.formula()},
                    {"space_group", rep.crystal.symmetry.international}};
  j["species"] = rep.species;
  j["ion_charge"] = rep.ion_charge;
  j["model"] = {{"kind", rep.model_kind}, {"file", rep.model_file}};
  j["supercell"] = rep.supercell;
  j["seed"] = rep.seed;
  j["n_replicas"] = rep.n_replicas;
  j["n_ranks"] = rep.n_ranks;
  j["kokkos_backend"] = rep.kokkos_backend;
  j["threads"] = rep.threads;
  json temps = json::array();
  for (const auto& tr : rep.temperatures) {
    const auto& t = tr.transport;
    json hops = json::array();
    for (auto h : t.hops_per_class) hops.push_back(h);
    json rates = json::array();
    for (auto r : t.hop_rate_per_class) rates.push_back(num(r));
    json occupancy = json::array();
    for (const auto& o : tr.site_occupancy)
      occupancy.push_back(json{{"label", o.label}, {"sites", o.sites}, {"occupancy", value_err(o.mean, o.err)}});
    temps.push_back(json{{"T_K", t.temperature},
                         {"partial", tr.samples.partial},
                         {"n_replicas", t.n_replicas},
                         {"n_ions", t.n_ions},
                         {"volume_A3", t.volume},
                         {"production_time_s", num(t.production_time)},
                         {"D_tracer_cm2_s", value_err(t.d_tracer.value, t.d_tracer.stderr_)},
                         {"D_collective_cm2_s", value_err(t.d_collective.value, t.d_collective.stderr_)},
                         {"haven_ratio", value_err(t.haven.value, t.haven.err)},
                         {"correlation_factor", value_err(t.correlation_factor.value, t.correlation_factor.err)},
                         {"D_uncorrelated_cm2_s", num(t.d_uncorrelated)},
                         {"sigma_S_cm", value_err(t.sigma.value, t.sigma.err)},
                         {"sigma_mS_cm", value_err(1e3 * t.sigma.value, 1e3 * t.sigma.err)},
                         {"sigma_tracer_S_cm", value_err(t.sigma_tracer.value, t.sigma_tracer.err)},
                         {"collective_noisy", t.collective_noisy},
                         {"hops_per_class", hops},
                         {"hop_rate_per_class_per_s", rates},
                         {"site_occupancy", occupancy},
                         {"dopant_hops", dopant_json(tr.dopant_hops)},
                         {"notes", t.notes}});
  }
  j["temperatures"] = temps;
  j["arrhenius"] = {{"sigma", fit_json(rep.arrhenius_sigma, "S/cm")},
                    {"sigma_T", fit_json(rep.arrhenius_sigma_T, "S K/cm")}};
  j["notes"] = rep.notes;
  write_atomically(path, [&](const std::string& tmp) { open_and_write(tmp, j.dump(2) + "\n"); });
}

void write_csv(const RunReport& rep, const std::string& path) {
  const auto cols = results_table(rep);
  std::string text;
  for (std::size_t c = 0; c < cols.size(); ++c) text += (c ? "," : "") + cols[c].name;
  text += "\n";
  for (std::size_t r = 0; r < rep.temperatures.size(); ++r) {
    for (std::size_t c = 0; c < cols.size(); ++c) text += (c ? "," : "") + csv_field(cols[c].values[r]);
    text += "\n";
  }
  write_atomically(path, [&](const std::string& tmp) { open_and_write(tmp, text); });
}

void write_text_atomically(const std::string& path, const std::string& text) {
  try {
    write_atomically(path, [&](const std::string& tmp) { open_and_write(tmp, text); });
  } catch (const OutputError&) {
    throw;
  } catch (const Error& e) {
    throw OutputError(e.what());
  }
}

}  // namespace ionhop
