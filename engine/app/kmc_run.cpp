#include "engine/app/kmc_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>

#include <Kokkos_Core.hpp>
#include <fmt/format.h>

#include "engine/analysis/hop_statistics.hpp"
#include "engine/app/gather_samples.hpp"
#include "engine/app/progress.hpp"
#include "engine/app/rank_groups.hpp"
#include "engine/bvse/local_kra.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/io/writers.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

namespace fs = std::filesystem;

namespace {

double mobile_ion_charge(const Crystal& c, const std::string& species) {
  for (const auto& s : c.sites)
    if (const Occupant* o = s.find(species); o && o->oxidation != 0) return o->oxidation;
  return default_oxidation_state(species);
}

// Production grid, identical on every rank: computed from all replicas' equilibration rates in
// global replica order.
std::vector<double> production_grid(const KmcSettings& k, const std::vector<double>& local_rates, double T,
                                    const mpi::Comm& comm) {
  double t_end = k.production_time;
  if (!(t_end > 0)) {
    const std::vector<double> rates = mpi::allgather(local_rates, comm);
    double sum = 0;
    for (double r : rates) sum += r;
    const double mean = rates.empty() ? 0 : sum / rates.size();
    if (!(mean > 0) || !std::isfinite(mean))
      fail("T = {} K: the mean event rate per ion during equilibration is {} /s; no hop is possible "
           "(check the model's barriers and the network)",
           T, mean);
    t_end = k.production_hops_per_ion / mean;
  }
  std::vector<double> grid(k.samples + 1);
  for (int i = 0; i <= k.samples; ++i) grid[i] = t_end * i / k.samples;
  return grid;
}

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
  tr.samples = std::move(samples);
  return tr;
}

void write_outputs(RunReport& report, const OutputSettings& out, const std::string& dir, std::vector<std::string>& files) {
  const fs::path base = fs::path(dir) / out.prefix;
  if (out.hdf5) write_hdf5(report, base.string() + ".h5"), files.push_back(base.string() + ".h5");
  if (out.json) write_json(report, base.string() + ".json"), files.push_back(base.string() + ".json");
  if (out.csv) write_csv(report, base.string() + ".csv"), files.push_back(base.string() + ".csv");
}

// Run `work` on rank 0 only; every rank then learns whether it failed, so that no rank is left
// waiting in a collective call after rank 0 threw. Rank 0 rethrows its own error.
template <typename F>
void on_rank0_then_agree(F&& work) {
  std::exception_ptr failure;
  if (mpi::rank() == 0) {
    try {
      work();
    } catch (...) {
      failure = std::current_exception();
    }
  }
  const bool failed = mpi::any_over_ranks(failure != nullptr);
  if (failure) std::rethrow_exception(failure);
  if (failed) fail("rank 0 failed (its error message says why)");
}

}  // namespace

