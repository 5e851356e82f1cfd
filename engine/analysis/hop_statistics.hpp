#pragma once
// Which hops the ions actually use: histogram of the bottleneck radius over the hops available in
// the network and over the hops executed in the KMC run (doc/theory/transport.md §7).
#include <cstdint>
#include <vector>

namespace ionhop {

struct BottleneckHistogram {
  std::vector<double> edges;      // bin edges, Å (size n_bins + 1)
  std::vector<double> available;  // directed hops of the supercell network per bin
  std::vector<double> executed;   // hops executed in production (all replicas) per bin
  // The same normalised to sum 1 (0 if nothing in the histogram).
  std::vector<double> available_fraction, executed_fraction;
};

// Per hop class c: its bottleneck radius (Å), number of directed hops of the class in the
// network, and hops executed. Bins of width bin_width (Å) cover [min radius, max radius].
BottleneckHistogram bottleneck_histogram(const std::vector<double>& class_radius,
                                         const std::vector<double>& class_available,
                                         const std::vector<std::int64_t>& class_executed,
                                         double bin_width = 0.05);

}  // namespace ionhop
