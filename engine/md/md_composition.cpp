#include "engine/md/md_composition.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/crystal/supercell.hpp"

namespace ionhop::md {

namespace {

double pair_distance(const Mat3& ht, const Vec3& a, const Vec3& b) { return norm(matvec(ht, min_image_frac(b - a))); }

bool respects_minimum(const Mat3& cell, const std::vector<Vec3>& pos, double dmin) {
  const Mat3 ht = transpose(cell);
  for (size_t i = 0; i < pos.size(); ++i)
    for (size_t j = i + 1; j < pos.size(); ++j)
      if (pair_distance(ht, pos[i], pos[j]) < dmin) return false;
  return true;
}

}  // namespace

std::vector<int> exclusion_fill(const Mat3& cell, const std::vector<Vec3>& cand, int n, double dmin,
                                std::uint64_t seed, int attempts, int& best) {
  const Mat3 ht = transpose(cell);
  std::mt19937_64 rng(seed);
  best = 0;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    std::vector<int> order(cand.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
    // Fisher–Yates with the raw 64-bit engine output, as decorate_ordered
    for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);
    std::vector<int> taken;
    for (size_t k = 0; k < order.size() && static_cast<int>(taken.size()) < n; ++k) {
      const Vec3& f = cand[static_cast<size_t>(order[k])];
      bool ok = true;
      for (int t : taken)
        if (pair_distance(ht, cand[static_cast<size_t>(t)], f) < dmin) { ok = false; break; }
      if (ok) taken.push_back(order[k]);
    }
    if (static_cast<int>(taken.size()) == n) {
      std::sort(taken.begin(), taken.end());
      return taken;
    }
    best = std::max(best, static_cast<int>(taken.size()));
  }
  return {};
}

CompositionAtoms decorate_with_composition(const Crystal& sc, const SiteNetwork& net, const CompositionSpec& spec,
                                           const ForceField& ff, std::uint64_t seed, const DecorationOptions& opt) {
  if (spec.placement != "random")
    fail("composition.placement = \"{}\": MD places its ions at random only (no model site energies in `ionhop md`)",
         spec.placement);
  if (opt.attempts < 1) fail("MD decoration: attempts must be >= 1 (got {})", opt.attempts);
  // Dopants: the force field must know the element, with the charge its scale gives the oxidation state
  // (force-field charge per element = scale x formal oxidation, scale read off the host).
  for (size_t d = 0; d < spec.dopants.size(); ++d) {
    const DopantSpec& ds = spec.dopants[d];
    if (!ff.charge.count(ds.dopant))
      fail("composition.dopants[{}]: dopant element '{}' has no charge in force field '{}' ({}); use a potential "
           "file that covers {}",
           d, ds.dopant, ff.name, ff.source, ds.dopant);
    const int ox_host = sc.oxidation_of(ds.host);
    if (ox_host != 0 && ff.charge.count(ds.host)) {
      const double scale = ff.charge.at(ds.host) / ox_host;
      const double want = scale * ds.oxidation;
      if (std::abs(ff.charge.at(ds.dopant) - want) > 1e-6)
        fail("composition.dopants[{}]: oxidation {} of '{}' gives charge {:g} e on the scale of force field '{}' ({}: "
             "{} {:g} e for oxidation {}), but the file gives {} {:g} e",
             d, ds.oxidation, ds.dopant, want, ff.name, ff.source, ds.host, ff.charge.at(ds.host), ox_host, ds.dopant,
             ff.charge.at(ds.dopant));
    }
  }
  const Decoration dec = decorate(sc, net, spec, seed, 0);
  if (std::abs(dec.charge) > 1e-9)
    fail("composition: the decorated supercell has formal charge {:+g} e ({} {} ions); MD needs a neutral cell: "
         "drop composition.ions / vacancies or change them",
         dec.charge, dec.n_ions, net.species);

  CompositionAtoms out;
  out.atoms.cell = sc.lattice.rows;
  for (size_t a = 0; a < sc.atoms.size(); ++a) {
    const std::string& el = dec.framework_element[a];
    if (el.empty()) continue;
    out.atoms.frac.push_back(sc.atoms[a].frac);
    out.atoms.element.push_back(el);
    for (const auto& ds : spec.dopants)
      if (ds.dopant == el) { ++out.n_dopants; break; }
  }
  for (size_t i = 0; i < dec.site_dopant.size(); ++i)  // dopants on mobile sites: atoms there
    if (dec.site_dopant[i]) {
      out.atoms.frac.push_back(net.sites[i].frac);
      out.atoms.element.push_back(dec.site_dopant_element.at(dec.site_dopant[i] - 1u));
      ++out.n_dopants;
    }

  // Mobile ions on decorate()'s sites; if two are closer than the minimum distance, the same number
  // is re-placed by the seeded exclusion-aware fill over all network sites (doc/theory/md.md §6b).
  std::vector<Vec3> sites, ions;
  for (size_t i = 0; i < net.sites.size(); ++i)  // the sites not held by dopants
    if (dec.site_dopant.empty() || !dec.site_dopant[i]) sites.push_back(net.sites[i].frac);
  for (size_t i = 0; i < net.sites.size(); ++i)
    if (dec.occupied[i]) ions.push_back(net.sites[i].frac);
  const auto rule = opt.min_distance.find(net.species);
  if (rule != opt.min_distance.end() && rule->second > 0 && !respects_minimum(sc.lattice.rows, ions, rule->second)) {
    int best = 0;
    const std::vector<int> pick =
        exclusion_fill(sc.lattice.rows, sites, dec.n_ions, rule->second, seed, opt.attempts, best);
    if (pick.empty())
      fail("{}: MD decoration cannot place {} {} on the {} network sites with no two closer than {} Å (at most {} "
           "placed in {} seeded fills; doc/theory/md.md §6b)",
           sc.source, dec.n_ions, net.species, sites.size(), rule->second, best, opt.attempts);
    ions.clear();
    for (int k : pick) ions.push_back(sites[static_cast<size_t>(k)]);
    out.replaced = true;
  }
  for (const Vec3& f : ions) {
    out.atoms.frac.push_back(f);
    out.atoms.element.push_back(net.species);
  }
  out.n_ions = static_cast<int>(ions.size());

  // Neutral in the force field's charges too (every element must have one: charge_of names the file).
  for (const auto& el : out.atoms.element) out.md_charge += ff.charge_of(el);
  if (std::abs(out.md_charge) > 1e-6)
    fail("composition: the decorated supercell has force-field charge {:+.6g} e in '{}' ({}); MD needs a neutral cell",
         out.md_charge, ff.name, ff.source);
  return out;
}

MdAtoms md_atoms(const Crystal& unit, std::array<int, 3> n, const std::string& mobile,
                 const std::optional<CompositionSpec>& composition, const ForceField& ff, std::uint64_t seed,
                 const DecorationOptions& opt, SiteNetwork& net, CompositionAtoms* info) {
  const Crystal sc = make_supercell(unit, n);
  if (!composition) return decorate_ordered(sc, seed, opt);
  if (net.n_sites() == 0) {
    NetworkOptions no;
    no.species = mobile;
    net = make_supercell_network(build_network(unit, no), n);
  }
  CompositionAtoms ca = decorate_with_composition(sc, net, *composition, ff, seed, opt);
  if (info) *info = ca;
  return std::move(ca.atoms);
}

}  // namespace ionhop::md
