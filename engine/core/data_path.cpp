#include "engine/core/data_path.hpp"

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "engine/core/error.hpp"

namespace ionhop {
namespace fs = std::filesystem;


static std::vector<std::string> data_roots() {
  std::vector<std::string> roots;
  if (const char* env = std::getenv("IONHOP_DATA_DIR")) roots.emplace_back(env);
  roots.emplace_back(IONHOP_INSTALL_DATA_DIR);
  roots.emplace_back(IONHOP_SOURCE_DATA_DIR);
  return roots;
}

std::string data_file(const std::string& relative) {
  std::string searched;
  for (const auto& root : data_roots()) {
    const fs::path p = fs::path(root) / relative;
    if (path_exists(p)) return p.string();
    searched += "\n  " + p.string();
  }
  fail("data file '{}' not found; searched:{}\n(set IONHOP_DATA_DIR to the ionhop data directory)",
       relative, searched);
}

std::string resolve_input_path(const std::string& path) {
  if (path_exists(path)) return path;
  for (const auto& root : data_roots()) {
    const fs::path p = fs::path(root) / path;
    if (path_exists(p)) return p.string();
  }
  fail("{}: no such file", path);
}

bool path_exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

}  // namespace ionhop
