#include "engine/app/screen_run.hpp"

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "engine/app/kmc_checkpoint.hpp"
#include "engine/app/kmc_run.hpp"
#include "engine/app/screen_bvse.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::app {

namespace fs = std::filesystem;

namespace {

// The checkpoint a stopped composition left, if it belongs to this very input: continue from it.
std::string usable_checkpoint(const RunInput& ri) {
  const std::string ck = checkpoint_path(ri, "");
  if (!fs::exists(ck)) return "";
  try {
    if (fingerprint_difference(read_kmc_checkpoint(ck).input, ri.fingerprint).empty()) return ck;
  } catch (const Error&) {  // unreadable: start the composition over
  }
  return "";
}

// The run input and hash of every point (model files of the BVSE route where they exist).
struct Resolved {
  std::vector<RunInput> inputs;
  std::vector<std::string> hashes;  // "" when the point's BVSE model is not made yet
  std::vector<nlohmann::json> bvse;
};

Resolved resolve_points(const ScreenInput& in, const std::string& dir) {
  Resolved r;
  for (const auto& p : in.points) {
    std::string model;
    nlohmann::json bv;
    if (in.bvse.enabled) {
      const ScreenModel m = screen_model_path(in, p, dir);
      if (fs::exists(m.file)) model = m.file, bv = screen_bvse_summary(m);
    }
    if (in.bvse.enabled && model.empty()) {
      r.inputs.emplace_back();
      r.hashes.emplace_back();
    } else {
      r.inputs.push_back(point_run_input(in, p, dir, model));
      r.hashes.push_back(point_hash(r.inputs.back()));
    }
    r.bvse.push_back(bv);
  }
  return r;
}

}  // namespace

