#include "engine/bvse/bvse_model.hpp"

#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "engine/composition/composition.hpp"
#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/network/site_network.hpp"
#include "engine/bvse/grid_minima.hpp"

namespace ionhop::bvse {

ScreenedCoulombSpec mobile_ion_coulomb(const Parameters& params, const std::string& mobile, int charge, double s_q,
                                       double screening_factor) {
  const IonParameters& ion = params.ion(mobile);
  ScreenedCoulombSpec c;
  c.charge = charge * std::sqrt(s_q / ion.n);
  c.epsilon_r = 1;
  c.erfc_length = screening_factor * 2 * ion.rc;
  const auto j = [&](double r) { return c.charge * c.charge * units::coulomb_eV_A * std::erfc(r / c.erfc_length) / r; };
  c.cutoff = 1.0;
  while (j(c.cutoff) > 1e-3 && c.cutoff < 20) c.cutoff += 0.05;
  return c;
}

double default_exclusion_distance(const std::string& mobile) {
  return ionic_radius("", mobile, 1) + ionic_radius("", "O", -2);
}

ModelResult make_model(const SiteNetwork& net, const SiteHopResult& sh, double e3d, const ModelOptions& opt,
                       const std::vector<HopClassFrequency>& frequencies) {
  const Calibration& c = opt.calibration;
  if (opt.harmonic_frequency && !frequencies.empty() && frequencies.size() != net.hop_classes.size())
    fail("bvse model: {} harmonic frequencies for {} hop classes", frequencies.size(), net.hop_classes.size());
  if (!(opt.attempt_frequency > 0)) fail("bvse model: attempt_frequency must be > 0 Hz (got {})", opt.attempt_frequency);
  ModelResult m;
  m.reference_barrier = e3d;
  if (c.measured_ea) {
    if (c.scale != 1.0 || c.shift != 0.0) fail("bvse model: calibrate to a measured Ea or give scale/shift, not both");
    if (!(*c.measured_ea > 0)) fail("bvse model: measured Ea must be > 0 eV (got {})", *c.measured_ea);
    if (!(e3d > 0)) fail("bvse model: no 3D percolation energy to calibrate against (E_3D = {})", e3d);
    m.scale = *c.measured_ea / e3d;
  } else {
    if (!(c.scale > 0)) fail("bvse model: scale must be > 0 (got {})", c.scale);
    m.scale = c.scale;
    m.shift = c.shift;
  }
  m.calibrated = c.measured_ea || c.scale != 1.0 || c.shift != 0.0;
  m.global_scale = c.global && !c.measured_ea && c.shift == 0.0;

  // Site energies per site class, relative to the lowest class.
  std::map<std::string, std::pair<double, int>> acc;
  for (int s = 0; s < net.n_sites(); ++s) {
    auto& a = acc[net.site_classes[net.sites[s].site_class].label];
    a.first += sh.site_energy[s];
    a.second += 1;
  }
  double lowest = std::numeric_limits<double>::max();
  for (const auto& [label, a] : acc) lowest = std::min(lowest, a.first / a.second);
  LatticeGasSpec& spec = m.spec;
  spec.attempt_frequency = opt.attempt_frequency;
  for (const auto& [label, a] : acc) spec.site_energy.emplace_back(label, m.scale * (a.first / a.second - lowest));
  for (const auto& hc : hop_class_energies(net, sh)) {
    const HopClass& cl = net.hop_classes[hc.hop_class];
    KraSpec k;
    k.site_a = net.site_classes[cl.site_class_a].label;
    k.site_b = net.site_classes[cl.site_class_b].label;
    k.length = hc.length;
    k.length_tolerance = 0.01;
    k.e_kra = m.scale * hc.kra + m.shift;
    if (opt.harmonic_frequency && !frequencies.empty()) {
      const double nu = frequencies[static_cast<size_t>(hc.hop_class)].nu;
      if (nu > 0 && std::isfinite(nu)) k.attempt_frequency = nu, m.harmonic_frequency = true;
    }
    if (!(k.e_kra >= 0))
      fail("bvse model: hop class {} ({}-{}, {:.3f} A) has a negative KRA barrier {:.4f} eV after calibration", hc.hop_class,
           k.site_a, k.site_b, k.length, k.e_kra);
    spec.kra.push_back(k);
  }
  spec.coulomb = opt.coulomb;
  if (spec.coulomb && opt.coulomb_from_bvse) spec.coulomb->charge *= std::sqrt(m.scale);  // J scales with the energies
  spec.exclusion_distance = opt.exclusion_distance;
  for (DopantShiftSpec d : opt.dopant_shifts) {
    d.shift *= m.scale;
    spec.dopant_shifts.push_back(d);
  }
  return m;
}

std::string model_toml(const ModelResult& m, const std::string& structure, const std::string& mobile) {
  std::string s;
  s += fmt::format("# KMC model from BVSE (ionhop bvse; doc/theory/bvse.md) for {} in {}.\n", mobile, structure);
  s += "# Site energies and KRA barriers: BVSE site/hop mode (string-method saddles) on the unit cell,\n";
  s += "# softBV parameters (potentials/bvse_parameters.toml).\n";
  if (m.harmonic_frequency)
    s += "# attempt_frequency of each [[kra]]: 1-D harmonic TST on the BVSE surface, the geometric mean of the\n"
         "# frequencies at the two end minima along the path, or the one end's where the other is no minimum\n"
         "# (doc/theory/bvse.md §3b); the file-level value is the fallback for classes without one (an assumption).\n";
  else
    s += "# The attempt frequency is an assumption (one value for all hop classes).\n";
  if (m.global_scale)
    s += fmt::format("# Global energy scale: energies x {:.6g}, fitted once on the measured Ea of three materials (RMS\n"
                     "# 0.058 eV; doc/theory/bvse.md §5), not on this one. --scale 1 gives the raw BVSE energies.\n", m.scale);
  else if (m.calibrated)
    s += fmt::format("# Calibrated: energies x {:.6g}, KRA + {:.6g} eV (reference E_3D = {:.4f} eV).\n", m.scale, m.shift,
                     m.reference_barrier);
  else
    s += "# UNCALIBRATED: absolute BVSE barriers are often 0.2-0.4 eV above experiment.\n";
  s += "model = \"lattice_gas\"\n";
  s += fmt::format("species = \"{}\"\n", mobile);
  s += fmt::format("attempt_frequency = {:.6g}\n", m.spec.attempt_frequency);
  if (m.spec.exclusion_distance > 0)
    s += fmt::format("exclusion_distance = {:.4f}  # Å: no two {} ions closer (hard exclusion)\n", m.spec.exclusion_distance, mobile);
  if (!m.spec.extra_sites.empty()) {
    s += "# Interstitial sites X1, X2, ... (BVSE minima, not sites of the structure file); a run adds them.\n";
    s += "extra_sites = [";
    for (size_t i = 0; i < m.spec.extra_sites.size(); ++i)
      s += fmt::format("{}[{:.6f}, {:.6f}, {:.6f}]", i ? ", " : "", m.spec.extra_sites[i][0], m.spec.extra_sites[i][1],
                       m.spec.extra_sites[i][2]);
    s += "]\n";
  }
  s += "[site_energy]\n";
  for (const auto& [label, e] : m.spec.site_energy) s += fmt::format("{} = {:.6f}\n", label, e);
  for (const auto& k : m.spec.kra) {
    s += fmt::format("[[kra]]\nsites = [\"{}\", \"{}\"]\nlength = {:.6f}\nlength_tolerance = {}\ne_kra = {:.6f}\n", k.site_a,
                     k.site_b, k.length, k.length_tolerance, k.e_kra);
    if (k.attempt_frequency) s += fmt::format("attempt_frequency = {:.6e}\n", *k.attempt_frequency);
  }
  for (const auto& d : m.spec.dopant_shifts)
    s += fmt::format("[[dopant_shift]]\nspecies = \"{}\"\nradius = {}\nshift = {:.6f}\n", d.species, d.radius, d.shift);
  if (m.spec.coulomb)
    s += fmt::format("[coulomb]\ncharge = {:.6g}\nepsilon_r = {}\nscreening_length = {}\nerfc_length = {:.6g}\ncutoff = {:.4g}\n",
                     m.spec.coulomb->charge, m.spec.coulomb->epsilon_r, m.spec.coulomb->screening_length,
                     m.spec.coulomb->erfc_length, m.spec.coulomb->cutoff);
  return s;
}

DopantShiftResult derive_dopant_shift(const Crystal& unit, const SiteNetwork& unit_net, const SiteHopResult& unit_sh,
                                      const Parameters& params, const FieldOptions& fo, const std::string& host,
                                      const std::string& dopant, int oxidation, double radius) {
  if (!(radius > 0)) fail("bvse dopant shift: radius must be > 0 Å (got {})", radius);
  if (oxidation <= 0) fail("bvse dopant shift: dopant {} must be a cation (oxidation {})", dopant, oxidation);
  std::array<int, 3> n{};
  const Mat3 inv = inverse(unit.lattice.rows);
  for (int i = 0; i < 3; ++i) {
    const double d = 1.0 / std::sqrt(inv[0][i] * inv[0][i] + inv[1][i] * inv[1][i] + inv[2][i] * inv[2][i]);
    n[i] = std::max(1, int(std::ceil((2 * radius + 4.0) / d)));
  }
  const Crystal sc = make_supercell(unit, n);
  const SiteNetwork sup = make_supercell_network(unit_net, n);
  const Decoration base = decorate(sc, sup, CompositionSpec{}, 1, 0);
  const bool on_site = host == fo.mobile;  // the dopant takes mobile site 0 (an immobile cation there)
  if (on_site && sup.n_sites() < 2) fail("bvse dopant shift: {} on the {} sites needs a network with sites", dopant, host);
  size_t atom = 0;
  int host_q = 0;
  for (; atom < base.framework_element.size() && !on_site; ++atom)
    if (base.framework_element[atom] == host) break;
  if (!on_site && atom == base.framework_element.size()) fail("bvse dopant shift: no {} atom in {}", host, unit.source);
  const auto ox = oxidation_table(unit);
  if (!ox.count(host)) fail("bvse dopant shift: no oxidation state of {} in {}", host, unit.source);
  host_q = ox.at(host);
  int mob_q = 1;
  if (auto it = ox.find(fo.mobile); it != ox.end()) mob_q = it->second;
  Decoration doped = base;
  const int dq = host_q - oxidation;
  if (dq % mob_q != 0) fail("bvse dopant shift: {} -> {} changes the charge by {} e, not a multiple of the {} charge", host, dopant, dq, fo.mobile);
  doped.n_ions += dq / mob_q;
  if (on_site) {  // the ion on the site is replaced as well
    doped.site_dopant.assign(static_cast<size_t>(sup.n_sites()), 0);
    doped.site_dopant[0] = 1;
    doped.site_dopant_element = {dopant};
    doped.site_dopant_oxidation = {oxidation};
    doped.n_ions -= 1;
  } else {
    doped.framework_element[atom] = dopant;
  }
  std::map<std::string, int> ox2 = ox;
  ox2[dopant] = oxidation;
  const Field f0 = build_field(sc.lattice, decorated_atoms(sc, base, ox2, fo.mobile, mob_q, &sup), params, fo);
  const Field f1 = build_field(sc.lattice, decorated_atoms(sc, doped, ox2, fo.mobile, mob_q, &sup), params, fo);
  const SiteHopResult a = decorated_site_hop(f0, sup, unit_net, unit_sh), b = decorated_site_hop(f1, sup, unit_net, unit_sh);
  const Vec3 pd = on_site ? sup.sites[0].frac : sc.atoms[atom].frac;
  DopantShiftResult r;
  double near = 0, far = 0;
  for (int s = on_site ? 1 : 0; s < sup.n_sites(); ++s) {  // not the dopant's own site
    const double dist = periodic_distance(sup.lattice, sup.sites[s].frac, pd);
    const double de = b.site_energy[s] - a.site_energy[s];
    if (dist <= radius) near += de, ++r.near_sites;
    else far += de, ++r.far_sites;
  }
  if (!r.near_sites || !r.far_sites)
    fail("bvse dopant shift: {} sites within {} Å of the dopant and {} beyond; change the radius", r.near_sites, radius, r.far_sites);
  r.far_mean = far / r.far_sites;
  r.spec.species = dopant;
  r.spec.radius = radius;
  r.spec.shift = near / r.near_sites - r.far_mean;
  return r;
}

}  // namespace ionhop::bvse
