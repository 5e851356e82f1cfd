#pragma once
// Extended XYZ trajectory frames (readable by OVITO and ASE): Lattice, Properties, Time (ps),
// pbc; unwrapped positions so that displacements can be read directly.
#include <cstdint>
#include <string>

#include "engine/io/append_file.hpp"

#include "engine/md/md_system.hpp"

namespace ionhop::md {

class XyzWriter {
 public:
  // resume_at >= 0: continue the file at that byte count (AppendFile).
  explicit XyzWriter(const std::string& path, std::int64_t resume_at = -1);
  void write_frame(const MdSystem& s, long step, double time_ps);
  AppendFile& file() { return f_; }

 private:
  AppendFile f_;
};

}  // namespace ionhop::md
