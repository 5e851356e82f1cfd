#pragma once
// Every TOML input (run and MD inputs, model files, force fields, BVSE parameters) is read through
// here: a regular file of at most 64 MiB (engine/core/input_file.hpp), arrays and inline tables
// nested at most 32 deep (the parser recurses once per level: a file of 10^5 '[' would overflow
// the stack), then parsed. Errors name the file, the line and the reason.
#include <string>

#include <toml.hpp>

#include "engine/core/error.hpp"

namespace ionhop {

constexpr int kMaxTomlNesting = 32;

// `what` says what the file is in messages ("input file", "force field", ...).
toml::value parse_toml_file(const std::string& path, const std::string& what);
// The same for text already read from `path`.
toml::value parse_toml_text(const std::string& text, const std::string& path);

// The first line of a toml11 message without its "[error] " tag (they span several lines).
std::string toml_message_line(const std::string& what);

// f(), with an error of toml11 (a missing key or a value of the wrong type met by toml::find)
// turned into an ionhop::Error "<path>: <first line>"; ionhop::Errors pass unchanged.
template <class F>
auto with_toml_errors(const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(path + ": " + toml_message_line(e.what()));
  }
}

}  // namespace ionhop
