#include "engine/io/append_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "engine/core/error.hpp"

namespace ionhop {

AppendFile::AppendFile(const std::string& path, std::int64_t resume_at) : path_(path) {
  if (resume_at >= 0) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || static_cast<std::int64_t>(size) < resume_at)
      fail("{}: cannot continue it: it has {} bytes, the checkpoint recorded {}", path,
           ec ? std::string("no") : std::to_string(size), resume_at);
    std::filesystem::resize_file(path, static_cast<std::uintmax_t>(resume_at), ec);
    if (ec) fail("{}: cannot cut it back to the checkpoint ({})", path, ec.message());
    f_ = std::fopen(path.c_str(), "ab");
    offset_ = resume_at;
  } else {
    f_ = std::fopen(path.c_str(), "wb");
  }
  if (!f_) throw OutputError(fmt::format("{}: cannot open for writing ({})", path, std::strerror(errno)));
}

AppendFile::~AppendFile() {
  if (f_) std::fclose(f_);
}

void AppendFile::write(const std::string& text) {
  if (!f_) throw OutputError(path_ + ": write after close");
  if (std::fwrite(text.data(), 1, text.size(), f_) != text.size())
    throw OutputError(fmt::format("{}: write failed ({})", path_, std::strerror(errno)));
  offset_ += static_cast<std::int64_t>(text.size());
}

void AppendFile::flush() {
  if (f_ && std::fflush(f_) != 0) throw OutputError(fmt::format("{}: write failed ({})", path_, std::strerror(errno)));
}

void AppendFile::close() {
  if (!f_) return;
  const int rc = std::fclose(f_);
  f_ = nullptr;
  if (rc != 0) throw OutputError(fmt::format("{}: write failed on close ({})", path_, std::strerror(errno)));
}

}  // namespace ionhop
