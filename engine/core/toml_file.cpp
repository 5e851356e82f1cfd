#include "engine/core/toml_file.hpp"

#include <sstream>

#include "engine/core/error.hpp"
#include "engine/core/input_file.hpp"

namespace ionhop {

namespace {

// Deepest nesting of [ and { outside strings and comments, failing at the first level past the
// limit. Strings: "..." with escapes, '...', and the multi-line forms.
void check_nesting(const std::string& t, const std::string& path) {
  int depth = 0, line = 1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\n') ++line;
    if (c == '#') {
      while (i < t.size() && t[i] != '\n') ++i;
      ++line;
      continue;
    }
    if (c == '"' || c == '\'') {
      const bool multi = t.compare(i, 3, std::string(3, c)) == 0;
      const std::string close = multi ? std::string(3, c) : std::string(1, c);
      i += close.size();
      while (i < t.size() && t.compare(i, close.size(), close) != 0) {
        if (t[i] == '\n') ++line;
        if (c == '"' && t[i] == '\\') ++i;  // escaped character
        ++i;
      }
      i += close.size() - 1;
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > kMaxTomlNesting)
        fail("{}: line {}: arrays or inline tables nested more than {} deep", path, line, kMaxTomlNesting);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

}  // namespace

std::string toml_message_line(const std::string& what) {
  std::string line = what.substr(0, what.find('\n'));
  if (line.rfind("[error] ", 0) == 0) line.erase(0, 8);
  return line;
}

toml::value parse_toml_text(const std::string& text, const std::string& path) {
  check_nesting(text, path);
  try {
    std::istringstream stream(text);
    return toml::parse(stream, path);
  } catch (const std::exception& e) {
    fail("{}: not valid TOML:\n{}", path, e.what());
  }
}

toml::value parse_toml_file(const std::string& path, const std::string& what) {
  return parse_toml_text(read_text_file(path, what), path);
}

}  // namespace ionhop
