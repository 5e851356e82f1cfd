#include "engine/app/screen_rows.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "engine/app/input_fingerprint.hpp"
#include "engine/crystal/elements.hpp"
#include "engine/core/error.hpp"
#include "engine/io/hdf5_handles.hpp"
#include "engine/io/writers.hpp"

namespace ionhop::app {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kRowFormat = 2;  // the layout of a row (fields and their meaning); part of its hash

json fit_json(const ArrheniusFit& f) {
  return {{"valid", f.valid}, {"reliable", f.reliable}, {"ea_eV", f.valid ? json(f.ea) : json()},
          {"ea_err_eV", f.valid ? json(f.ea_err) : json()}, {"ln_prefactor", f.valid ? json(f.ln_prefactor) : json()},
          {"n_points", f.n_points}, {"note", f.note}};
}

double num(const json& v) { return v.is_number() ? v.get<double>() : NAN; }

// σ and its error at T_rank (NaN when the row has no such temperature or no σ).
std::pair<double, double> sigma_at(const json& row, double T) {
  const auto& ts = row.at("temperatures");
  for (size_t i = 0; i < ts.size(); ++i)
    if (ts[i].get<double>() == T) return {num(row["sigma_S_cm"][i]), num(row["sigma_err_S_cm"][i])};
  return {NAN, NAN};
}

// A column of the table: numbers or strings, one per ranked row.
struct Col {
  std::string name, description;
  std::vector<double> x;
  std::vector<std::string> s;
};

std::vector<Col> table_columns(const ScreenTable& t) {
  std::vector<Col> c;
  auto text = [&](const std::string& n, const std::string& d, auto f) {
    Col k{n, d, {}, {}};
    for (const auto& r : t.rows) k.s.push_back(f(r));
    c.push_back(std::move(k));
  };
  auto number = [&](const std::string& n, const std::string& d, auto f) {
    Col k{n, d, {}, {}};
    for (const auto& r : t.rows) k.x.push_back(f(r));
    c.push_back(std::move(k));
  };
  number("rank", "1 = highest sigma at the rank temperature", [](const json& r) { return num(r["rank"]); });
  text("id", "composition id (rows/<id>.json, runs/<id>/)", [](const json& r) { return r["id"].get<std::string>(); });
  text("series", "series it belongs to, '+'-separated", [](const json& r) {
    std::string s;
    for (const auto& x : r["series"]) s += (s.empty() ? "" : "+") + x.get<std::string>();
    return s;
  });
  text("formula", "simulated formula per formula unit", [](const json& r) { return r["formula"].get<std::string>(); });
  number("n_ions", "mobile ions per supercell", [](const json& r) { return num(r["n_ions"]); });
  number("sigma_rank_S_cm", "sigma at the rank temperature, S/cm", [&](const json& r) { return sigma_at(r, t.rank_temperature).first; });
  number("sigma_rank_err_S_cm", "its standard error, S/cm", [&](const json& r) { return sigma_at(r, t.rank_temperature).second; });
  number("same_as_next", "1: sigma differs from the next row's by less than 2 combined standard errors",
         [](const json& r) { return r["same_as_next"].get<bool>() ? 1.0 : 0.0; });
  for (const auto& [key, tag] : {std::pair{"ea_sigma", "sigma"}, std::pair{"ea_sigma_T", "sigmaT"}}) {
    number(fmt::format("Ea_{}_eV", tag), fmt::format("Arrhenius energy of {}, eV", tag), [k = key](const json& r) { return num(r[k]["ea_eV"]); });
    number(fmt::format("Ea_{}_err_eV", tag), "its standard error, eV", [k = key](const json& r) { return num(r[k]["ea_err_eV"]); });
    number(fmt::format("Ea_{}_reliable", tag), "1: the fit means something (doc/output.md)",
           [k = key](const json& r) { return r[k]["reliable"].get<bool>() ? 1.0 : 0.0; });
  }
  // per temperature: the union of every row's temperatures (rows of one screen share them)
  std::vector<double> temps;
  for (const auto& r : t.rows)
    for (const auto& T : r["temperatures"]) temps.push_back(T.get<double>());
  std::sort(temps.begin(), temps.end());
  temps.erase(std::unique(temps.begin(), temps.end()), temps.end());
  const std::vector<std::pair<std::string, std::string>> per_t = {
      {"sigma_S_cm", "sigma from D_J, S/cm"}, {"sigma_err_S_cm", "its standard error, S/cm"},
      {"D_tracer_cm2_s", "tracer D*, cm2/s"}, {"D_tracer_err_cm2_s", "its standard error, cm2/s"},
      {"D_J_cm2_s", "collective D_J, cm2/s"}, {"D_J_err_cm2_s", "its standard error, cm2/s"},
      {"haven_ratio", "H_R = D*/D_J"}, {"haven_ratio_err", "its standard error"},
      {"bottleneck_mean_executed_A", "mean bottleneck radius of the executed hops, A"},
      {"dopant_near_fraction", "fraction of the executed hops within the dopant radius of a dopant"},
      {"dopant_near_fraction_err", "its standard error over replicas"},
      {"dopant_available_fraction", "fraction of the network's directed hops within it"},
      {"dopant_enrichment", "near fraction / available fraction (> 1: hops next to dopants used more than their share)"},
      {"dopant_enrichment_err", "its standard error"}};
  for (double T : temps)
    for (const auto& [key, d] : per_t)
      number(fmt::format("{}_{:g}K", key, T), fmt::format("{} at {:g} K", d, T), [T, k = key](const json& r) {
        const auto& ts = r["temperatures"];
        for (size_t i = 0; i < ts.size(); ++i)
          if (ts[i].get<double>() == T) {
            if (k.rfind("bottleneck", 0) == 0) return num(r["bottleneck"]["mean_executed_A"][i]);
            return r.contains(k) && r[k].size() > i ? num(r[k][i]) : double(NAN);  // rows of older versions lack some
          }
        return double(NAN);
      });
  for (const char* d : {"1D", "2D", "3D"})
    number(fmt::format("bvse_E_{}_eV", d), fmt::format("BVSE {} percolation energy of the structure, eV above E_min (raw, unscaled)", d),
           [d](const json& r) { return r["bvse"].is_null() ? NAN : num(r["bvse"]["percolation_energy_eV"][d]); });
  number("bvse_scale", "BVSE energy scale of the model", [](const json& r) { return r["bvse"].is_null() ? NAN : num(r["bvse"]["scale"]); });
  return c;
}

// The simulated composition per formula unit (the file's Z), dopants included: Na3.052Zr1.95Mg0.05Si2PO12.
// Counts per supercell are the same in every replica (decorate() rounds each dopant count once).
std::string screen_formula(const RunReport& rep, const CompositionSpec& spec, int n_ions) {
  const double cells = double(rep.supercell[0]) * rep.supercell[1] * rep.supercell[2];
  std::map<std::string, double> per_cell = rep.crystal.composition();
  const double sites = static_cast<double>(rep.network.n_sites()) * cells;
  for (const auto& d : spec.dopants) {
    const bool on_mobile = d.host == rep.species;
    const double hosts = on_mobile ? sites : std::round(per_cell[d.host] * cells);
    const double n = d.count >= 0 ? d.count : std::round(d.fraction * hosts);
    if (!on_mobile) per_cell[d.host] -= n / cells;
    per_cell[d.dopant] += n / cells;
  }
  per_cell[rep.species] = n_ions / cells;
  const double z = rep.crystal.formula_units > 0 ? rep.crystal.formula_units : 1;
  std::vector<std::pair<std::string, double>> order(per_cell.begin(), per_cell.end());
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return electronegativity(a.first) < electronegativity(b.first); });
  std::string f;
  for (const auto& [el, n] : order) {
    const double u = n / z;
    if (u < 5e-4) continue;
    std::string c = fmt::format("{:.3f}", u);  // at most three decimals, trailing zeros dropped
    c.erase(c.find_last_not_of('0') + 1);
    if (c.back() == '.') c.pop_back();
    f += el + (c == "1" ? "" : c);
  }
  return f;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

}  // namespace

