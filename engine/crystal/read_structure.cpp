// read_structure: choose the reader from the file name.
#include <algorithm>
#include <cctype>

#include "engine/core/error.hpp"
#include "engine/core/input_file.hpp"
#include "engine/crystal/read_structure.hpp"

namespace ionhop {

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

Crystal read_structure(const std::string& path, const ReadOptions& opt) {
  check_input_file(path, "structure file", kMaxTextInputBytes);  // before the name: a FIFO must not be opened
  const std::string name = lower(path.substr(path.find_last_of('/') + 1));
  if (ends_with(name, ".cif")) return read_cif(path, opt);
  if (name.rfind("poscar", 0) == 0 || name.rfind("contcar", 0) == 0 || ends_with(name, ".vasp") ||
      ends_with(name, ".poscar"))
    return read_poscar(path, opt);
  fail("{}: unknown structure file type: expected *.cif, POSCAR*, CONTCAR*, *.vasp or *.poscar", path);
}

}  // namespace ionhop
