#pragma once
// Every TOML input (run and MD inputs, model files, force fields, BVSE parameters) is read through
// here: a regular file of at most 64 MiB (engine/core/input_file.hpp), arrays and inline tables
// nested at most 32 deep (the parser recurses once per level: a file of 10^5 '[' would overflow
// the stack), then parsed. Errors name the file, the line and the reason.
#include <string>

#include <toml.hpp>

namespace ionhop {

constexpr int kMaxTomlNesting = 32;

// `what` says what the file is in messages ("input file", "force field", ...).
toml::value parse_toml_file(const std::string& path, const std::string& what);
// The same for text already read from `path`.
toml::value parse_toml_text(const std::string& text, const std::string& path);

}  // namespace ionhop