std::string point_hash(const RunInput& in) {
  InputFingerprint f = in.fingerprint;
  f["screen.row_format"] = std::to_string(kRowFormat);  // rows of another layout are made again
  for (auto it = f.begin(); it != f.end();)  // where the outputs go, and a generated model's path, change nothing
    it = (it->first.rfind("output.", 0) == 0 || it->first == "model.file") ? f.erase(it) : std::next(it);
  return text_hash(fingerprint_json(f));
}

json screen_row(const ScreenPoint& p, const RunReport& rep, const CompositionSpec& spec, const std::string& hash,
                const json& bvse) {
  json r;
  r["id"] = p.id;
  r["series"] = p.series;
  r["hash"] = hash;
  r["structure"] = rep.crystal.source;
  const int n_ions = rep.temperatures.empty() ? 0 : rep.temperatures.front().samples.n_ions;
  r["n_ions"] = n_ions;
  r["formula"] = screen_formula(rep, spec, n_ions);
  r["dopants"] = p.dopant_species;
  json axes = json::object();
  for (const auto& [k, v] : p.axes) axes[k] = v;
  r["axes"] = axes;
  r["supercell"] = rep.supercell;
  r["replicas"] = rep.n_replicas;
  r["seed"] = rep.seed;
  json T = json::array(), bott_mean = json::array(), bott_exec = json::array(), edges, avail;
  std::map<std::string, json> cols;
  for (const auto& tr : rep.temperatures) {
    const auto& t = tr.transport;
    T.push_back(t.temperature);
    cols["sigma_S_cm"].push_back(t.sigma.value);
    cols["sigma_err_S_cm"].push_back(t.sigma.err);
    cols["D_tracer_cm2_s"].push_back(t.d_tracer.value);
    cols["D_tracer_err_cm2_s"].push_back(t.d_tracer.stderr_);
    cols["D_J_cm2_s"].push_back(t.d_collective.value);
    cols["D_J_err_cm2_s"].push_back(t.d_collective.stderr_);
    cols["haven_ratio"].push_back(t.haven.value);
    cols["haven_ratio_err"].push_back(t.haven.err);
    cols["correlation_factor"].push_back(t.correlation_factor.value);
    // mean bottleneck radius of the executed hops: per class radius weighted by its hop count
    double sum = 0, n = 0;
    for (size_t c = 0; c < t.hops_per_class.size() && c < rep.network.hop_classes.size(); ++c)
      sum += rep.network.hop_classes[c].bottleneck_radius * t.hops_per_class[c], n += t.hops_per_class[c];
    bott_mean.push_back(n > 0 ? json(sum / n) : json());
    // hops next to a dopant against their share of the network (doc/theory/transport.md §10)
    const DopantHopStats& dh = tr.dopant_hops;
    cols["dopant_near_fraction"].push_back(dh.present ? json(dh.near_fraction) : json());
    cols["dopant_near_fraction_err"].push_back(dh.present ? json(dh.near_fraction_err) : json());
    cols["dopant_available_fraction"].push_back(dh.present ? json(dh.available_fraction) : json());
    cols["dopant_enrichment"].push_back(dh.present ? json(dh.enrichment) : json());
    cols["dopant_enrichment_err"].push_back(dh.present ? json(dh.enrichment_err) : json());
    bott_exec.push_back(tr.bottlenecks.executed_fraction);
    edges = tr.bottlenecks.edges;
    avail = tr.bottlenecks.available_fraction;
  }
  r["temperatures"] = T;
  for (auto& [k, v] : cols) r[k] = v;
  r["ea_sigma"] = fit_json(rep.arrhenius_sigma);
  r["ea_sigma_T"] = fit_json(rep.arrhenius_sigma_T);
  r["bottleneck"] = {{"mean_executed_A", bott_mean}, {"edges_A", edges}, {"available_fraction", avail}, {"executed_fraction", bott_exec}};
  r["bvse"] = bvse;
  r["partial"] = rep.partial;
  return r;
}

