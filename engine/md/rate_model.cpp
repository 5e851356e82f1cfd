#include "engine/md/rate_model.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "engine/core/units.hpp"

namespace ionhop::md {

ArrheniusLine fit_rate(const std::vector<double>& T, const std::vector<double>& rate, const std::vector<long>& hops) {
  double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  ArrheniusLine l;
  for (size_t k = 0; k < T.size(); ++k) {
    if (hops[k] <= 0 || !(rate[k] > 0)) continue;
    const double w = static_cast<double>(hops[k]);
    const double x = 1.0 / (units::kB_eV * T[k]), y = std::log(rate[k]);
    sw += w;
    sx += w * x;
    sy += w * y;
    sxx += w * x * x;
    sxy += w * x * y;
    ++l.points;
  }
  const double det = sw * sxx - sx * sx;
  if (l.points < 2 || !(det > 0)) return l;
  const double slope = (sw * sxy - sx * sy) / det;
  l.ea = -slope;
  l.ln_nu = (sy - slope * sx) / sw;
  l.valid = true;
  return l;
}

RateModel lattice_gas_from_md(const SiteNetwork& net, const std::vector<DirectedRates>& runs,
                              const std::string& provenance) {
  RateModel m;
  const size_t nc = net.hop_classes.size();
  std::vector<double> T;
  for (const auto& r : runs) T.push_back(r.temperature);
  m.lines.resize(2 * nc);
  for (size_t idx = 0; idx < 2 * nc; ++idx) {
    const HopClass& hc = net.hop_classes[idx / 2];
    if (idx % 2 == 1 && hc.site_class_a == hc.site_class_b) continue;  // one direction only
    std::vector<double> rate;
    std::vector<long> n;
    for (const auto& r : runs) {
      n.push_back(r.hops[idx]);
      rate.push_back(r.exposure[idx] > 0 ? r.hops[idx] / (r.exposure[idx] * 1e-12) : 0.0);
    }
    m.lines[idx] = fit_rate(T, rate, n);
  }
  // site energies by propagation from site class 0 along hop classes
  std::map<int, double> eps{{0, 0.0}};
  std::vector<double> e_kra(nc, 0.0), ln_nu;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t c = 0; c < nc; ++c) {
      const HopClass& hc = net.hop_classes[c];
      if (hc.dropped) continue;
      const auto& ab = m.lines[2 * c];
      const bool same = hc.site_class_a == hc.site_class_b;
      const auto& ba = same ? ab : m.lines[2 * c + 1];
      if (!ab.valid || !ba.valid) continue;
      e_kra[c] = 0.5 * (ab.ea + ba.ea);
      const bool ka = eps.count(hc.site_class_a), kb = eps.count(hc.site_class_b);
      if (ka && !kb) eps[hc.site_class_b] = eps[hc.site_class_a] + ab.ea - ba.ea, changed = true;
      if (kb && !ka) eps[hc.site_class_a] = eps[hc.site_class_b] - (ab.ea - ba.ea), changed = true;
    }
  }
  for (size_t c = 0; c < nc; ++c) {
    const HopClass& hc = net.hop_classes[c];
    if (hc.dropped) continue;
    const bool same = hc.site_class_a == hc.site_class_b;
    if (!m.lines[2 * c].valid || (!same && !m.lines[2 * c + 1].valid))
      m.notes.push_back(fmt::format("hop class {} ({}-{}): too few temperatures with hops in both directions", c,
                                    net.site_classes[hc.site_class_a].label, net.site_classes[hc.site_class_b].label));
    else if (e_kra[c] < 0)
      m.notes.push_back(fmt::format("hop class {}: fitted E_KRA = {:.3f} eV < 0", c, e_kra[c]));
    else {
      ln_nu.push_back(m.lines[2 * c].ln_nu);
      if (!same) ln_nu.push_back(m.lines[2 * c + 1].ln_nu);
    }
  }
  for (size_t s = 0; s < net.site_classes.size(); ++s)
    if (!eps.count(static_cast<int>(s)))
      m.notes.push_back(fmt::format("site class {}: energy not determined by the fitted hops", net.site_classes[s].label));
  if (!m.notes.empty() || ln_nu.empty()) {
    if (ln_nu.empty()) m.notes.push_back("no hop class could be fitted");
    return m;
  }
  double mean = 0;
  for (double x : ln_nu) mean += x / ln_nu.size();
  std::string t = "# Lattice-gas model fitted by `ionhop md` to MD hop rates (" + provenance + ").\n";
  t += "# Rates of one hop to an empty site per hop class and direction, Arrhenius fits over T = ";
  for (double x : T) t += fmt::format("{} ", x);
  t += "K.\n# Site blocking only: no ion-ion interaction terms were fitted. Attempt frequency of each hop\n"
       "# class: the geometric mean of its two directions' fitted prefactors (one nu per pair keeps\n"
       "# detailed balance); the file-level value, exp(mean ln prefactor), is only a fallback.\n";
  for (size_t idx = 0; idx < 2 * nc; ++idx)
    if (m.lines[idx].valid)
      t += fmt::format("#   class {} dir {}: E_a = {:.4f} eV, nu = {:.3e} Hz ({} temperatures)\n", idx / 2, idx % 2,
                       m.lines[idx].ea, std::exp(m.lines[idx].ln_nu), m.lines[idx].points);
  t += fmt::format("model = \"lattice_gas\"\nspecies = \"{}\"\nattempt_frequency = {:.6e}\n\n[site_energy]\n", net.species,
                   std::exp(mean));
  for (const auto& [s, e] : eps) t += fmt::format("{} = {:.6f}\n", net.site_classes[s].label, e);
  for (size_t c = 0; c < nc; ++c) {
    const HopClass& hc = net.hop_classes[c];
    if (hc.dropped) continue;
    const bool same = hc.site_class_a == hc.site_class_b;
    const double ln_nu_c = same ? m.lines[2 * c].ln_nu : 0.5 * (m.lines[2 * c].ln_nu + m.lines[2 * c + 1].ln_nu);
    t += fmt::format("\n[[kra]]\nsites = [\"{}\", \"{}\"]\ne_kra = {:.6f}\nlength = {:.4f}\nattempt_frequency = {:.6e}\n",
                     net.site_classes[hc.site_class_a].label, net.site_classes[hc.site_class_b].label, e_kra[c],
                     hc.length, std::exp(ln_nu_c));
  }
  m.toml = t;
  m.valid = true;
  return m;
}

}  // namespace ionhop::md
