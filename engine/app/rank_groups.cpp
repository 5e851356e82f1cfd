#include "engine/app/rank_groups.hpp"

#include <algorithm>

namespace ionhop::app {

int choose_groups(int n_temps, int n_replicas, int n_ranks) {
  int best = 0;
  long best_cost = 0;
  for (int g = 1; g <= std::min(n_temps, n_ranks); ++g) {
    const int ranks_per_group = n_ranks / g;  // the smallest group
    const int largest_group = (n_ranks + g - 1) / g;
    if (largest_group > n_replicas) continue;  // a rank without replicas
    const long cost = static_cast<long>((n_temps + g - 1) / g) * ((n_replicas + ranks_per_group - 1) / ranks_per_group);
    if (best == 0 || cost < best_cost) best = g, best_cost = cost;
  }
  return best;
}

}  // namespace ionhop::app
