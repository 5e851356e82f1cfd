// Implementation of write_atomically (included by writers.hpp).
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "engine/core/error.hpp"

namespace ionhop {

template <typename F>
void write_atomically(const std::string& path, F&& write_to) {
  const std::string tmp = path + ".tmp";
  try {
    write_to(tmp);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    const std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    fail("{}: cannot write ({})", path, why);
  }
}

}  // namespace ionhop
