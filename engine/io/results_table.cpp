#include "engine/io/results_table.hpp"

namespace ionhop {

std::vector<Column> results_table(const RunReport& report) {
  std::vector<Column> cols;
  auto add = [&](std::string name, std::string description, auto get) {
    Column c{std::move(name), std::move(description), {}};
    for (const auto& t : report.temperatures) c.values.push_back(get(t.transport));
    cols.push_back(std::move(c));
  };
  using T = TransportResult;
  add("T_K", "temperature, K", [](const T& t) { return t.temperature; });
  add("D_tracer_cm2_s", "tracer diffusion coefficient D*, cm^2/s", [](const T& t) { return t.d_tracer.value; });
  add("D_tracer_err_cm2_s", "standard error of D*, cm^2/s", [](const T& t) { return t.d_tracer.stderr_; });
  add("D_collective_cm2_s", "collective (jump) diffusion coefficient D_J, cm^2/s",
      [](const T& t) { return t.d_collective.value; });
  add("D_collective_err_cm2_s", "standard error of D_J, cm^2/s", [](const T& t) { return t.d_collective.stderr_; });
  add("haven_ratio", "Haven ratio H_R = D*/D_J", [](const T& t) { return t.haven.value; });
  add("haven_ratio_err", "standard error of H_R", [](const T& t) { return t.haven.err; });
  add("correlation_factor", "tracer correlation factor f = D*/D_uncorrelated",
      [](const T& t) { return t.correlation_factor.value; });
  add("correlation_factor_err", "standard error of f", [](const T& t) { return t.correlation_factor.err; });
  add("D_uncorrelated_cm2_s", "sum_c nu_c a_c^2 / 6 of the executed hops, cm^2/s",
      [](const T& t) { return t.d_uncorrelated; });
  add("sigma_S_cm", "ionic conductivity from D_J, S/cm", [](const T& t) { return t.sigma.value; });
  add("sigma_err_S_cm", "standard error of sigma, S/cm", [](const T& t) { return t.sigma.err; });
  add("sigma_mS_cm", "ionic conductivity from D_J, mS/cm", [](const T& t) { return 1e3 * t.sigma.value; });
  add("sigma_tracer_S_cm", "Nernst-Einstein conductivity from D*, S/cm", [](const T& t) { return t.sigma_tracer.value; });
  add("sigma_tracer_err_S_cm", "standard error of sigma_tracer, S/cm", [](const T& t) { return t.sigma_tracer.err; });
  add("n_replicas", "replicas averaged", [](const T& t) { return static_cast<double>(t.n_replicas); });
  add("n_ions", "mobile ions per supercell", [](const T& t) { return static_cast<double>(t.n_ions); });
  add("volume_A3", "supercell volume, A^3", [](const T& t) { return t.volume; });
  add("production_time_s", "simulated production time, s", [](const T& t) { return t.production_time; });
  add("events_per_replica", "production events per replica (mean)", [](const T& t) { return t.events_per_replica; });
  add("collective_noisy", "1 if the relative error of D_J exceeds 20% (D_J needs many replicas)",
      [](const T& t) { return t.collective_noisy ? 1.0 : 0.0; });
  return cols;
}

}  // namespace ionhop
