#pragma once
// Output files of a run (doc/output.md). Each is written to "<path>.tmp" and renamed to <path>
// when complete, so an error never leaves a truncated file under the final name.
#include <string>

#include "engine/io/run_report.hpp"

namespace ionhop {

void write_hdf5(const RunReport& report, const std::string& path);
void write_json(const RunReport& report, const std::string& path);
void write_csv(const RunReport& report, const std::string& path);

// `text` as the file `path`, atomically (below); a failure throws OutputError naming the file.
void write_text_atomically(const std::string& path, const std::string& text);

// Write via `write_to(tmp_path)`, sync it to disk, then rename onto `path`; the temporary is removed
// on failure, and an existing `path` stays as it was until the rename.
template <typename F>
void write_atomically(const std::string& path, F&& write_to);

}  // namespace ionhop

#include "engine/io/write_atomically.ipp"
