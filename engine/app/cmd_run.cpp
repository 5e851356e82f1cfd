// ionhop run INPUT.toml: KMC transport over a temperature list (engine/app/kmc_run.hpp).
// Exit codes (main.cpp): 0 done, 2 bad input, 3 stopped at the walltime, 4 some output file not
// written, 128 + N stopped by signal N; the last three with a checkpoint and partial results.
#include <cstdlib>
#include <memory>

#include <Kokkos_Core.hpp>
#include <fmt/core.h>

#include "engine/app/commands.hpp"
#include "engine/app/kokkos_guard.hpp"
#include "engine/app/interrupt.hpp"
#include "engine/app/kmc_run.hpp"
#include "engine/app/wall_clock.hpp"
#include "engine/core/input_file.hpp"
#include "engine/core/log.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

namespace {

struct RunArgs {
  std::string input;
  std::string output_dir;
  std::string restart;
  std::string walltime;
  std::string margin = "5min";
  double max_memory = 0;
  bool quiet = false;
};

int run_command(const RunArgs& args) {
  InterruptGuard interrupt;  // from the start: a signal during the setup stops the run at its first batch
  mpi::Guard mpi_guard;      // MPI_Init here (not in main): the other commands never need MPI
  interrupt.install();       // again, in case MPI_Init replaced a handler
  KokkosGuard kokkos;
  if (args.quiet || mpi::rank() != 0) log::quiet() = true;
  const RunInput input = read_run_input(args.input);
  if (!args.restart.empty()) check_input_file(args.restart, "--restart");
  WallClock clock(args.walltime, parse_duration(args.margin, "--walltime-margin"), input.output.checkpoint_every);
  if (clock.limit() && mpi::rank() == 0)
    log::info("walltime {:.0f} s ({}): the run stops {} before it with a checkpoint", *clock.limit(),
              clock.limit_source(), args.margin);
  RunOptions options;
  options.progress = !log::quiet();
  options.output_directory = args.output_dir;
  options.stop = interrupt.flag();
  options.clock = &clock;
  options.restart = args.restart;
  options.max_memory_gb = args.max_memory;
  const RunResult result = run_kmc(input, options);
  if (mpi::rank() != 0) return 0;
  for (const auto& note : result.report.notes) log::warn("{}", note);
  fmt::print("{}", summary_table(result.report));
  for (const auto& f : result.files) log::info("wrote {}", f);
  for (const auto& e : result.errors) fmt::print(stderr, "error: {}\n", e);
  std::fflush(stdout);
  std::fflush(stderr);
  if (result.stopped == RunResult::Stop::signal) return interrupt.exit_code();
  if (result.stopped == RunResult::Stop::walltime) return 3;
  return result.errors.empty() ? 0 : 4;
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Kinetic Monte Carlo over a temperature list: D*, D_J, Haven ratio, sigma(T), Ea (input keys: doc/input.md)");
  cmd->add_option("input", args->input, "Input TOML file")->required();
  cmd->add_option("-o,--output-dir", args->output_dir, "Write the output files here (overrides [output] directory)");
  cmd->add_option("--restart", args->restart,
                  "Continue the run saved in this checkpoint (<output dir>/<prefix>.checkpoint.h5); the input must "
                  "be the same except for [output]");
  cmd->add_option("--walltime", args->walltime,
                  "Stop cleanly (checkpoint, partial results, exit 3) before this much wall time has passed: HH:MM:SS "
                  "or e.g. 2h30min (default: Slurm's SLURM_JOB_END_TIME when set)");
  cmd->add_option("--walltime-margin", args->margin, "Time kept free before the walltime (default 5min)");
  cmd->add_option("--max-memory", args->max_memory,
                  "Refuse to start when the memory estimate per rank exceeds this many GB (default: the available memory)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("-q,--quiet", args->quiet, "No progress output on stderr");
  cmd->callback([args] {
    const int code = run_command(*args);  // guards (MPI, Kokkos) are closed when it returns
    if (code != 0) std::exit(code);
  });
}

}  // namespace ionhop::app