std::string row_path(const std::string& directory, const std::string& id) {
  return (fs::path(directory) / "rows" / (id + ".json")).string();
}

void write_row(const std::string& directory, const json& row) {
  const fs::path dir = fs::path(directory) / "rows";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError(fmt::format("{}: cannot create ({})", dir.string(), ec.message()));
  write_text_atomically(row_path(directory, row["id"].get<std::string>()), row.dump(1) + "\n");
}

std::optional<json> read_row(const std::string& directory, const std::string& id, const std::string& hash) {
  std::ifstream f(row_path(directory, id));
  if (!f) return std::nullopt;
  try {
    json r = json::parse(f);
    if (r.value("hash", "") == hash && r.value("id", "") == id && !r.value("partial", true)) return r;
  } catch (const std::exception&) {  // unreadable: the composition is run again
  }
  return std::nullopt;
}

ScreenTable rank_rows(std::vector<json> rows, double T) {
  ScreenTable t;
  t.rank_temperature = T;
  auto key = [T](const json& r) {
    const double s = sigma_at(r, T).first;
    return std::isfinite(s) ? s : -1.0;
  };
  // ties broken by id: the order never depends on the order the rows were read in
  std::sort(rows.begin(), rows.end(), [&](const json& a, const json& b) {
    const double ka = key(a), kb = key(b);
    return ka != kb ? ka > kb : a["id"].get<std::string>() < b["id"].get<std::string>();
  });
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i]["rank"] = static_cast<int>(i + 1);
    bool same = false;
    if (i + 1 < rows.size()) {
      const auto [s1, e1] = sigma_at(rows[i], T);
      const auto [s2, e2] = sigma_at(rows[i + 1], T);
      same = std::isfinite(s1) && std::isfinite(s2) && std::abs(s1 - s2) < 2 * std::hypot(e1, e2);
    }
    rows[i]["same_as_next"] = same;
  }
  t.rows = std::move(rows);
  return t;
}

