#pragma once
// The results of `ionhop screen`: one row per composition (JSON, written atomically as each
// composition finishes, with the hash of everything its result depends on), and the ranked table
// made from the rows (screen.csv / screen.json / screen.h5; columns in doc/screening.md).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/app/screen_input.hpp"
#include "engine/io/run_report.hpp"

namespace ionhop::app {

// The row of a finished composition (`spec`: its composition as run). `hash`: point_hash of its run
// input; `bvse`: the BVSE landscape of its structure (percolation energies, scale) or null.
nlohmann::json screen_row(const ScreenPoint& p, const RunReport& report, const CompositionSpec& spec,
                          const std::string& hash, const nlohmann::json& bvse);

// 16 hex digits over the run input's fingerprint (every key and the contents of every file it
// names, without [output]): a row is reused only while this is unchanged.
std::string point_hash(const RunInput& in);

std::string row_path(const std::string& directory, const std::string& id);  // <directory>/rows/<id>.json
void write_row(const std::string& directory, const nlohmann::json& row);   // atomically
// The saved row of `id` if it exists, is readable and has this hash; nullopt otherwise.
std::optional<nlohmann::json> read_row(const std::string& directory, const std::string& id, const std::string& hash);

struct ScreenTable {
  std::vector<nlohmann::json> rows;  // ranked: highest σ(T_rank) first; rows without σ last
  std::vector<std::string> missing;  // points without a (current) row
  double rank_temperature = 0;
};

// Rank the rows: by σ at rank_temperature; each row gets "rank" and "same_as_next" (its σ and the
// next row's differ by less than 2 combined standard errors: not distinguishable).
ScreenTable rank_rows(std::vector<nlohmann::json> rows, double rank_temperature);

// <directory>/screen.csv, screen.json, screen.h5 (each atomically); returns the files written.
std::vector<std::string> write_screen_table(const ScreenTable& t, const ScreenInput& in, const std::string& directory);

// The ranking as printed at the end of a screen.
std::string screen_summary(const ScreenTable& t);

}  // namespace ionhop::app
