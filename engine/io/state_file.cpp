#include "engine/io/state_file.hpp"

#include "engine/core/error.hpp"
#include "engine/io/hdf5_read.hpp"
#include "engine/io/writers.hpp"

namespace ionhop {

namespace {

// Names hold '/' for readability in h5py; HDF5 makes them nested groups, so they are kept flat.
std::string key(const std::string& name) {
  std::string k = name;
  for (char& c : k)
    if (c == '/') c = '|';
  return k;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t end = std::min(s.find('\n', pos), s.size());
    out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

void write_state_file(const StateArrays& s, const std::string& path, const std::string& format) {
  write_atomically(path, [&](const std::string& tmp) {
    h5::Handle f = h5::create_file(tmp);
    h5::attr(f.id(), "format", format);
    std::string names[3];
    for (const auto& [name, v] : s.f64) h5::write(f.id(), "f64:" + key(name), v), names[0] += name + "\n";
    for (const auto& [name, v] : s.i64) h5::write(f.id(), "i64:" + key(name), v), names[1] += name + "\n";
    for (const auto& [name, v] : s.text) h5::write(f.id(), "str:" + key(name), v), names[2] += name + "\n";
    h5::attr(f.id(), "f64_names", names[0]);
    h5::attr(f.id(), "i64_names", names[1]);
    h5::attr(f.id(), "str_names", names[2]);
    h5::close_file(f, tmp);
  });
}

StateArrays read_state_file(const std::string& path, const std::string& format) {
  StateArrays s;
  try {
    h5::Handle f = h5::open_file(path);
    if (!H5Aexists(f.id(), "format") || h5::attr_string(f.id(), "format") != format)
      fail("not an {} file (root attribute format)", format);
    for (const auto& n : split(h5::attr_string(f.id(), "f64_names"))) s.f64[n] = h5::read_doubles(f.id(), "f64:" + key(n));
    for (const auto& n : split(h5::attr_string(f.id(), "i64_names"))) s.i64[n] = h5::read_int64s(f.id(), "i64:" + key(n));
    for (const auto& n : split(h5::attr_string(f.id(), "str_names"))) s.text[n] = h5::read_string(f.id(), "str:" + key(n));
  } catch (const Error& e) {
    fail("{}: {}", path, e.what());
  }
  return s;
}

}  // namespace ionhop