ScreenResult run_screen(const ScreenInput& in, const ScreenOptions& o) {
  const int world_rank = mpi::rank(), world_size = mpi::size();
  const std::string dir = o.directory.empty() ? in.directory : o.directory;
  const bool talk = o.progress && world_rank == 0;
  const int n = static_cast<int>(in.points.size());
  auto mine = [&](int i) { return i % o.n_slices == o.slice; };
  ScreenResult res;
  if (!o.merge) {
    check_compositions(in);  // every point decorates: a bad one stops the screen here, before any work
    if (world_rank == 0) {
      std::error_code ec;
      fs::create_directories(dir, ec);
      if (ec) throw OutputError(fmt::format("{}: cannot create the screen folder ({})", dir, ec.message()));
      if (in.bvse.enabled)  // rank 0 makes the BVSE models this slice needs (each once; cached)
        for (int i = 0; i < n; ++i)
          if (mine(i)) make_screen_model(in, in.points[i], dir, talk);
    }
    mpi::barrier();
  }
  Resolved rs = resolve_points(in, dir);

  // What is left to do: rank 0 looks at the rows, every rank learns the answer.
  std::vector<int> todo_flag(n, 0);
  if (world_rank == 0)
    for (int i = 0; i < n; ++i) {
      const bool done = !rs.hashes[i].empty() && read_row(dir, in.points[i].id, rs.hashes[i]).has_value();
      if (mine(i)) (done ? res.finished_before : todo_flag[i]) += 1;
    }
  if (o.merge) std::fill(todo_flag.begin(), todo_flag.end(), 0);
  todo_flag = mpi::max_over_ranks(todo_flag);
  std::vector<int> todo;
  for (int i = 0; i < n; ++i)
    if (todo_flag[i]) todo.push_back(i);
  if (talk && !o.merge)
    log::info("screen {}: {} compositions{}, {} finished before, {} to run on {} rank(s)", in.path, n,
              o.n_slices > 1 ? fmt::format(" (slice {} of {}: {})", o.slice, o.n_slices, (n - o.slice + o.n_slices - 1) / o.n_slices) : "",
              res.finished_before, todo.size(), world_size);

  // Groups of ranks: one composition each at a time; a composition's replicas stay on its group.
  int stop_code = 0;  // 1 signal, 2 walltime
  if (!todo.empty()) {
    // [parallel] kmc = "domains": every composition on all ranks in turn (its domains need them)
    const bool domains = rs.inputs[static_cast<size_t>(todo.front())].parallel.domains;
    const int groups = domains ? 1 : std::min<int>(world_size, static_cast<int>(todo.size()));
    const mpi::Comm group = mpi::Comm().split(world_rank % groups);
    const bool leader = group.rank() == 0;
    const bool was_quiet = log::quiet();
    log::quiet() = !(leader && o.progress);  // each group's leader reports its compositions
    const auto t0 = std::chrono::steady_clock::now();
    int done_here = 0;
    const int mine_total = static_cast<int>((todo.size() - world_rank % groups + groups - 1) / groups);
    for (size_t k = world_rank % groups; k < todo.size(); k += groups) {
      const int i = todo[k];
      const ScreenPoint& p = in.points[i];
      mpi::JobScope scope(group);
      if (mpi::any_over_ranks(o.stop && o.stop->load()) || (o.clock && mpi::any_over_ranks(o.clock->past_deadline()))) {
        stop_code = std::max(stop_code, o.stop && o.stop->load() ? 1 : 2);
        break;
      }
      RunOptions ro;
      ro.progress = o.progress && leader && groups == 1;  // several groups: one line per composition
      ro.stop = o.stop;
      ro.clock = o.clock;
      ro.max_memory_gb = o.max_memory_gb;
      ro.restart = usable_checkpoint(rs.inputs[i]);
      if (o.progress && leader)
        log::info("composition {} of {}: {}{}{}", k + 1, todo.size(), p.id, groups > 1 ? fmt::format(" (group {})", world_rank % groups) : "",
                  ro.restart.empty() ? "" : ", continued from its checkpoint");
      const RunResult rr = run_kmc(rs.inputs[i], ro);
      if (rr.stopped != RunResult::Stop::none) {
        stop_code = std::max(stop_code, rr.stopped == RunResult::Stop::signal ? 1 : 2);
        break;
      }
      if (!leader) continue;
      for (const auto& e : rr.errors) res.errors.push_back(fmt::format("{}: {}", p.id, e));
      if (!rr.errors.empty()) continue;
      write_row(dir, screen_row(p, rr.report, rs.inputs[i].composition, rs.hashes[i], rs.bvse[i]));
      ++res.finished_now;
      ++done_here;
      if (o.progress) {
        const auto& t = rr.report.temperatures;
        const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        log::info("composition {} done: sigma({:g} K) = {:.3e} S/cm; {} of {} here in {:.0f} s, about {:.0f} s left", p.id,
                  t.empty() ? 0.0 : t.front().transport.temperature, t.empty() ? 0.0 : t.front().transport.sigma.value,
                  done_here, mine_total, spent, spent / done_here * (mine_total - done_here));
      }
    }
    log::quiet() = was_quiet;
  }
  stop_code = mpi::max_over_ranks({stop_code})[0];
  res.finished_now = static_cast<int>(mpi::sum_in_rank_order({double(res.finished_now)})[0]);
  res.stopped = stop_code == 1 ? ScreenResult::Stop::signal : stop_code == 2 ? ScreenResult::Stop::walltime : ScreenResult::Stop::none;
  // errors and counts of other group leaders reach rank 0 through the rows on disk
  if (world_rank != 0) return res;
  if (o.n_slices > 1 && !o.merge) return res;  // a slice writes rows only: --merge makes the table
  std::vector<nlohmann::json> rows;
  std::vector<std::string> missing;
  for (int i = 0; i < n; ++i) {
    std::optional<nlohmann::json> r;
    if (!rs.hashes[i].empty()) r = read_row(dir, in.points[i].id, rs.hashes[i]);
    if (r) rows.push_back(std::move(*r));
    else missing.push_back(in.points[i].id);
  }
  res.table = rank_rows(std::move(rows), in.rank_temperature);
  res.table.missing = missing;
  try {
    res.files = write_screen_table(res.table, in, dir);
    res.table_written = true;
  } catch (const Error& e) {
    res.errors.push_back(e.what());
  }
  return res;
}

}  // namespace ionhop::app
