#include "engine/composition/resolve_exclusion.hpp"

#include <algorithm>

#include "engine/composition/host_philox.hpp"
#include "engine/core/error.hpp"

namespace ionhop {

namespace {
constexpr std::uint32_t kExclusionStream = 3;  // decorate.cpp uses stream 2
constexpr int kDraws = 32;                     // random free sites tried per move
}  // namespace

void resolve_exclusion(std::vector<std::uint8_t>& occ, const std::vector<int>& blk_offset,
                       const std::vector<int>& blk_index, std::uint64_t seed, std::uint64_t replica,
                       const std::string& what, const std::vector<std::uint8_t>* closed) {
  const int n = static_cast<int>(occ.size());
  if (static_cast<int>(blk_offset.size()) != n + 1) fail("{}: internal error: exclusion lists of the wrong size", what);
  if (closed && closed->size() != occ.size()) fail("{}: internal error: dopant site mask of the wrong size", what);
  std::vector<int> near(static_cast<size_t>(n), 0);  // ions on the sites that exclude i
  std::vector<int> bad, pos(static_cast<size_t>(n), -1);  // ions with near > 0, and their index in bad
  const auto fix = [&](int i) {  // keep i in bad iff it holds an ion that another one excludes
    const bool want = occ[static_cast<size_t>(i)] && near[static_cast<size_t>(i)] > 0;
    int& p = pos[static_cast<size_t>(i)];
    if (want && p < 0) {
      p = static_cast<int>(bad.size());
      bad.push_back(i);
    } else if (!want && p >= 0) {
      pos[static_cast<size_t>(bad.back())] = p;
      bad[static_cast<size_t>(p)] = bad.back();
      bad.pop_back();
      p = -1;
    }
  };
  const auto add = [&](int i, int d) {
    for (int k = blk_offset[static_cast<size_t>(i)]; k < blk_offset[static_cast<size_t>(i) + 1]; ++k) {
      const int j = blk_index[static_cast<size_t>(k)];
      near[static_cast<size_t>(j)] += d;
      fix(j);
    }
    fix(i);
  };
  int ions = 0;
  for (int i = 0; i < n; ++i)
    if (occ[static_cast<size_t>(i)]) add(i, +1), ++ions;
  if (bad.empty()) return;
  HostPhilox rng(seed, replica, kExclusionStream);
  const long max_moves = 200L * std::max(ions, 1) + 100000;
  long move = 0;
  for (; move < max_moves && !bad.empty(); ++move) {
    const int i = bad[rng.below(bad.size())];
    const auto b = blk_index.begin() + blk_offset[static_cast<size_t>(i)], e = blk_index.begin() + blk_offset[static_cast<size_t>(i) + 1];
    int best = -1, best_near = 0;
    for (int d = 0; d < kDraws && (best < 0 || best_near > 0); ++d) {
      const int j = static_cast<int>(rng.below(static_cast<std::uint64_t>(n)));
      if (occ[static_cast<size_t>(j)] || (closed && (*closed)[static_cast<size_t>(j)])) continue;
      const int c = near[static_cast<size_t>(j)] - (std::find(b, e, j) != e ? 1 : 0);  // i's own ion leaves
      if (best < 0 || c < best_near) best = j, best_near = c;
    }
    // Take a move that does not make i's conflicts worse; a sideways move escapes plateaus.
    if (best < 0 || best_near > near[static_cast<size_t>(i)]) continue;
    occ[static_cast<size_t>(i)] = 0;
    add(i, -1);
    occ[static_cast<size_t>(best)] = 1;
    add(best, +1);
  }
  if (!bad.empty())
    fail("{}: {} ions cannot be placed on the {} sites with no two within the exclusion distance ({} ions still "
         "too close after {} moves): fewer ions, or a shorter exclusion_distance",
         what, ions, n, bad.size(), move);
}

}  // namespace ionhop
