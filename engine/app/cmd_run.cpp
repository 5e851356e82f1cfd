// ionhop run INPUT.toml: KMC transport over a temperature list (engine/app/kmc_run.hpp).
// Exit codes (main.cpp): 0 done, 2 bad input, 130 interrupted with partial results written.
#include <cstdlib>
#include <memory>

#include <Kokkos_Core.hpp>
#include <fmt/core.h>

#include "engine/app/commands.hpp"
#include "engine/app/kokkos_guard.hpp"
#include "engine/app/interrupt.hpp"
#include "engine/app/kmc_run.hpp"
#include "engine/core/log.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

namespace {

struct RunArgs {
  std::string input;
  std::string output_dir;
  bool quiet = false;
};

int run_command(const RunArgs& args) {
  mpi::Guard mpi_guard;  // MPI_Init here (not in main): the other commands never need MPI
  KokkosGuard kokkos;
  if (args.quiet || mpi::rank() != 0) log::quiet() = true;
  const RunInput input = read_run_input(args.input);
  InterruptGuard interrupt;
  RunOptions options;
  options.progress = !log::quiet();
  options.output_directory = args.output_dir;
  options.stop = interrupt.flag();
  const RunResult result = run_kmc(input, options);
  if (mpi::rank() == 0) {
    for (const auto& note : result.report.notes) log::warn("{}", note);
    fmt::print("{}", summary_table(result.report));
    for (const auto& f : result.files) log::info("wrote {}", f);
    std::fflush(stdout);
  }
  return interrupt.requested() ? 130 : 0;
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Kinetic Monte Carlo over a temperature list: D*, D_J, Haven ratio, sigma(T), Ea (input keys: doc/input.md)");
  cmd->add_option("input", args->input, "Input TOML file")->required();
  cmd->add_option("-o,--output-dir", args->output_dir, "Write the output files here (overrides [output] directory)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress output on stderr");
  cmd->callback([args] {
    const int code = run_command(*args);  // guards (MPI, Kokkos) are closed when it returns
    if (code != 0) std::exit(code);
  });
}

}  // namespace ionhop::app
