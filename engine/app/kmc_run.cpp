#include "engine/app/kmc_run.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <Kokkos_Core.hpp>
#include <fmt/format.h>

#include "engine/app/kmc_checkpoint.hpp"
#include "engine/app/kmc_results.hpp"
#include "engine/app/kmc_tasks.hpp"
#include "engine/app/memory_estimate.hpp"
#include "engine/app/output_directory.hpp"
#include "engine/app/progress.hpp"
#include "engine/app/rank_groups.hpp"
#include "engine/bvse/local_kra.hpp"
#include "engine/composition/apply_occupancy.hpp"
#include "engine/composition/dopant_neighbour.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

namespace fs = std::filesystem;

namespace {

constexpr int kBatchTag = 7301, kRunningTag = 7302;
constexpr int kMinEquilibrationEvents = 20;  // per replica: the rate estimate's relative error ~ 1/sqrt(events of all replicas)

double mobile_ion_charge(const Crystal& c, const std::string& species) {
  for (const auto& s : c.sites)
    if (const Occupant* o = s.find(species); o && o->oxidation != 0) return o->oxidation;
  return default_oxidation_state(species);
}

// Bytes the run will write at most at once: a checkpoint (every replica's state for the
// temperatures under way, the finished samples) and the output files (the samples about three
// times over). An estimate for the free-space check, not an exact size.
double output_bytes_estimate(const KmcSystem& system, const KmcSettings& k, int n_groups) {
  const double sites = system.network.n_sites(), grid = k.samples + 1.0;
  const double classes = static_cast<double>(system.network.hop_classes.size());
  const double state = sites * (1 + 24 + 8 + 16) + grid * 48 + classes * 8 + 64;  // occupancy, displacement, model, tree
  const double samples = grid * 48 + classes * 8 + 16;
  const double n_t = static_cast<double>(k.temperatures.size());
  return k.replicas * (std::min<double>(n_groups, n_t) * state + n_t * samples * 4);
}

// Group leaders hand their finished temperatures to world rank 0 (the leader of group 0).
void collect_finished(GroupTasks& tasks, int n_groups, KmcResults* results, std::vector<TemperatureBatch>* done) {
  const int rank = mpi::rank();
  std::vector<TemperatureBatch> mine = tasks.take_finished();
  if (rank != 0 && rank < n_groups) {
    mpi::send(std::vector<std::int64_t>{static_cast<std::int64_t>(mine.size())}, 0, kBatchTag);
    for (const auto& b : mine) send_batch(b, 0, kBatchTag);
    return;
  }
  if (rank != 0) return;
  for (int g = 1; g < n_groups; ++g) {
    const auto count = mpi::recv_int64s(g, kBatchTag);
    for (std::int64_t j = 0; j < (count.empty() ? 0 : count[0]); ++j) mine.push_back(recv_batch(g, kBatchTag));
  }
  for (auto& b : mine) {
    results->add(b);
    done->push_back(std::move(b));
  }
}

// Collective: every temperature under way gathered to world rank 0, which writes the checkpoint
// with the finished ones. Returns "" or, on rank 0, why it could not be written.
std::string write_checkpoint(const GroupTasks& tasks, int n_groups, KmcCheckpoint& ck, const std::string& path) {
  const int rank = mpi::rank();
  std::optional<RunningTemperature> running = tasks.gather_running();
  if (rank != 0 && rank < n_groups) {
    mpi::send(std::vector<std::int64_t>{running ? 1 : 0}, 0, kRunningTag);
    if (running) send_running(*running, 0, kRunningTag);
  }
  if (rank != 0) return "";
  ck.running.clear();
  if (running) ck.running.push_back(std::move(*running));
  for (int g = 1; g < n_groups; ++g)
    if (const auto n = mpi::recv_int64s(g, kRunningTag); !n.empty() && n[0] == 1) ck.running.push_back(recv_running(g, kRunningTag));
  try {
    write_kmc_checkpoint(ck, path);
  } catch (const Error& e) {
    ck.running.clear();
    return e.what();
  }
  ck.running.clear();
  return "";
}

}  // namespace

