#pragma once
// ionhop::Error: the one exception type of the library. Its message names the file, line or input
// key at fault; the CLI prints "error: <message>" and exits with code 2 (bad input).
#include <stdexcept>
#include <string>
#include <fmt/format.h>

namespace ionhop {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

// An output that could not be written (full disk, quota, read-only folder) after the input was
// accepted: the CLI prints "error: <message>" and exits with code 4.
class OutputError : public Error {
 public:
  explicit OutputError(const std::string& what) : Error(what) {}
};

// fail("{}: key '{}' must be > 0", file, key) — throw an Error with a formatted message.
template <typename... Args>
[[noreturn]] void fail(fmt::format_string<Args...> f, Args&&... args) {
  throw Error(fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace ionhop
