#include "engine/app/md_results.hpp"

#include <cmath>

#include <Kokkos_Core.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/app/md_input.hpp"
#include "engine/core/error.hpp"
#include "engine/io/hdf5_handles.hpp"
#include "engine/io/writers.hpp"
#include "engine/md/block_statistics.hpp"

namespace ionhop::app {

namespace {
nlohmann::json estimate_json(const Estimate& e) { return {{"value", e.value}, {"stderr", e.stderr_}, {"n", e.n}}; }
nlohmann::json value_json(const ValueErr& v) { return {{"value", v.value}, {"stderr", v.err}}; }

}  // namespace

TransportResult md_transport(const md::MobileSampler& sampler, int blocks, double sample_ps, double T, double volume) {
  const md::BlockMsd b = sampler.block_msd(blocks);
  KmcSamples ks;
  ks.temperature = T;
  ks.n_replicas = b.n_blocks;
  ks.n_ions = b.n_ions;
  ks.volume = volume;
  for (int k = 0; k < b.n_lags; ++k) ks.time.push_back(k * sample_ps * 1e-12);  // s
  ks.tracer_sq = b.tracer_sq;
  ks.collective_sq = b.collective_sq;
  ks.events.assign(b.n_blocks, 0);
  TransportOptions opt;
  opt.ion_charge = 1;
  return compute_transport(ks, opt);
}

void write_md_json(const std::string& path, const MdSummary& m, const MdInput& in, const md::MdSystem& s,
                   const md::MobileSampler& sampler, const TransportResult& tr, const md::HopDetector* hops,
                   const SiteNetwork& net) {
  nlohmann::json j;
  j["input"] = m.input_path;
  j["partial"] = m.partial;
  j["atoms"] = s.n_atoms();
  j["mobile"] = in.mobile;
  j["n_ions"] = sampler.n_ions();
  j["temperature_K"] = m.temperature;
  j["production_ps"] = m.production_steps * in.integ.dt;
  j["blocks"] = m.blocks.blocks;
  j["blocks_requested"] = in.blocks > 0 ? nlohmann::json(in.blocks) : nlohmann::json("auto");
  j["block_length_ps"] = m.blocks.block_ps;
  j["residence_time_ps"] = m.residence_ps < 0 || !std::isfinite(m.residence_ps) ? nlohmann::json(nullptr) : nlohmann::json(m.residence_ps);
  j["transport_reliable"] = m.blocks.reliable < 0 ? nlohmann::json(nullptr) : nlohmann::json(m.blocks.reliable == 1);
  j["transport_note"] = m.blocks.note;
  j["D_tracer_cm2_s"] = estimate_json(tr.d_tracer);
  j["D_collective_cm2_s"] = estimate_json(tr.d_collective);
  j["haven_ratio"] = value_json(tr.haven);
  j["sigma_S_cm"] = value_json(tr.sigma);
  j["notes"] = tr.notes;
  const auto& t = m.final_thermo;
  j["final"] = {{"temperature_K", t.temperature}, {"pe_eV", t.pe},           {"pressure_GPa", t.pressure},
                {"conserved_eV", t.conserved},    {"volume_A3", t.volume}, {"cell_A", {t.cell[0], t.cell[1], t.cell[2]}}};
  // pressure and cell over the production samples: mean ± block error and fluctuation (doc/md-input.md)
  const char* cell_names[8] = {"pressure_GPa", "volume_A3", "a_A", "b_A", "c_A", "pxx_GPa", "pyy_GPa", "pzz_GPa"};
  nlohmann::json cell;
  for (int q = 0; q < 8; ++q) {
    std::vector<double> x;
    for (size_t i = q; i < m.cell_samples.size(); i += 8) x.push_back(m.cell_samples[i]);
    const md::BlockStatistics b = md::block_statistics(x, m.blocks.blocks);
    cell[cell_names[q]] = {{"mean", b.mean}, {"stderr", b.mean_err}, {"std", b.std}, {"std_stderr", b.std_err}};
  }
  cell["samples"] = m.cell_samples.size() / 8;
  j["cell"] = cell;
  const auto& bs = in.integ.barostat;
  if (bs.kind != md::Barostat::None)
    j["barostat"] = {{"kind", bs.kind == md::Barostat::Isotropic ? "isotropic" : "anisotropic"},
                     {"pressure_GPa", bs.pressure},
                     {"tau_p_ps", bs.tau_p},
                     {"compressibility_per_GPa", bs.compressibility}};
  if (hops) {
    // empirical rate per hop class: hops per mobile ion per second of production
    const double t_s = m.production_steps * in.integ.dt * 1e-12;
    const auto per_class = hops->hops_per_class();
    nlohmann::json hc = nlohmann::json::array();
    for (size_t c = 0; c < per_class.size(); ++c) {
      const HopClass& h = net.hop_classes[c];
      hc.push_back({{"class", c},
                    {"sites", net.site_classes[h.site_class_a].label + "-" + net.site_classes[h.site_class_b].label},
                    {"length_A", h.length},
                    {"bottleneck_radius_A", h.bottleneck_radius},
                    {"hops", per_class[c]},
                    {"rate_per_ion_s", per_class[c] / (sampler.n_ions() * t_s)}});
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
  }
  write_text_atomically(path, j.dump(2) + "\n");
}

}  // namespace ionhop::app
