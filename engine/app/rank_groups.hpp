#pragma once
// How `ionhop run` lays temperatures and replicas over MPI ranks (doc/input.md, Running).

namespace ionhop::app {

// Number G of rank groups that run different temperatures side by side (temperature i on group
// i mod G; group g = world ranks g, g + G, ...): the G that minimises (temperatures per group) x
// (replicas per rank of the smallest group), the smallest G on ties; 0 if every G would leave some
// rank without a replica. A function of the counts only, so every rank computes the same.
int choose_groups(int n_temperatures, int n_replicas, int n_ranks);

}  // namespace ionhop::app
