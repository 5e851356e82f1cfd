#pragma once
// Input files are checked before they are read: they must exist and be regular files (a FIFO, a
// device such as /dev/zero or a directory would hang or never end a read), and text inputs are
// read only up to a size limit, with a message naming the file.
#include <cstdint>
#include <string>

namespace ionhop {

// Largest text input (TOML, CIF, POSCAR, force fields, model files) read: 64 MiB.
constexpr std::uintmax_t kMaxTextInputBytes = 64ull << 20;

// Throws Error "<what>: <path>: <reason>" unless `path` is a regular file of at most max_bytes.
void check_input_file(const std::string& path, const std::string& what, std::uintmax_t max_bytes = UINTMAX_MAX);

// The whole file, after check_input_file(path, what, max_bytes).
std::string read_text_file(const std::string& path, const std::string& what,
                           std::uintmax_t max_bytes = kMaxTextInputBytes);

}  // namespace ionhop
