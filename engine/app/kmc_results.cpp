#include "engine/app/kmc_results.hpp"

#include <filesystem>

#include "engine/analysis/dopant_hops.hpp"
#include "engine/analysis/hop_statistics.hpp"
#include "engine/core/error.hpp"
#include "engine/io/writers.hpp"
#include "engine/kmc/kmc_system.hpp"

namespace ionhop::app {

namespace {

TemperatureReport analyse(KmcSamples samples, const KmcSystem& system, const KmcSettings& k, double charge) {
  TemperatureReport tr;
  const auto& classes = system.network.hop_classes;
  if (samples.n_classes != static_cast<int>(classes.size()))
    fail("KMC samples hold {} hop classes, the network {}", samples.n_classes, classes.size());
  TransportOptions opt;
  opt.fit_start_fraction = k.fit_start;
  opt.ion_charge = charge;
  std::vector<double> radius, available(classes.size(), 0.0);
  for (const auto& c : classes) opt.class_length.push_back(c.length), radius.push_back(c.bottleneck_radius);
  for (const auto& h : system.network.hops) available[h.hop_class] += 1;
  tr.msd = msd_curves(samples);
  tr.transport = compute_transport(samples, opt);
  tr.bottlenecks = bottleneck_histogram(radius, available, tr.transport.hops_per_class);
  tr.site_occupancy = site_occupancy(samples, system.network);
  tr.dopant_hops = dopant_hop_stats(samples);
  tr.samples = std::move(samples);
  return tr;
}

}  // namespace

KmcResults::KmcResults(RunReport base, const KmcSystem& system, const KmcSettings& k)
    : base_(std::move(base)), system_(system), k_(k) {}

void KmcResults::add(const TemperatureBatch& b) {
  TemperatureReport tr = analyse(b.samples, system_, k_, base_.ion_charge);
  double sum = 0;
  for (double r : b.rates) sum += r;
  tr.equilibration_rate = b.rates.empty() ? 0 : sum / b.rates.size();
  tr.wall_seconds = b.wall_seconds;
  done_[b.index] = std::move(tr);
}

RunReport KmcResults::report(bool partial, const std::vector<std::string>& notes) const {
  RunReport rep = base_;
  for (const auto& [index, tr] : done_) {
    for (const auto& n : tr.transport.notes) rep.notes.push_back(n);
    rep.partial = rep.partial || tr.samples.partial;
    rep.temperatures.push_back(tr);
  }
  rep.partial = rep.partial || partial;
  for (const auto& n : notes) rep.notes.push_back(n);
  fit_arrhenius_of(rep);
  if (!rep.arrhenius_sigma.note.empty()) rep.notes.push_back("Arrhenius fit: " + rep.arrhenius_sigma.note);
  return rep;
}

WriteOutcome write_outputs(const RunReport& report, const OutputSettings& out, const std::string& dir) {
  WriteOutcome w;
  const std::string base = (std::filesystem::path(dir) / out.prefix).string();
  auto one = [&](bool wanted, const std::string& path, void (*writer)(const RunReport&, const std::string&)) {
    if (!wanted) return;
    try {
      writer(report, path);
      w.files.push_back(path);
    } catch (const Error& e) {
      w.errors.push_back(e.what());
    }
  };
  one(out.hdf5, base + ".h5", write_hdf5);
  one(out.json, base + ".json", write_json);
  one(out.csv, base + ".csv", write_csv);
  return w;
}

}  // namespace ionhop::app
