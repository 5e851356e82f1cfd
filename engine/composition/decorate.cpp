// One decorated supercell per replica (doc/theory/kmc.md §Decoration).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/core.h>

#include "engine/composition/composition.hpp"
#include "engine/composition/host_philox.hpp"
#include "engine/core/error.hpp"
#include "engine/core/units.hpp"

namespace ionhop {

namespace {

constexpr std::uint32_t kDecorationStream = 2;

// Integer counts per element for `m` positions: round(occ_e * m) by largest remainders so that the
// counts add up to round(Σ occ * m).
std::vector<int> rounded_counts(const std::vector<double>& occ, int m) {
  const double total = std::accumulate(occ.begin(), occ.end(), 0.0);
  const int target = static_cast<int>(std::lround(std::min(total, 1.0) * m));
  std::vector<int> n(occ.size());
  std::vector<std::pair<double, size_t>> rem;
  int sum = 0;
  for (size_t e = 0; e < occ.size(); ++e) {
    const double x = occ[e] * m;
    n[e] = static_cast<int>(std::floor(x + 1e-9));
    sum += n[e];
    rem.emplace_back(x - n[e], e);
  }
  std::stable_sort(rem.begin(), rem.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; sum < target && k < rem.size(); ++k, ++sum) ++n[rem[k].second];
  for (size_t k = rem.size(); sum > target && k-- > 0;)
    if (n[rem[k].second] > 0) { --n[rem[k].second]; --sum; }
  return n;
}

template <class T>
void shuffle(std::vector<T>& v, HostPhilox& rng) {  // Fisher–Yates
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

// Exact canonical placement of n non-interacting ions on sites of energies e (kT in eV): independent
// occupations with the Fermi-Dirac probabilities p_i = 1/(1 + exp((e_i - mu)/kT)), sum p_i = n,
// conditioned on exactly n ions (drawn again until the count is n). Independent Bernoullis
// conditioned on their sum have P ∝ Π_i (p_i/(1 - p_i))^{n_i} = Π_i exp(-(e_i - mu)/kT)^{n_i}: for
// fixed n the canonical distribution (doc/theory/kmc.md §1). About sqrt(2π Σ p(1 - p)) draws.
std::vector<std::uint8_t> placement_boltzmann(const std::vector<double>& e, int n, double kT, HostPhilox& rng) {
  const size_t m = e.size();
  std::vector<std::uint8_t> occ(m, n == static_cast<int>(m) ? 1 : 0);
  if (n == 0 || n == static_cast<int>(m)) return occ;
  const auto range = std::minmax_element(e.begin(), e.end());
  const auto filled = [&](double mu) {
    double s = 0;
    for (double x : e) s += 1.0 / (1.0 + std::exp((x - mu) / kT));
    return s;
  };
  double lo = *range.first - 60 * kT - 1.0, hi = *range.second + 60 * kT + 1.0;  // filled(lo) < n < filled(hi)
  for (int it = 0; it < 200 && hi - lo > 1e-12 * kT; ++it) {
    const double mid = 0.5 * (lo + hi);
    if (filled(mid) < n) lo = mid;
    else hi = mid;
  }
  const double mu = 0.5 * (lo + hi);
  std::vector<double> p(m);
  for (size_t i = 0; i < m; ++i) p[i] = 1.0 / (1.0 + std::exp((e[i] - mu) / kT));
  for (long attempt = 0; attempt < 10000000; ++attempt) {
    int count = 0;
    for (size_t i = 0; i < m; ++i) {
      occ[i] = rng.uniform() < p[i] ? 1 : 0;
      count += occ[i];
    }
    if (count == n) return occ;
  }
  fail("composition.placement = \"boltzmann\": no exact draw of {} ions on {} sites in 10^7 attempts", n, m);
}

// A dopant on the mobile sites (host = the mobile species): `count` (or round(fraction x all mobile
// sites)) random free sites, drawn like the framework dopants' hosts.
void place_site_dopant(Decoration& dec, const SiteNetwork& net, const CompositionSpec& spec, size_t d, HostPhilox& rng) {
  const DopantSpec& ds = spec.dopants[d];
  const size_t n_sites = static_cast<size_t>(net.n_sites());
  if (n_sites == 0) fail("composition.dopants[{}].host: no '{}' sites in the network", d, ds.host);
  if (spec.dopants.size() > 254) fail("composition.dopants: at most 254 dopants with mobile-site hosts");
  if (dec.site_dopant.empty()) {
    dec.site_dopant.assign(n_sites, 0);
    dec.site_dopant_element.assign(spec.dopants.size(), "");
    dec.site_dopant_oxidation.assign(spec.dopants.size(), 0);
  }
  dec.site_dopant_element[d] = ds.dopant;
  dec.site_dopant_oxidation[d] = ds.oxidation;
  std::vector<int> hosts;
  for (size_t i = 0; i < n_sites; ++i)
    if (dec.site_dopant[i] == 0) hosts.push_back(static_cast<int>(i));
  if (ds.fraction > 1) fail("composition.dopants[{}].fraction: must be <= 1 (got {})", d, ds.fraction);
  const int n = ds.count >= 0 ? ds.count : static_cast<int>(std::lround(ds.fraction * static_cast<double>(n_sites)));
  if (n < 0) fail("composition.dopants[{}]: negative count", d);
  if (n > static_cast<int>(hosts.size()))
    fail("composition.dopants[{}].count: {} '{}' sites asked for, the supercell has {} free {} sites", d, n, ds.host,
         hosts.size(), ds.host);
  for (int k = 0; k < n; ++k) {
    std::swap(hosts[static_cast<size_t>(k)], hosts[static_cast<size_t>(k) + rng.below(hosts.size() - static_cast<size_t>(k))]);
    dec.site_dopant[static_cast<size_t>(hosts[static_cast<size_t>(k)])] = static_cast<std::uint8_t>(d + 1);
  }
}

}  // namespace

Decoration decorate(const Crystal& supercell, const SiteNetwork& net, const CompositionSpec& spec,
                    std::uint64_t seed, std::uint64_t replica, const PlacementWeights& weights) {
  HostPhilox rng(seed, replica, kDecorationStream);
  Decoration dec;
  dec.framework_element.assign(supercell.atoms.size(), "");
  std::vector<int> oxidation(supercell.atoms.size(), 0);

  // 1. Framework: every crystallographic site's atoms filled by their occupancies.
  std::vector<std::vector<int>> atoms_of_site(supercell.sites.size());
  for (size_t a = 0; a < supercell.atoms.size(); ++a)
    atoms_of_site.at(static_cast<size_t>(supercell.atoms[a].site)).push_back(static_cast<int>(a));
  for (size_t s = 0; s < supercell.sites.size(); ++s) {
    std::vector<const Occupant*> fw;
    for (const auto& o : supercell.sites[s].occupants)
      if (o.element != net.species) fw.push_back(&o);
    const auto& atoms = atoms_of_site[s];
    if (fw.empty() || atoms.empty()) continue;
    std::vector<double> occ;
    for (const auto* o : fw) occ.push_back(o->occupancy);
    const std::vector<int> counts = rounded_counts(occ, static_cast<int>(atoms.size()));
    std::vector<int> pick;  // index into fw, -1 = vacant
    for (size_t e = 0; e < fw.size(); ++e) pick.insert(pick.end(), static_cast<size_t>(counts[e]), static_cast<int>(e));
    pick.resize(atoms.size(), -1);
    const bool uniform = std::all_of(pick.begin(), pick.end(), [&](int p) { return p == pick[0]; });
    if (!uniform) shuffle(pick, rng);
    for (size_t k = 0; k < atoms.size(); ++k) {
      if (pick[k] < 0) continue;
      dec.framework_element[static_cast<size_t>(atoms[k])] = fw[static_cast<size_t>(pick[k])]->element;
      oxidation[static_cast<size_t>(atoms[k])] = fw[static_cast<size_t>(pick[k])]->oxidation;
    }
  }

  // 2. Dopants replace random host atoms, or (host = the mobile species) random free mobile sites.
  const int n_sites = net.n_sites();
  double q_site = 0;  // charge of the dopants on mobile sites
  for (size_t d = 0; d < spec.dopants.size(); ++d) {
    const DopantSpec& ds = spec.dopants[d];
    if (ds.host == net.species) {
      place_site_dopant(dec, net, spec, d, rng);
      continue;
    }
    std::vector<int> hosts;
    for (size_t a = 0; a < supercell.atoms.size(); ++a)
      if (dec.framework_element[a] == ds.host) hosts.push_back(static_cast<int>(a));
    if (hosts.empty()) fail("composition.dopants[{}].host: no '{}' atoms in the structure", d, ds.host);
    if (ds.fraction > 1) fail("composition.dopants[{}].fraction: must be <= 1 (got {})", d, ds.fraction);
    const int n = ds.count >= 0 ? ds.count : static_cast<int>(std::lround(ds.fraction * static_cast<double>(hosts.size())));
    if (n < 0) fail("composition.dopants[{}]: negative count", d);
    if (n > static_cast<int>(hosts.size()))
      fail("composition.dopants[{}].count: {} '{}' atoms asked for, the supercell has {}", d, n, ds.host, hosts.size());
    for (int k = 0; k < n; ++k) {  // partial Fisher–Yates: the first n of a random permutation
      std::swap(hosts[static_cast<size_t>(k)], hosts[static_cast<size_t>(k) + rng.below(hosts.size() - static_cast<size_t>(k))]);
      dec.framework_element[static_cast<size_t>(hosts[static_cast<size_t>(k)])] = ds.dopant;
      oxidation[static_cast<size_t>(hosts[static_cast<size_t>(k)])] = ds.oxidation;
    }
  }
  std::vector<int> free;  // mobile sites not held by a dopant
  for (int i = 0; i < n_sites; ++i)
    if (dec.site_dopant.empty() || dec.site_dopant[static_cast<size_t>(i)] == 0) free.push_back(i);
    else q_site += dec.site_dopant_oxidation[dec.site_dopant[static_cast<size_t>(i)] - 1u];
  const int n_free = static_cast<int>(free.size());
  const std::string held = n_free < n_sites ? fmt::format(" ({} more held by dopants)", n_sites - n_free) : "";
  const char* free_word = n_free < n_sites ? "free " : "";

  // 3. Number of mobile ions.
  const double q_fw = std::accumulate(oxidation.begin(), oxidation.end(), 0.0) + q_site;
  const int q_ion = supercell.oxidation_of(net.species);
  if (spec.ions) {
    if (*spec.ions < 0) fail("composition.ions: must be >= 0 (got {})", *spec.ions);
    dec.n_ions = *spec.ions;
  } else if (spec.vacancies) {
    if (*spec.vacancies < 0) fail("composition.vacancies: must be >= 0 (got {})", *spec.vacancies);
    if (*spec.vacancies > n_free)
      fail("composition.vacancies: {} vacancies asked for, the supercell has {} {}mobile sites{}", *spec.vacancies,
           n_free, free_word, held);
    dec.n_ions = n_free - *spec.vacancies;
  } else {
    if (supercell.atoms.empty() || q_ion == 0)
      fail("composition: the number of mobile ions cannot follow from charge neutrality here (no framework or no "
           "oxidation state of {}): give composition.ions or composition.vacancies", net.species);
    const double n = -q_fw / q_ion;
    if (std::abs(n - std::round(n)) > 1e-6)
      fail("composition: charge neutrality needs {:.4f} {} ions per supercell, not an integer: change the "
           "supercell, the dopant count, or give composition.ions", n, net.species);
    if (std::round(n) < 0)
      fail("composition: the decorated framework has charge {:+g} e, neutrality would need a negative number of {} ions",
           q_fw, net.species);
    dec.n_ions = static_cast<int>(std::lround(n));
  }
  if (dec.n_ions > n_free)
    fail("composition: {} {} ions do not fit on {} {}mobile sites{}", dec.n_ions, net.species, n_free, free_word, held);
  dec.charge = q_fw + static_cast<double>(q_ion) * dec.n_ions;

  // 4. Ions on random free sites: uniform, or (boltzmann) from the exact canonical distribution of
  //    non-interacting ions, P(config) ∝ Π_occupied exp(-E_i/kT) (placement_boltzmann above).
  dec.occupied.assign(static_cast<size_t>(n_sites), 0);
  if (spec.placement == "boltzmann") {
    if (!weights.site_energy || weights.site_energy->size() != static_cast<size_t>(n_sites) || !(weights.temperature > 0))
      fail("composition.placement = \"boltzmann\" needs the model's site energies and a temperature > 0");
    std::vector<double> e;
    for (int i : free) e.push_back((*weights.site_energy)[static_cast<size_t>(i)]);
    const std::vector<std::uint8_t> occ = placement_boltzmann(e, dec.n_ions, units::kB_eV * weights.temperature, rng);
    for (size_t k = 0; k < free.size(); ++k) dec.occupied[static_cast<size_t>(free[k])] = occ[k];
    return dec;
  }
  std::vector<int>& order = free;
  for (int k = 0; k < dec.n_ions; ++k)
    std::swap(order[static_cast<size_t>(k)], order[static_cast<size_t>(k) + rng.below(static_cast<std::uint64_t>(n_free - k))]);
  for (int k = 0; k < dec.n_ions; ++k) dec.occupied[static_cast<size_t>(order[static_cast<size_t>(k)])] = 1;
  return dec;
}

int count_mobile_ions(const Crystal& supercell, const SiteNetwork& net, const CompositionSpec& spec) {
  CompositionSpec s = spec;
  s.placement = "random";  // the count does not depend on where the ions go
  return decorate(supercell, net, s, 0, 0).n_ions;
}

}  // namespace ionhop
