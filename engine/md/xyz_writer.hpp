#pragma once
// Extended XYZ trajectory frames (readable by OVITO and ASE): Lattice, Properties, Time (ps),
// pbc; unwrapped positions so that displacements can be read directly.
#include <cstdio>
#include <string>

#include "engine/md/md_system.hpp"

namespace ionhop::md {

class XyzWriter {
 public:
  explicit XyzWriter(const std::string& path);
  ~XyzWriter();
  XyzWriter(const XyzWriter&) = delete;
  XyzWriter& operator=(const XyzWriter&) = delete;
  void write_frame(const MdSystem& s, long step, double time_ps);

 private:
  std::string path_;
  FILE* f_ = nullptr;
};

}  // namespace ionhop::md
