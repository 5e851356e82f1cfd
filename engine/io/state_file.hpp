#pragma once
// StateArrays (engine/core/state_arrays.hpp) as a flat HDF5 file: the form of the MD checkpoint. Written to
// "<path>.tmp", closed with its status checked, synced and renamed: a process killed while
// writing leaves the previous file as it was.
#include <string>

#include "engine/core/state_arrays.hpp"

namespace ionhop {


// `format` names the kind of file (root attribute "format"), checked again on reading.
void write_state_file(const StateArrays& s, const std::string& path, const std::string& format);
StateArrays read_state_file(const std::string& path, const std::string& format);  // Error names the file

}  // namespace ionhop
