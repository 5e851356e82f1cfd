// ionhop: command-line entry point. Exit codes (doc/user-guide.md §Exit codes): 0 success, 2 bad
// input or usage (error: ... on stderr), 1 unexpected internal failure, 3 stopped at the walltime,
// 128 + N stopped by signal N (130 SIGINT, 138 SIGUSR1, 143 SIGTERM) -- both with a checkpoint
// and partial results written, 4 results computed but some output file could not be written.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "engine/app/commands.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/parallel/mpi.hpp"

int main(int argc, char** argv) {
  CLI::App app{"ionhop " IONHOP_VERSION
               " - Na+/Li+ hopping in solid electrolytes by kinetic Monte Carlo and molecular dynamics"};
  app.set_version_flag("-V,--version", "ionhop " IONHOP_VERSION);
  app.add_flag_callback("-q,--quiet", [] { ionhop::log::quiet() = true; }, "No progress output on stderr");
  app.require_subcommand(1);
  ionhop::app::add_info_command(app);
  ionhop::app::add_run_command(app);
  ionhop::app::add_bvse_command(app);
  ionhop::app::add_screen_command(app);
  ionhop::app::add_md_command(app);
  ionhop::app::add_export_lammps_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help / --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const ionhop::OutputError& e) {
    ionhop::mpi::end_with_error(fmt::format("error: {}", e.what()), 4);
    return 4;
  } catch (const ionhop::Error& e) {
    ionhop::mpi::end_with_error(fmt::format("error: {}", e.what()), 2);
    return 2;
  } catch (const std::bad_alloc&) {
    ionhop::mpi::end_with_error("error: out of memory (the estimate printed at the start says what the run needs)", 1);
    return 1;
  } catch (const std::exception& e) {
    ionhop::mpi::end_with_error(fmt::format("internal error: {}", e.what()), 1);
    return 1;
  }
  return 0;
}
