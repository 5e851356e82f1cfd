#pragma once
// Locating data shipped with ionhop (structures/, potentials/). Search order: $IONHOP_DATA_DIR,
// the installed share/ionhop, then the source tree the binary was built from.
#include <string>

namespace ionhop {

// Path to a shipped data file given relative to the data root, e.g. "potentials/shannon_radii.toml".
// Throws ionhop::Error naming every place searched if the file is not found.
std::string data_file(const std::string& relative);

// Resolve a user-given path: as given if it exists, else as a shipped data file (so that
// `ionhop info structures/nasicon_Na3Zr2Si2PO12.cif` works from any directory).
std::string resolve_input_path(const std::string& path);

// Whether `path` exists, without exceptions: a name too long or in an unreadable folder is simply
// not there (std::filesystem::exists would throw).
bool path_exists(const std::string& path);

}  // namespace ionhop