RunResult run_kmc(const RunInput& in, const RunOptions& options) {
  const int rank = mpi::rank(), n_ranks = mpi::size();
  const KmcSettings& k = in.kmc;
  const int n_temps = static_cast<int>(k.temperatures.size());
  const int n_groups = choose_groups(n_temps, k.replicas, n_ranks);
  if (n_groups < 1)
    fail("{}: {} MPI ranks but only {} replicas x {} temperatures; every rank needs a replica", in.path, n_ranks,
         k.replicas, n_temps);
  const bool talk = options.progress && rank == 0;

  const Crystal crystal = read_structure(in.structure_file, in.read);
  const SiteNetwork unit_net = build_network(crystal, in.network);
  KmcSystem system = build_kmc_system(crystal, unit_net, in.supercell, in.composition, in.model);
  if (in.bvse_local.enabled) {  // local barriers from BVSE on each replica's decoration
    bvse::LocalKraOptions lo;
    lo.scale = in.bvse_local.scale;
    lo.parameters = in.bvse_local.parameters;
    system.hop_kra_correction = bvse::bvse_local_kra(crystal, unit_net, in.supercell, in.composition, lo);
  }
  const double charge = mobile_ion_charge(crystal, in.network.species);
  // The output folder is made once the setup has passed (a bad input leaves nothing behind), but
  // before the long part (an unwritable folder is found out at once).
  const std::string out_dir = options.output_directory.empty() ? in.output.directory : options.output_directory;
  if (rank == 0) {
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec || !fs::is_directory(out_dir))
      fail("{}: output directory '{}' cannot be created ({})", in.path, out_dir, ec ? ec.message() : "not a directory");
  }
  if (talk)
    log::info("{}: {} {} sites, {} hop classes; supercell {}x{}x{}: {} sites, {} ions; {} replicas x {} "
              "temperatures on {} rank(s) in {} group(s)",
              crystal.formula(), unit_net.n_sites(), in.network.species, unit_net.hop_classes.size(), in.supercell[0],
              in.supercell[1], in.supercell[2], system.network.n_sites(), system.n_ions, k.replicas, n_temps, n_ranks,
              n_groups);

  RunResult result;
  RunReport& rep = result.report;
  rep.version = IONHOP_VERSION;
  rep.input_file = in.path;
  rep.input_text = in.text;
  rep.model_kind = model_kind(in.model);
  rep.model_file = in.model_file;
  rep.species = in.network.species;
  rep.ion_charge = charge;
  rep.crystal = crystal;
  rep.network = unit_net;
  rep.supercell = in.supercell;
  rep.seed = k.seed;
  rep.n_replicas = k.replicas;
  rep.n_ranks = n_ranks;
  rep.kokkos_backend = Kokkos::DefaultExecutionSpace::name();
  rep.threads = Kokkos::DefaultExecutionSpace().concurrency();
  rep.fit_start_fraction = k.fit_start;

  // Temperatures go round-robin to groups of ranks (group g = world ranks g, g + G, ...; its leader
  // is world rank g); inside a group the replicas are split in contiguous blocks.
  const int group = rank % n_groups;
  const mpi::Comm comm = mpi::Comm().split(group);
  const mpi::Block block = mpi::split(k.replicas, comm.rank(), comm.size());
  std::vector<int> mine;
  for (int ti = group; ti < n_temps; ti += n_groups) mine.push_back(ti);

  const double eq_share = k.production_time > 0 ? 0.1
                                                : k.equilibration_hops_per_ion /
                                                      (k.equilibration_hops_per_ion + k.production_hops_per_ion);
  Progress progress(talk, static_cast<int>(mine.size()), eq_share, n_ranks);
  std::vector<TemperatureBatch> done;  // on group leaders
  bool stopped = false;
  for (std::size_t i = 0; i < mine.size() && !stopped; ++i) {
    const int ti = mine[i];
    const double T = k.temperatures[ti];
    const auto t0 = std::chrono::steady_clock::now();
    EnsembleSettings es;
    es.temperature = T;
    es.seed = k.seed;
    es.first_replica = block.first;
    es.n_replicas = block.count;
    Ensemble ensemble(system, es);
    progress.start(static_cast<int>(i), T, "equilibration");
    const std::vector<double> rates = ensemble.equilibrate(k.equilibration_hops_per_ion, progress.callback(), options.stop);
    // The group agrees whether to go on: a stop during equilibration leaves this temperature out.
    if (mpi::any_over_ranks(options.stop && options.stop->load(), comm)) {
      progress.finish_temperature();
      stopped = true;
      break;
    }
    const std::vector<double> grid = production_grid(k, rates, T, comm);
    progress.start(static_cast<int>(i), T, "production");
    KmcSamples local = ensemble.produce(grid, progress.callback(), options.stop);
    progress.finish_temperature();
    TemperatureBatch batch;
    batch.index = ti;
    batch.samples = gather_samples(local, comm);
    batch.rates = mpi::gather(rates, comm);
    batch.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    stopped = mpi::any_over_ranks(options.stop && options.stop->load(), comm);
    if (comm.rank() == 0) done.push_back(std::move(batch));
  }
  stopped = mpi::any_over_ranks(stopped);

  // Group leaders hand their temperatures to world rank 0 (the leader of group 0).
  constexpr int kTag = 7301;
  if (rank != 0 && rank < n_groups) {
    mpi::send(std::vector<std::int64_t>{static_cast<std::int64_t>(done.size())}, 0, kTag);
    for (const auto& b : done) send_batch(b, 0, kTag);
  }
  if (rank == 0)
    for (int g = 1; g < n_groups; ++g) {
      const auto count = mpi::recv_int64s(g, kTag);
      for (std::int64_t j = 0; j < (count.empty() ? 0 : count[0]); ++j) done.push_back(recv_batch(g, kTag));
    }
  std::sort(done.begin(), done.end(), [](const auto& a, const auto& b) { return a.index < b.index; });

  on_rank0_then_agree([&] {
    for (auto& b : done) {
      TemperatureReport tr = analyse(std::move(b.samples), system, k, charge);
      double sum = 0;
      for (double r : b.rates) sum += r;
      tr.equilibration_rate = b.rates.empty() ? 0 : sum / b.rates.size();
      tr.wall_seconds = b.wall_seconds;
      for (const auto& n : tr.transport.notes) rep.notes.push_back(n);
      rep.partial = rep.partial || tr.samples.partial;
      rep.temperatures.push_back(std::move(tr));
    }
    rep.partial = rep.partial || stopped;
    if (stopped)
      rep.notes.push_back(fmt::format("interrupted: {} of {} temperatures done; results are partial",
                                      rep.temperatures.size(), n_temps));
    fit_arrhenius_of(rep);
    if (!rep.arrhenius_sigma.note.empty()) rep.notes.push_back("Arrhenius fit: " + rep.arrhenius_sigma.note);
    write_outputs(rep, in.output, out_dir, result.files);
  });
  result.partial = stopped || rep.partial;
  return result;
}

