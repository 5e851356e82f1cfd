#pragma once
// What a checkpoint remembers of the input that made it: every key of the input TOML flattened to
// "table.key" -> its value as TOML text, and a hash of the contents of each file the input names
// ("structure.file (contents)"). A restart compares the two and names the first key that differs;
// keys that cannot change results (the [output] table) are ignored.
#include <map>
#include <string>
#include <vector>

#include <toml.hpp>

namespace ionhop::app {

using InputFingerprint = std::map<std::string, std::string>;

// `files`: (key, resolved path) of the files whose contents matter.
InputFingerprint input_fingerprint(const toml::value& root, const std::vector<std::pair<std::string, std::string>>& files);

std::string fingerprint_json(const InputFingerprint& f);
InputFingerprint fingerprint_from_json(const std::string& text);  // throws Error on malformed text

// "" if the two agree on every key outside the ignored tables; otherwise a one-line reason naming
// the first key that differs, with both values.
std::string fingerprint_difference(const InputFingerprint& saved, const InputFingerprint& now,
                                   const std::vector<std::string>& ignored_tables = {"output"});

// FNV-1a 64-bit hash of a file's bytes, as 16 hex digits (change detection, not security).
std::string file_hash(const std::string& path);
std::string text_hash(const std::string& text);  // the same hash of a string

}  // namespace ionhop::app
