// ionhop screen SCREEN.toml: a composition grid, each composition an `ionhop run`, ranked into one
// table (engine/app/screen_run.hpp, doc/screening.md). Exit codes as `ionhop run`: 0 done, 2 bad
// input, 3 stopped at the walltime, 4 an output file not written, 128 + N stopped by signal N; a
// rerun of the same command continues (finished compositions are kept, stopped ones resume).
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <fmt/core.h>

#include "engine/app/commands.hpp"
#include "engine/app/interrupt.hpp"
#include "engine/app/kokkos_guard.hpp"
#include "engine/app/screen_bvse.hpp"
#include "engine/app/screen_run.hpp"
#include "engine/io/writers.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

namespace {

struct ScreenArgs {
  std::string input, output_dir, slice, walltime, margin = "5min", inputs;
  double max_memory = 0;
  bool merge = false, list = false, quiet = false;
};

// "I/N" (0 <= I < N), or "array": Slurm's SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT tasks
// (task ids from SLURM_ARRAY_TASK_MIN).
std::pair<int, int> parse_slice(const std::string& s) {
  if (s.empty()) return {0, 1};
  auto to_int = [&](const char* text, const std::string& what) {
    try {
      size_t used = 0;
      const int v = std::stoi(text, &used);
      if (text[used] != '\0') throw std::invalid_argument(text);
      return v;
    } catch (const std::exception&) {
      fail("--slice {}: {} '{}' is not an integer", s, what, text);
    }
  };
  int i = 0, n = 0;
  if (s == "array") {
    const char *id = std::getenv("SLURM_ARRAY_TASK_ID"), *count = std::getenv("SLURM_ARRAY_TASK_COUNT"),
               *first = std::getenv("SLURM_ARRAY_TASK_MIN");
    if (!id || !count) fail("--slice array: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are not set (not a Slurm array task)");
    i = to_int(id, "SLURM_ARRAY_TASK_ID") - (first ? to_int(first, "SLURM_ARRAY_TASK_MIN") : 0);
    n = to_int(count, "SLURM_ARRAY_TASK_COUNT");
  } else {
    const size_t slash = s.find('/');
    if (slash == std::string::npos) fail("--slice '{}': expected I/N (slice I of N, 0 <= I < N) or 'array'", s);
    i = to_int(s.substr(0, slash).c_str(), "I");
    n = to_int(s.substr(slash + 1).c_str(), "N");
  }
  if (!(n >= 1 && i >= 0 && i < n)) fail("--slice {}: needs 0 <= I < N, got I = {}, N = {}", s, i, n);
  return {i, n};
}

int screen_command(const ScreenArgs& args) {
  InterruptGuard interrupt;
  mpi::Guard mpi_guard;
  interrupt.install();
  KokkosGuard kokkos;
  if (args.quiet || mpi::rank() != 0) log::quiet() = true;
  const ScreenInput in = read_screen_input(args.input);
  const auto [slice, n_slices] = parse_slice(args.slice);
  if (args.merge && !args.slice.empty()) fail("--merge makes the table of every slice: leave --slice out");
  if (args.list) {  // the grid, nothing run
    if (mpi::rank() == 0)
      for (size_t i = 0; i < in.points.size(); ++i)
        if (static_cast<int>(i) % n_slices == slice) {
          std::string series;
          for (const auto& s : in.points[i].series) series += (series.empty() ? "" : "+") + s;
          fmt::print("{:>4}  {:<32} {}\n", i, in.points[i].id, series);
        }
    return 0;
  }
  if (!args.inputs.empty()) {  // each composition as an `ionhop run` input (BVSE models made first)
    const std::string dir = args.output_dir.empty() ? in.directory : args.output_dir;
    if (mpi::rank() != 0) return 0;
    check_compositions(in);
    std::filesystem::create_directories(args.inputs);
    for (size_t i = 0; i < in.points.size(); ++i) {
      if (static_cast<int>(i) % n_slices != slice) continue;
      std::string model;
      if (in.bvse.enabled) {
        make_screen_model(in, in.points[i], dir, true);
        model = screen_model_path(in, in.points[i], dir).file;
      }
      const std::string path = (std::filesystem::path(args.inputs) / (in.points[i].id + ".toml")).string();
      write_text_atomically(path, point_export_text(in, in.points[i], dir, model));
      fmt::print("{}\n", path);
    }
    return 0;
  }
  // [output] checkpoint_every of the screen file: the interval of every composition's checkpoints
  const double every = point_run_input(in, in.points.front(), in.directory, "").output.checkpoint_every;
  WallClock clock(args.walltime, parse_duration(args.margin, "--walltime-margin"), every);
  ScreenOptions o;
  o.directory = args.output_dir;
  o.slice = slice;
  o.n_slices = n_slices;
  o.merge = args.merge;
  o.progress = !args.quiet;  // group leaders talk (run_screen sets log::quiet per group)
  o.stop = interrupt.flag();
  o.clock = &clock;
  o.max_memory_gb = args.max_memory;
  const ScreenResult r = run_screen(in, o);
  if (mpi::rank() != 0) return 0;
  if (r.table_written) {
    fmt::print("{}", screen_summary(r.table));
    for (const auto& f : r.files) log::info("wrote {}", f);
  } else if (!args.merge) {
    log::info("slice {} of {}: {} compositions done now, {} before; make the table with: ionhop screen {} --merge", slice,
              n_slices, r.finished_now, r.finished_before, args.input);
  }
  for (const auto& e : r.errors) fmt::print(stderr, "error: {}\n", e);
  std::fflush(stdout);
  std::fflush(stderr);
  if (r.stopped != ScreenResult::Stop::none)
    log::warn("screen stopped ({}): finished compositions are kept; run the same command again to continue",
              r.stopped == ScreenResult::Stop::signal ? "signal" : "walltime");
  if (r.stopped == ScreenResult::Stop::signal) return interrupt.exit_code();
  if (r.stopped == ScreenResult::Stop::walltime) return 3;
  return r.errors.empty() ? 0 : 4;
}

}  // namespace

void add_screen_command(CLI::App& app) {
  auto args = std::make_shared<ScreenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "screen", "Composition screening: KMC transport over a grid of dopant compositions, ranked (doc/screening.md)");
  cmd->add_option("input", args->input, "Screen TOML file")->required();
  cmd->add_option("-o,--output-dir", args->output_dir, "Write rows, runs and tables here (overrides [screen] directory)");
  cmd->add_option("--slice", args->slice,
                  "Run only slice I of N of the grid (I/N, 0 <= I < N), or 'array' for the Slurm array task; the rows "
                  "are written, the table is made with --merge");
  cmd->add_flag("--merge", args->merge, "Run nothing: rank the finished rows into the table (after array slices)");
  cmd->add_option("--inputs", args->inputs,
                  "Write each composition's `ionhop run` input to this folder (<id>.toml, absolute paths) and stop");
  cmd->add_flag("--list", args->list, "Print the compositions of the grid (of the slice) and stop");
  cmd->add_option("--walltime", args->walltime,
                  "Stop cleanly before this much wall time has passed (default: Slurm's SLURM_JOB_END_TIME when set)");
  cmd->add_option("--walltime-margin", args->margin, "Time kept free before the walltime (default 5min)");
  cmd->add_option("--max-memory", args->max_memory, "Refuse a composition whose memory estimate per rank exceeds this many GB")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("-q,--quiet", args->quiet, "No progress output on stderr");
  cmd->callback([args] {
    const int code = screen_command(*args);
    if (code != 0) std::exit(code);
  });
}

}  // namespace ionhop::app