std::string summary_table(const RunReport& rep) {
  std::string s;
  s += fmt::format("{:>8}  {:>21}  {:>21}  {:>13}  {:>13}  {:>21}\n", "T (K)", "D* (cm2/s)", "D_J (cm2/s)",
                   "H_R", "f", "sigma (mS/cm)");
  auto ve = [](double v, double e, const char* f) {
    if (!std::isfinite(v)) return std::string("n/a");
    return fmt::format(fmt::runtime(f), v, e);
  };
  for (const auto& tr : rep.temperatures) {
    const auto& t = tr.transport;
    s += fmt::format("{:>8g}  {:>21}  {:>21}  {:>13}  {:>13}  {:>21}{}\n", t.temperature,
                     ve(t.d_tracer.value, t.d_tracer.stderr_, "{:.3e} ± {:.1e}"),
                     ve(t.d_collective.value, t.d_collective.stderr_, "{:.3e} ± {:.1e}"),
                     ve(t.haven.value, t.haven.err, "{:.3f} ± {:.3f}"),
                     ve(t.correlation_factor.value, t.correlation_factor.err, "{:.3g} ± {:.1g}"),
                     ve(1e3 * t.sigma.value, 1e3 * t.sigma.err, "{:.3e} ± {:.1e}"), t.collective_noisy ? "  (noisy)" : "");
  }
  auto fit_line = [](const char* what, const ArrheniusFit& f) {
    if (!f.valid) return fmt::format("{}: no Arrhenius fit ({})\n", what, f.note);
    return fmt::format("{}: Ea = {:.3f} ± {:.3f} eV, ln(A) = {:.2f} ± {:.2f} ({} temperatures{})\n", what, f.ea,
                       f.ea_err, f.ln_prefactor, f.ln_prefactor_err, f.n_points, f.weighted ? ", weighted" : "");
  };
  s += fit_line("sigma   = A exp(-Ea/kT) [A in S/cm]  ", rep.arrhenius_sigma);
  s += fit_line("sigma*T = A exp(-Ea/kT) [A in S K/cm]", rep.arrhenius_sigma_T);
  if (rep.partial) s += "PARTIAL RESULTS: the run was interrupted\n";
  return s;
}

}  // namespace ionhop::app
