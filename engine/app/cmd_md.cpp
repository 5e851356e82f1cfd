// `ionhop md INPUT.toml`: classical MD of a decorated supercell (keys in doc/md-input.md): thermo
// table, extended-XYZ trajectory, and D*, D_J, Haven ratio and sigma of the mobile ions from block
// MSDs through the same estimators as KMC (analysis/transport), one temperature after the other.
// Checkpoints (<directory>/<prefix>.checkpoint.h5) every [output] checkpoint_every and at a stop
// (SIGINT/SIGTERM/SIGUSR1, --walltime); --restart continues from one. Exit codes as `ionhop run`.
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "engine/app/commands.hpp"
#include "engine/app/interrupt.hpp"
#include "engine/app/kokkos_guard.hpp"
#include "engine/app/md_input.hpp"
#include "engine/app/md_temperature.hpp"
#include "engine/app/memory_estimate.hpp"
#include "engine/app/output_directory.hpp"
#include "engine/app/wall_clock.hpp"
#include "engine/composition/apply_occupancy.hpp"
#include "engine/core/error.hpp"
#include "engine/core/input_file.hpp"
#include "engine/core/log.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/io/state_file.hpp"
#include "engine/io/writers.hpp"
#include "engine/md/force_field.hpp"
#include "engine/md/rate_model.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

