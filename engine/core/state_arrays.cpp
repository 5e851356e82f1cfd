#include "engine/core/state_arrays.hpp"

#include "engine/core/error.hpp"

namespace ionhop {

namespace {

template <class M>
const auto& find(const M& m, const std::string& name, std::size_t expect) {
  const auto it = m.find(name);
  if (it == m.end()) fail("state: no entry '{}'", name);
  if (expect != SIZE_MAX && it->second.size() != expect)
    fail("state: entry '{}' has {} values, expected {} (another system?)", name, it->second.size(), expect);
  return it->second;
}


}  // namespace

const std::vector<double>& StateArrays::doubles(const std::string& name, std::size_t expect) const {
  return find(f64, name, expect);
}
const std::vector<std::int64_t>& StateArrays::ints(const std::string& name, std::size_t expect) const {
  return find(i64, name, expect);
}
const std::string& StateArrays::string(const std::string& name) const {
  const auto it = text.find(name);
  if (it == text.end()) fail("state: no entry '{}'", name);
  return it->second;
}

}  // namespace ionhop
