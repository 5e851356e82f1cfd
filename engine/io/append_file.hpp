#pragma once
// A text output written as a run goes (MD thermo table, XYZ trajectory): every write checked, the
// byte count kept so that a checkpoint can record it, and on a restart the file cut back to that
// count and continued, so it holds exactly what an uninterrupted run would have written.
#include <cstdint>
#include <cstdio>
#include <string>

namespace ionhop {

class AppendFile {
 public:
  // resume_at < 0: create (truncate); otherwise continue an existing file at that byte count.
  AppendFile(const std::string& path, std::int64_t resume_at = -1);
  ~AppendFile();
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;

  void write(const std::string& text);  // throws OutputError naming the file
  void flush();                         // to the OS, checked
  void close();                         // checked; the destructor closes unchecked
  std::int64_t offset() const { return offset_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::FILE* f_ = nullptr;
  std::int64_t offset_ = 0;
};

}  // namespace ionhop