namespace {

constexpr const char* kFormat = "ionhop-md-checkpoint-1";

struct MdArgs {
  std::string input, out_dir, restart, walltime, margin = "5min";
  double max_memory = 0;
};

// The driver's part of a checkpoint: the input, the temperature under way, the finished ones' hops.
void save_driver(StateArrays& a, const MdInput& in, std::size_t index, const std::vector<md::DirectedRates>& rates) {
  a.text["input_fingerprint"] = fingerprint_json(in.fingerprint);
  a.i64["run/temperature_index"] = {static_cast<std::int64_t>(index)};
  std::vector<double> T, exposure;
  std::vector<std::int64_t> hops;
  for (const auto& r : rates) {
    T.push_back(r.temperature);
    hops.insert(hops.end(), r.hops.begin(), r.hops.end());
    exposure.insert(exposure.end(), r.exposure.begin(), r.exposure.end());
  }
  a.f64["run/rates_T"] = T;
  a.i64["run/rates_hops"] = hops;
  a.f64["run/rates_exposure"] = exposure;
}

std::vector<md::DirectedRates> restore_rates(const StateArrays& a) {
  const auto& T = a.doubles("run/rates_T");
  const auto& hops = a.ints("run/rates_hops");
  const auto& exposure = a.doubles("run/rates_exposure", hops.size());
  std::vector<md::DirectedRates> rates;
  const std::size_t n = T.empty() ? 0 : hops.size() / T.size();
  for (std::size_t i = 0; i < T.size(); ++i)
    rates.push_back({T[i], std::vector<long>(hops.begin() + i * n, hops.begin() + (i + 1) * n),
                     std::vector<double>(exposure.begin() + i * n, exposure.begin() + (i + 1) * n)});
  return rates;
}

// The decisions every rank must take together, from one reduction per chunk: a signal reached
// some rank, some rank's clock passed the deadline, a checkpoint is due.
struct StopDecision {
  bool signal = false, walltime = false, checkpoint = false;
  int signal_code = 0;
};
StopDecision decide(const InterruptGuard& interrupt, const WallClock& clock) {
  const bool sig = interrupt.requested();
  const std::vector<int> v = mpi::max_over_ranks(
      {sig ? 1 : 0, clock.past_deadline() ? 1 : 0, clock.checkpoint_due() ? 1 : 0, sig ? interrupt.exit_code() : 0});
  return {v[0] != 0, v[1] != 0, v[2] != 0, v[3]};
}

int run_md(const MdArgs& args) {
  InterruptGuard interrupt;
  mpi::Guard mpi_guard;  // MPI_Init here (not in main): under mpiexec the system is split over the ranks
  interrupt.install();   // again, in case MPI_Init replaced a handler
  KokkosGuard kokkos;
  const bool root = mpi::rank() == 0;
  if (!root) log::quiet() = true;
  MdInput in = read_md_input(args.input);
  if (!args.out_dir.empty()) in.out_dir = args.out_dir;
  if (in.integ.barostat.kind != md::Barostat::None && mpi::size() > 1)
    fail("{}: md.ensemble = \"npt-crescale\" runs on one rank only: the barostat does not rescale MPI sub-domains "
         "(run without mpiexec; threads and GPUs are used as usual)",
         in.path);
  const std::string base = (std::filesystem::path(in.out_dir) / in.prefix).string();
  const std::string ck_path = base + ".checkpoint.h5";
  // Everything that can be refused is read and checked before the first step.
  StateArrays saved;
  std::size_t first = 0;
  std::vector<md::DirectedRates> rates;
  if (!args.restart.empty()) {
    check_input_file(args.restart, "--restart");
    saved = read_state_file(args.restart, kFormat);
    // [parallel] may change: a checkpoint continues on any rank count
    const std::string diff = fingerprint_difference(fingerprint_from_json(saved.string("input_fingerprint")), in.fingerprint,
                                                    {"output", "parallel"});
    if (!diff.empty())
      fail("{}: cannot continue from {}: the input changed ({}); run without --restart to start over", in.path,
           args.restart, diff);
    first = static_cast<std::size_t>(saved.integer("run/temperature_index"));
    if (first >= in.temperatures.size()) fail("{}: temperature index {} out of range", args.restart, first);
    rates = restore_rates(saved);
  }
  const md::ForceField ff = md::read_force_field(in.potential_file);
  const Crystal unit = [&] {  // [composition] occupancy changes the framework before it is decorated
    Crystal c = read_structure(in.structure_file);
    if (in.composition) {
      apply_occupancy(c, *in.composition, in.mobile, in.path + ": composition");
      if (!in.composition->occupancy.empty())
        log::info("md: composition.occupancy: framework {} ({} from the decoration)", simulated_formula(c, in.mobile, 0),
                  in.mobile);
      const int cells = in.supercell[0] * in.supercell[1] * in.supercell[2];
      if (const std::string r = occupancy_rounding(c, *in.composition, cells); !r.empty()) log::warn("{}: {}", in.path, r);
    }
    return c;
  }();
  {
    const double cells = double(in.supercell[0]) * in.supercell[1] * in.supercell[2];
    const double atoms = cells * static_cast<double>(unit.atoms.size());
    const double samples = static_cast<double>(in.steps / in.sample_every + 1);
    const double frames = in.h5_every > 0 ? static_cast<double>(in.steps / in.h5_every + 1) : 0;
    check_memory(md_memory_bytes(atoms, cells * unit.lattice.volume(), in.force.interaction_cutoff() + in.force.skin, atoms, samples, frames),
                 in.path, args.max_memory, true);
  }
  if (root) prepare_output_directory(in.out_dir, in.path, 0);
  WallClock clock(args.walltime, parse_duration(args.margin, "--walltime-margin"), in.checkpoint_every);
  if (clock.limit()) log::info("walltime {:.0f} s ({}): the run stops {} before it", *clock.limit(), clock.limit_source(), args.margin);

  SiteNetwork net;
  for (std::size_t ti = first; ti < in.temperatures.size(); ++ti) {
    const double T = in.temperatures[ti];
    const std::string b = in.temperatures.size() == 1 ? base : fmt::format("{}_T{:g}", base, T);
    log::info("md: T = {} K", T);
    MdTemperature run(in, T, unit, ff, net, b);
    try {
      if (!args.restart.empty() && ti == first) {
        run.restore(saved);
        log::info("md: continuing from {}", args.restart);
      } else {
        run.start();
      }
      while (!run.advance()) {
        const StopDecision d = decide(interrupt, clock);
        const bool stop = d.signal || d.walltime;
        if (!stop && !d.checkpoint) continue;
        StateArrays a;
        save_driver(a, in, ti, rates);
        run.save(a);  // collective
        if (root) write_state_file(a, ck_path, kFormat);
        clock.checkpoint_written();
        if (!stop) {
          log::info("checkpoint written: {}", ck_path);
          continue;
        }
        run.finish(true, rates);
        if (root)
          log::warn("md: stopped {} at T = {} K; continue with: ionhop md {} --restart {}",
                    d.signal ? "by a signal" : "at the walltime", T, in.path, ck_path);
        return d.signal ? d.signal_code : 3;
      }
      for (const auto& f : run.finish(false, rates)) log::info("md: wrote {}", f);
    } catch (const Error&) {
      run.discard();  // no half-written files of this temperature left behind
      throw;
    }
  }
  if (!root) return 0;  // rank 0 holds the hop statistics and writes
  if (rates.size() >= 2) {
    const md::RateModel m = md::lattice_gas_from_md(net, rates, "input " + in.path);
    if (m.valid) {
      write_text_atomically(base + "_rate_model.toml", m.toml);
      fmt::print("lattice-gas model from the MD hop rates: {}_rate_model.toml\n", base);
    }
    for (const auto& n : m.notes) log::warn("rate model: {}", n);
  }
  std::error_code ec;
  std::filesystem::remove(ck_path, ec);  // complete: nothing left to continue
  return 0;
}

}  // namespace

void add_md_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("md", "Molecular dynamics of a decorated supercell (DSF or Ewald), transport from MSDs");
  auto args = std::make_shared<MdArgs>();
  cmd->add_option("input", args->input, "Input TOML file (doc/md-input.md)")->required();
  cmd->add_option("-o,--output", args->out_dir, "Output directory (overrides [output] directory)");
  cmd->add_option("--restart", args->restart, "Continue the run saved in this checkpoint (<output dir>/<prefix>.checkpoint.h5)");
  cmd->add_option("--walltime", args->walltime,
                  "Stop cleanly (checkpoint, exit 3) before this much wall time: HH:MM:SS or e.g. 2h30min "
                  "(default: Slurm's SLURM_JOB_END_TIME when set)");
  cmd->add_option("--walltime-margin", args->margin, "Time kept free before the walltime (default 5min)");
  cmd->add_option("--max-memory", args->max_memory, "Refuse to start when the memory estimate exceeds this many GB")
      ->check(CLI::PositiveNumber);
  cmd->callback([args] {
    const int code = run_md(*args);
    if (code != 0) std::exit(code);
  });
}

}  // namespace ionhop::app