std::string checkpoint_path(const RunInput& in, const std::string& output_directory) {
  const std::string dir = output_directory.empty() ? in.output.directory : output_directory;
  return (fs::path(dir) / (in.output.prefix + ".checkpoint.h5")).string();
}

RunResult run_kmc(const RunInput& in, const RunOptions& options) {
  const int rank = mpi::rank(), n_ranks = mpi::size();
  const KmcSettings& k = in.kmc;
  const int n_temps = static_cast<int>(k.temperatures.size());
  // Domains: ranks come in replica groups of D (each replica split over D ranks); temperature groups
  // are made of whole replica groups.
  const int domain_ranks = in.parallel.domains ? (in.parallel.domain_ranks > 0 ? in.parallel.domain_ranks : n_ranks) : 1;
  if (in.parallel.domains && (domain_ranks > n_ranks || n_ranks % domain_ranks != 0))
    fail("{}: [parallel] domain_ranks = {} does not divide the job's {} MPI ranks", in.path, domain_ranks, n_ranks);
  int n_groups = choose_groups(n_temps, k.replicas, n_ranks / domain_ranks);
  while (n_groups > 1 && (n_ranks / domain_ranks) % n_groups != 0) --n_groups;
  if (n_groups < 1)
    fail("{}: {} MPI ranks but only {} replicas x {} temperatures; every rank needs a replica", in.path, n_ranks,
         k.replicas, n_temps);
  const bool talk = options.progress && rank == 0;
  // A checkpoint to continue from is read and compared with the input before any long work.
  KmcCheckpoint restart;
  if (!options.restart.empty()) {
    restart = read_kmc_checkpoint(options.restart);
    const std::string diff = fingerprint_difference(restart.input, in.fingerprint);
    if (!diff.empty())
      fail("{}: cannot continue from {}: the input changed ({}); run without --restart to start over", in.path,
           options.restart, diff);
  }

  const Crystal crystal = [&] {  // [composition] occupancy changes the framework before anything is built on it
    Crystal c = read_structure(in.structure_file, in.read);
    apply_occupancy(c, in.composition, in.network.species, in.path + ": composition", in.read.oxidation);
    return c;
  }();
  const SiteNetwork unit_net = build_network(crystal, in.network);
  {  // before the supercell is built: a request too large for the machine stops here with the figure
    const int ranks_per_group = std::max(1, n_ranks / n_groups);
    const double need = kmc_memory_bytes(unit_net.n_sites(), static_cast<long>(crystal.atoms.size()), in.supercell,
                                         (k.replicas + ranks_per_group - 1) / ranks_per_group, k.samples);
    const int on_node = mpi::ranks_on_node();  // they share the node's memory
    check_memory(options.max_memory_gb > 0 ? need : need * on_node,
                 options.max_memory_gb > 0 ? in.path + " (per rank)" : fmt::format("{} ({} rank(s) on this node)", in.path, on_node),
                 options.max_memory_gb, talk);
  }
  KmcSystem system = build_kmc_system(crystal, unit_net, in.supercell, in.composition, in.model);
  // The production length comes from the equilibration's event rate: a few events give no rate.
  if (!(k.production_time > 0) && k.equilibration_hops_per_ion * system.n_ions < kMinEquilibrationEvents)
    fail("{}: kmc.equilibration_hops_per_ion = {} gives {:.3g} events per replica ({} ions); the production length is "
         "set from the equilibration's event rate and needs at least {} events per replica: use "
         "equilibration_hops_per_ion >= {:.3g}",
         in.path, k.equilibration_hops_per_ion, k.equilibration_hops_per_ion * system.n_ions, system.n_ions,
         kMinEquilibrationEvents, double(kMinEquilibrationEvents) / system.n_ions);
  std::array<int, 3> domain_grid{1, 1, 1};
  if (in.parallel.domains) {  // a lattice too small for the ranks is an input error, found now
    if (in.bvse_local.enabled)
      fail("{}: [model] bvse_local is not available with [parallel] kmc = \"domains\" yet; use kmc = \"replicas\"", in.path);
    DomainSettings ds;
    ds.grid = in.parallel.grid;
    try {
      domain_grid = DomainEnsemble::choose_grid(system, domain_ranks, ds);
    } catch (const Error& e) {
      fail("{}: {}", in.path, e.what());
    }
  }
  const std::string out_dir = options.output_directory.empty() ? in.output.directory : options.output_directory;
  const std::string ck_path = checkpoint_path(in, options.output_directory);
  // The output folder is checked once the setup has passed (a bad input leaves nothing behind) but
  // before the long part (an unwritable or full folder is found out at once).
  if (rank == 0) prepare_output_directory(out_dir, in.path, output_bytes_estimate(system, k, n_groups));
  if (in.bvse_local.enabled) {  // local barriers from BVSE on each replica's decoration
    bvse::LocalKraOptions lo;
    lo.scale = in.bvse_local.scale;
    lo.parameters = in.bvse_local.parameters;
    system.hop_kra_correction = bvse::bvse_local_kra(crystal, unit_net, in.supercell, in.composition, lo);
  }
  // Doped replica runs count the executed hops near / far from dopants (doc/theory/transport.md §10).
  if (!in.composition.dopants.empty() && !in.parallel.domains)
    system.hop_near_dopant = hop_near_dopant_flags(system.crystal, system.network, in.composition, kDefaultDopantRadius);
  const double charge = mobile_ion_charge(crystal, in.network.species);
  const double cells = double(in.supercell[0]) * in.supercell[1] * in.supercell[2];
  if (const std::string r = occupancy_rounding(crystal, in.composition, static_cast<int>(cells)); talk && !r.empty())
    log::warn("{}: {}", in.path, r);
  // ions or vacancies given by hand may break charge neutrality: allowed (model studies), said
  if (talk && (in.composition.ions || in.composition.vacancies) && !system.crystal.atoms.empty()) {
    CompositionSpec plain = in.composition;
    plain.placement = "random";
    const double q = decorate(system.crystal, system.network, plain, 0, 0).charge;
    const int q_ion = system.crystal.oxidation_of(in.network.species);
    if (std::abs(q) > 1e-6 && q_ion != 0)
      log::warn("{}: composition.{} gives {} {} ions per supercell, which leaves it with a net charge of {:+g} e "
                "(neutral: {:.4g} ions)",
                in.path, in.composition.ions ? "ions" : "vacancies", system.n_ions, in.network.species, q,
                system.n_ions - q / q_ion);
  }
  // the formula shows the ions simulated (charge neutrality, ions or vacancies), not the file's
  if (talk)
    log::info("{}: {} {} sites, {} hop classes; supercell {}x{}x{}: {} sites, {} ions; {} replicas x {} "
              "temperatures on {} rank(s) in {} group(s)",
              simulated_formula(crystal, in.network.species, system.n_ions / cells), unit_net.n_sites(),
              in.network.species, unit_net.hop_classes.size(), in.supercell[0], in.supercell[1], in.supercell[2],
              system.network.n_sites(), system.n_ions, k.replicas, n_temps, n_ranks, n_groups);

  RunReport base;
  base.version = IONHOP_VERSION;
  base.input_file = in.path;
  base.input_text = in.text;
  base.model_kind = model_kind(in.model);
  base.model_file = in.model_file;
  base.species = in.network.species;
  base.ion_charge = charge;
  base.crystal = crystal;
  base.network = unit_net;
  base.supercell = in.supercell;
  base.seed = k.seed;
  base.n_replicas = k.replicas;
  base.n_ranks = n_ranks;
  base.kokkos_backend = Kokkos::DefaultExecutionSpace::name();
  base.threads = Kokkos::DefaultExecutionSpace().concurrency();
  base.fit_start_fraction = k.fit_start;
  KmcResults results(std::move(base), system, k);

  const double eq_share = k.production_time > 0 ? 0.1
                                                : k.equilibration_hops_per_ion /
                                                      (k.equilibration_hops_per_ion + k.production_hops_per_ion);
  const int group = rank % n_groups;
  // events_done() is a rank's block, or a whole replica group's with domains: scaled to the run
  Progress progress(talk, (n_temps - group + n_groups - 1) / n_groups, eq_share, n_ranks / domain_ranks);
  if (talk && in.parallel.domains)
    log::info("domains: every replica split over {} rank(s) as a {}x{}x{} grid; {} replica group(s); checkpoints keep "
              "finished temperatures only{}", domain_ranks, domain_grid[0], domain_grid[1], domain_grid[2], n_ranks / domain_ranks,
              in.composition.dopants.empty() ? "" : "; hops near dopants are not counted");
  GroupTasks tasks(system, k, in.parallel, n_groups, progress);
  KmcCheckpoint ck;  // rank 0: the finished temperatures, for the checkpoints
  ck.input = in.fingerprint;
  ck.n_temperatures = n_temps;
  ck.n_replicas = k.replicas;
  if (!options.restart.empty()) {
    tasks.resume(restart);
    if (talk)
      log::info("continuing from {}: {} of {} temperatures done, {} under way", options.restart, restart.done.size(),
                n_temps, restart.running.size());
    if (rank == 0)
      for (auto& b : restart.done) results.add(b), ck.done.push_back(std::move(b));
    restart = KmcCheckpoint{};
  }

  RunResult result;
  auto write_progress = [&] {  // rank 0, after a temperature finished: the results so far
    const RunReport rep = results.report(true, {fmt::format("run in progress: {} of {} temperatures done",
                                                            results.n_done(), n_temps)});
    for (const auto& e : write_outputs(rep, in.output, out_dir).errors) log::warn("{}", e);
  };
  // Between batches every rank agrees: stop (a signal on any rank; the walltime on rank 0), a
  // checkpoint due (rank 0's clock), finished temperatures to collect, work left anywhere.
  enum { kSignal, kWalltime, kCheckpoint, kFinished, kWorkLeft };
  while (true) {
    tasks.tick();
    const bool clock0 = rank == 0 && options.clock;
    const std::vector<int> f = mpi::max_over_ranks(
        {options.stop && options.stop->load() ? 1 : 0, clock0 && options.clock->past_deadline() ? 1 : 0,
         clock0 && options.clock->checkpoint_due() ? 1 : 0, tasks.has_finished() ? 1 : 0, tasks.done() ? 0 : 1});
    if (f[kFinished]) {
      collect_finished(tasks, n_groups, &results, &ck.done);
      if (rank == 0 && results.n_done() < n_temps) write_progress();
    }
    if (f[kSignal] || f[kWalltime]) {
      result.stopped = f[kSignal] ? RunResult::Stop::signal : RunResult::Stop::walltime;
      break;
    }
    if (!f[kWorkLeft]) break;
    if (f[kCheckpoint]) {
      const std::string err = write_checkpoint(tasks, n_groups, ck, ck_path);
      if (rank == 0) {
        if (err.empty()) log::info("checkpoint written: {}", ck_path);
        else log::warn("checkpoint not written: {}", err);
        options.clock->checkpoint_written();
      }
    }
  }

  std::vector<std::string> notes;
  if (result.stopped != RunResult::Stop::none) {
    const std::string err = write_checkpoint(tasks, n_groups, ck, ck_path);
    // productions under way contribute their samples so far (marked partial)
    std::optional<TemperatureBatch> part = tasks.gather_partial();
    if (rank != 0 && rank < n_groups) {
      mpi::send(std::vector<std::int64_t>{part ? 1 : 0}, 0, kBatchTag);
      if (part) send_batch(*part, 0, kBatchTag);
    }
    if (rank == 0) {
      if (part) results.add(*part);
      for (int g = 1; g < n_groups; ++g)
        if (const auto n = mpi::recv_int64s(g, kBatchTag); !n.empty() && n[0] == 1) results.add(recv_batch(g, kBatchTag));
      const std::string why = result.stopped == RunResult::Stop::signal ? "stopped by a signal" : "stopped at the walltime";
      notes.push_back(fmt::format("{}: {} of {} temperatures done; results are partial", why, ck.done.size(), n_temps));
      if (err.empty()) {
        result.checkpoint = ck_path;
        notes.push_back(fmt::format("continue with: ionhop run {} --restart {}", in.path, ck_path));
      } else {
        notes.push_back("checkpoint not written: " + err);
      }
    }
  }
  if (rank == 0) {
    const bool complete = static_cast<int>(ck.done.size()) == n_temps;
    if (complete) {  // the stop came when every temperature was done: nothing was cut short
      result.stopped = RunResult::Stop::none;
      notes.clear();
    }
    result.report = results.report(!complete, notes);
    const WriteOutcome w = write_outputs(result.report, in.output, out_dir);
    result.files = w.files;
    result.errors = w.errors;
    std::error_code ec;
    if (complete && w.errors.empty()) {
      fs::remove(ck_path, ec);  // the run is done: its checkpoint has nothing left to continue
    } else if (complete) {      // keep the finished samples, so that a restart only writes the files
      try {
        write_kmc_checkpoint(ck, ck_path);
        result.errors.push_back(fmt::format("the samples are kept in {}: rerun with --restart {} once the files can be "
                                            "written", ck_path, ck_path));
      } catch (const Error& e) {
        result.errors.push_back(fmt::format("checkpoint not written either: {}", e.what()));
      }
    }
  }
  result.partial = result.stopped != RunResult::Stop::none || result.report.partial;
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
  for (const auto& tr : rep.temperatures) {
    if (tr.site_occupancy.empty()) continue;
    s += fmt::format("{:>8g}  site occupancy:", tr.transport.temperature);
    for (const auto& o : tr.site_occupancy) s += fmt::format("  {} {:.3f} ± {:.3f}", o.label, o.mean, o.err);
    s += "\n";
  }
  for (const auto& tr : rep.temperatures) {
    const DopantHopStats& d = tr.dopant_hops;
    if (!d.present) continue;
    s += fmt::format("{:>8g}  hops near dopants: {} near / {} far, fraction {} (available {}), enrichment {}\n",
                     tr.transport.temperature, d.executed_near, d.executed_far,
                     ve(d.near_fraction, d.near_fraction_err, "{:.3f} ± {:.3f}"), ve(d.available_fraction, 0, "{:.3f}"),
                     ve(d.enrichment, d.enrichment_err, "{:.3f} ± {:.3f}"));
  }
  auto fit_line = [](const char* what, const ArrheniusFit& f) {
    if (!f.valid) return fmt::format("{}: no Arrhenius fit ({})\n", what, f.note);
    return fmt::format("{}: Ea = {:.3f} ± {:.3f} eV, ln(A) = {:.2f} ± {:.2f} ({} temperatures{}){}\n", what, f.ea,
                       f.ea_err, f.ln_prefactor, f.ln_prefactor_err, f.n_points, f.weighted ? ", weighted" : "",
                       f.reliable ? "" : "  UNRELIABLE: " + f.note.substr(f.note.rfind("unreliable: ") + 12));
  };
  s += fit_line("sigma   = A exp(-Ea/kT) [A in S/cm]  ", rep.arrhenius_sigma);
  s += fit_line("sigma*T = A exp(-Ea/kT) [A in S K/cm]", rep.arrhenius_sigma_T);
  if (rep.partial) s += "PARTIAL RESULTS: the run was interrupted\n";
  return s;
}

}  // namespace ionhop::app