std::vector<std::string> write_screen_table(const ScreenTable& t, const ScreenInput& in, const std::string& directory) {
  const std::vector<Col> cols = table_columns(t);
  const std::string csv = (fs::path(directory) / "screen.csv").string(), js = (fs::path(directory) / "screen.json").string(),
                    h5 = (fs::path(directory) / "screen.h5").string();
  std::string text;
  for (size_t k = 0; k < cols.size(); ++k) text += (k ? "," : "") + cols[k].name;
  text += "\n";
  for (size_t i = 0; i < t.rows.size(); ++i) {
    for (size_t k = 0; k < cols.size(); ++k) {
      if (k) text += ",";
      text += cols[k].s.empty() ? (std::isfinite(cols[k].x[i]) ? fmt::format("{:.17g}", cols[k].x[i]) : "") : csv_field(cols[k].s[i]);
    }
    text += "\n";
  }
  write_text_atomically(csv, text);
  json j;
  j["screen_file"] = in.path;
  j["rank_temperature_K"] = t.rank_temperature;
  j["series"] = in.series;
  j["missing"] = t.missing;
  j["complete"] = t.missing.empty();
  j["rows"] = t.rows;
  write_text_atomically(js, j.dump(1) + "\n");
  write_atomically(h5, [&](const std::string& tmp) {
    h5::Handle f = h5::create_file(tmp);
    h5::attr(f.id(), "rank_temperature_K", t.rank_temperature);
    h5::attr(f.id(), "screen_file", in.path);
    h5::write(f.id(), "screen_input", in.text);
    h5::write(f.id(), "missing", t.missing);
    h5::Handle g = h5::create_group(f.id(), "table");
    for (const auto& c : cols) {
      if (c.s.empty()) h5::write(g.id(), c.name, c.x);
      else h5::write(g.id(), c.name, c.s);
      h5::Handle d = h5::open_dataset(g.id(), c.name);
      h5::attr(d.id(), "description", c.description);
    }
    h5::Handle b = h5::create_group(f.id(), "bottleneck");  // the distribution of each composition
    for (const auto& r : t.rows) {
      h5::Handle rg = h5::create_group(b.id(), r["id"].get<std::string>());
      const auto& bn = r["bottleneck"];
      h5::write(rg.id(), "edges_A", bn["edges_A"].get<std::vector<double>>());
      h5::write(rg.id(), "available_fraction", bn["available_fraction"].get<std::vector<double>>());
      std::vector<double> ex;
      for (const auto& e : bn["executed_fraction"])
        for (const auto& x : e) ex.push_back(num(x));
      const hsize_t nt = bn["executed_fraction"].size();
      h5::write(rg.id(), "executed_fraction", ex, {nt, nt ? ex.size() / nt : 0});
      h5::write(rg.id(), "temperatures_K", r["temperatures"].get<std::vector<double>>());
    }
    h5::close_file(f, tmp);
  });
  return {csv, js, h5};
}

std::string screen_summary(const ScreenTable& t) {
  std::string s = fmt::format("{:>4}  {:<28} {:>22}  {:>15}  {:>15}\n", "rank", "composition",
                              fmt::format("sigma({:g} K) mS/cm", t.rank_temperature), "Ea(sigma) eV", "Ea(sigma T) eV");
  auto fit = [](const json& f) {
    if (!f["valid"].get<bool>()) return std::string("n/a");
    return fmt::format("{:.3f} ± {:.3f}{}", f["ea_eV"].get<double>(), f["ea_err_eV"].get<double>(), f["reliable"].get<bool>() ? "" : "?");
  };
  for (const auto& r : t.rows) {
    const auto [sg, e] = sigma_at(r, t.rank_temperature);
    s += fmt::format("{:>4}  {:<28} {:>22}  {:>15}  {:>15}{}\n", r["rank"].get<int>(), r["id"].get<std::string>(),
                     std::isfinite(sg) ? fmt::format("{:.3e} ± {:.1e}", 1e3 * sg, 1e3 * e) : "n/a", fit(r["ea_sigma"]),
                     fit(r["ea_sigma_T"]), r["same_as_next"].get<bool>() ? "  ~ next (within 2 sigma)" : "");
  }
  if (!t.missing.empty()) s += fmt::format("{} composition(s) not done yet: the table is incomplete\n", t.missing.size());
  s += "? = unreliable Arrhenius fit (doc/output.md)\n";
  return s;
}

}  // namespace ionhop::app
