#pragma once
// Results of `ionhop run` on rank 0: each finished temperature analysed once when it arrives, the
// report assembled from them (in input order) whenever it is written -- after each temperature,
// marked partial, and at the end -- and the output files written format by format.
#include <map>
#include <string>
#include <vector>

#include "engine/app/gather_samples.hpp"
#include "engine/app/run_input.hpp"
#include "engine/io/run_report.hpp"

namespace ionhop {
struct KmcSystem;
}

namespace ionhop::app {

struct WriteOutcome {
  std::vector<std::string> files;   // written
  std::vector<std::string> errors;  // one line per format that could not be written
};

class KmcResults {
 public:
  KmcResults(RunReport base, const KmcSystem& system, const KmcSettings& k);
  void add(const TemperatureBatch& batch);   // a finished (or, at a stop, partial) temperature
  int n_done() const { return static_cast<int>(done_.size()); }
  // The report of the temperatures added so far; partial: the run is not complete, `notes` added.
  RunReport report(bool partial, const std::vector<std::string>& notes) const;

 private:
  RunReport base_;
  const KmcSystem& system_;
  const KmcSettings& k_;
  std::map<int, TemperatureReport> done_;  // by temperature index
};

// Every format of `out` that can be written, each atomically; one failure does not stop the others.
WriteOutcome write_outputs(const RunReport& report, const OutputSettings& out, const std::string& dir);

}  // namespace ionhop::app
