#include "engine/app/output_directory.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "engine/core/error.hpp"

namespace ionhop::app {

namespace fs = std::filesystem;

void prepare_output_directory(const std::string& dir, const std::string& input, double need_bytes) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    fail("{}: output directory '{}' cannot be created ({})", input, dir, ec ? ec.message() : "not a directory");
  const fs::path probe = fs::path(dir) / fmt::format(".ionhop-write-test-{}", ::getpid());
  {
    std::ofstream f(probe);
    f << "ionhop\n";
    f.close();
    if (!f) {
      fs::remove(probe, ec);
      fail("{}: output directory '{}' is not writable", input, dir);
    }
  }
  fs::remove(probe, ec);
  struct statvfs st {};
  if (::statvfs(dir.c_str(), &st) == 0) {
    const double free_bytes = static_cast<double>(st.f_bavail) * static_cast<double>(st.f_frsize);
    if (free_bytes < need_bytes)
      fail("{}: output directory '{}' has {:.1f} MB free; the checkpoint and results need about {:.1f} MB", input, dir,
           free_bytes / 1e6, need_bytes / 1e6);
  }
}

}  // namespace ionhop::app
