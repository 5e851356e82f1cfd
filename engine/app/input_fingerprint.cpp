#include "engine/app/input_fingerprint.hpp"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/core/error.hpp"
#include "engine/core/input_file.hpp"

namespace ionhop::app {

namespace {

void flatten(const toml::value& v, const std::string& key, InputFingerprint& out) {
  if (v.is_table()) {
    for (const auto& kv : v.as_table()) flatten(kv.second, key.empty() ? kv.first : key + "." + kv.first, out);
    return;
  }
  std::string text = toml::format(v, std::size_t{1} << 30);  // wide enough: arrays stay on one line
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  out[key] = text;
}

bool ignored(const std::string& key, const std::vector<std::string>& tables) {
  for (const auto& t : tables)
    if (key == t || key.compare(0, t.size() + 1, t + ".") == 0) return true;
  return false;
}

}  // namespace

namespace {
void fnv1a(std::uint64_t& h, const char* data, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 1099511628211ull;
  }
}
constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
}  // namespace

std::string file_hash(const std::string& path) {
  check_input_file(path, "input file");  // not a FIFO or device: the hash must end
  std::ifstream f(path, std::ios::binary);
  if (!f) fail("{}: cannot read (to fingerprint the input)", path);
  std::uint64_t h = kFnvOffset;
  char buf[65536];
  while (f.read(buf, sizeof buf) || f.gcount() > 0) fnv1a(h, buf, static_cast<std::size_t>(f.gcount()));
  return fmt::format("{:016x}", h);
}

std::string text_hash(const std::string& text) {
  std::uint64_t h = kFnvOffset;
  fnv1a(h, text.data(), text.size());
  return fmt::format("{:016x}", h);
}

InputFingerprint input_fingerprint(const toml::value& root, const std::vector<std::pair<std::string, std::string>>& files) {
  InputFingerprint f;
  flatten(root, "", f);
  for (const auto& [key, path] : files)
    if (!path.empty()) {
      check_input_file(path, key);  // named by its key: not a FIFO, device or folder
      f[key + " (contents)"] = file_hash(path);
    }
  return f;
}

std::string fingerprint_json(const InputFingerprint& f) { return nlohmann::json(f).dump(); }

InputFingerprint fingerprint_from_json(const std::string& text) {
  try {
    return nlohmann::json::parse(text).get<InputFingerprint>();
  } catch (const std::exception& e) {
    fail("the stored input fingerprint cannot be read ({})", e.what());
  }
}

std::string fingerprint_difference(const InputFingerprint& saved, const InputFingerprint& now,
                                   const std::vector<std::string>& ignored_tables) {
  for (const auto& [key, value] : now) {
    if (ignored(key, ignored_tables)) continue;
    const auto it = saved.find(key);
    if (it == saved.end()) return fmt::format("key {} = {} is new (the checkpoint's input has no such key)", key, value);
    if (it->second != value) return fmt::format("key {} differs: {} in the checkpoint, {} now", key, it->second, value);
  }
  for (const auto& [key, value] : saved)
    if (!ignored(key, ignored_tables) && !now.count(key))
      return fmt::format("key {} = {} of the checkpoint's input is missing now", key, value);
  return "";
}

}  // namespace ionhop::app
