#pragma once
// The per-temperature results as named columns: one row per temperature. Shared by the CSV file
// and the /results group of the HDF5 file, so both use the same names (doc/output.md).
#include <string>
#include <vector>

#include "engine/io/run_report.hpp"

namespace ionhop {

struct Column {
  std::string name;         // e.g. "D_tracer_cm2_s"
  std::string description;  // one line, with the unit
  std::vector<double> values;
};

std::vector<Column> results_table(const RunReport& report);

}  // namespace ionhop
