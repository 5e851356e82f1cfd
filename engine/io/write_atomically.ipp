// Implementation of write_atomically (included by writers.hpp).
#include <fcntl.h>
#include <unistd.h>

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
    // on disk before the rename makes it current (a node that crashes keeps the old file)
    const int fd = ::open(tmp.c_str(), O_RDONLY);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!synced) fail("{}: cannot sync to disk", tmp);
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
