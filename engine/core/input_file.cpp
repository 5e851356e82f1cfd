#include "engine/core/input_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/core/error.hpp"

namespace ionhop {

namespace fs = std::filesystem;

void check_input_file(const std::string& path, const std::string& what, std::uintmax_t max_bytes) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) fail("{}: {}: no such file", what, path);
  if (fs::is_directory(st)) fail("{}: {}: is a directory, not a file", what, path);
  if (!fs::is_regular_file(st)) fail("{}: {}: not a regular file (a FIFO, socket or device cannot be an input)", what, path);
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) fail("{}: {}: cannot read its size ({})", what, path, ec.message());
  if (size > max_bytes)
    fail("{}: {}: {} bytes, more than the {} MiB an input of this kind may have", what, path, size, max_bytes >> 20);
}

std::string read_text_file(const std::string& path, const std::string& what, std::uintmax_t max_bytes) {
  check_input_file(path, what, max_bytes);
  std::ifstream f(path, std::ios::binary);
  if (!f) fail("{}: {}: cannot open for reading", what, path);
  std::ostringstream ss;
  ss << f.rdbuf();
  if (f.bad()) fail("{}: {}: read error", what, path);
  return ss.str();
}

}  // namespace ionhop
