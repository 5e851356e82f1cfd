#include "engine/io/run_report.hpp"

namespace ionhop {

void fit_arrhenius_of(RunReport& report) {
  std::vector<double> T, s, e;
  for (const auto& t : report.temperatures) {
    T.push_back(t.transport.temperature);
    s.push_back(t.transport.sigma.value);
    e.push_back(t.transport.sigma.err);
  }
  report.arrhenius_sigma = fit_arrhenius(T, s, e, false);
  report.arrhenius_sigma_T = fit_arrhenius(T, s, e, true);
}

}  // namespace ionhop
