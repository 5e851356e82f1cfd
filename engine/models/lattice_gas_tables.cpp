#include "engine/models/lattice_gas_tables.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/models/point_grid.hpp"

namespace ionhop {

namespace {

std::string model_name(const LatticeGasSpec& s) { return s.source.empty() ? std::string("model") : s.source; }

// The [[kra]] entry of a hop class: entries with a length beat those without; two equally
// specific matches are ambiguous.
const KraSpec& kra_of_class(const LatticeGasSpec& spec, const SiteNetwork& net, int c) {
  const HopClass& hc = net.hop_classes[static_cast<size_t>(c)];
  const std::string& a = net.site_classes[static_cast<size_t>(hc.site_class_a)].label;
  const std::string& b = net.site_classes[static_cast<size_t>(hc.site_class_b)].label;
  int best = -1, best_rank = -1, ties = 0;
  for (size_t i = 0; i < spec.kra.size(); ++i) {
    const KraSpec& k = spec.kra[i];
    const bool labels = (k.site_a == a && k.site_b == b) || (k.site_a == b && k.site_b == a);
    if (!labels) continue;
    if (k.length >= 0 && std::abs(k.length - hc.length) > k.length_tolerance) continue;
    const int rank = k.length >= 0 ? 1 : 0;
    if (rank > best_rank) { best = static_cast<int>(i); best_rank = rank; ties = 0; }
    else if (rank == best_rank) ++ties;
  }
  if (best < 0)
    fail("{}: no [[kra]] entry for hop class {} ({}-{}, {:.4f} Å)", model_name(spec), c, a, b, hc.length);
  if (ties > 0)
    fail("{}: several [[kra]] entries match hop class {} ({}-{}, {:.4f} Å) equally", model_name(spec), c, a, b,
         hc.length);
  return spec.kra[static_cast<size_t>(best)];
}

}  // namespace

double pair_interaction(const LatticeGasSpec& spec, double r) {
  double j = 0;
  for (const PairShell& s : spec.pair_shells)
    if (r <= s.r_max) { j += s.j; break; }
  if (spec.coulomb && r <= spec.coulomb->cutoff && r > 0) {
    const ScreenedCoulombSpec& c = *spec.coulomb;
    const double screen = (c.screening_length > 0 ? std::exp(-r / c.screening_length) : 1.0) *
                          (c.erfc_length > 0 ? std::erfc(r / c.erfc_length) : 1.0);
    j += c.charge * c.charge * units::coulomb_eV_A * screen / (c.epsilon_r * r);
  }
  return j;
}

LatticeGasTables build_lattice_gas_tables(const LatticeGasSpec& spec, const SiteNetwork& net) {
  LatticeGasTables t;
  t.attempt_frequency = spec.attempt_frequency;
  const int n = net.n_sites();

  t.base_site_energy.resize(static_cast<size_t>(n));
  std::vector<double> class_energy(net.site_classes.size());
  for (size_t c = 0; c < net.site_classes.size(); ++c) {
    const std::string& label = net.site_classes[c].label;
    const auto it = std::find_if(spec.site_energy.begin(), spec.site_energy.end(),
                                 [&](const auto& p) { return p.first == label; });
    if (it == spec.site_energy.end())
      fail("{}: site_energy has no entry for site class '{}'", model_name(spec), label);
    class_energy[c] = it->second;
  }
  for (const auto& [label, energy] : spec.site_energy) {  // an entry for no class: a misspelt label
    (void)energy;
    if (std::none_of(net.site_classes.begin(), net.site_classes.end(), [&](const auto& c) { return c.label == label; })) {
      std::string known;
      for (const auto& c : net.site_classes) known += (known.empty() ? "" : ", ") + c.label;
      fail("{}: site_energy has an entry for site class '{}', which the network does not have (its classes: {})",
           model_name(spec), label, known);
    }
  }
  for (int i = 0; i < n; ++i)
    t.base_site_energy[static_cast<size_t>(i)] = class_energy[static_cast<size_t>(net.sites[static_cast<size_t>(i)].site_class)];

  std::vector<const KraSpec*> class_kra(net.hop_classes.size(), nullptr);
  t.hop_ekra.resize(net.hops.size());
  t.hop_nu.resize(net.hops.size());
  for (size_t h = 0; h < net.hops.size(); ++h) {
    const auto c = static_cast<size_t>(net.hops[h].hop_class);
    if (!class_kra[c]) class_kra[c] = &kra_of_class(spec, net, static_cast<int>(c));
    t.hop_ekra[h] = class_kra[c]->e_kra;
    // One ν per hop class, the same for i→j and j→i: detailed balance is untouched (doc/theory/kmc.md §2).
    t.hop_nu[h] = class_kra[c]->attempt_frequency.value_or(spec.attempt_frequency);
  }

  // Interaction partners: every other site within the range with J != 0.
  std::vector<Vec3> frac(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) frac[static_cast<size_t>(i)] = net.sites[static_cast<size_t>(i)].frac;
  const PointPairs pairs = pairs_within(net.lattice, frac, spec.interaction_range(), model_name(spec) + ": pair interaction");
  t.nbr_offset.assign(static_cast<size_t>(n) + 1, 0);
  t.blk_offset.assign(static_cast<size_t>(n) + 1, 0);
  for (int i = 0; i < n; ++i) {
    for (int p = pairs.offset[static_cast<size_t>(i)]; p < pairs.offset[static_cast<size_t>(i) + 1]; ++p)
      if (pairs.distance[static_cast<size_t>(p)] < spec.exclusion_distance) t.blk_index.push_back(pairs.index[static_cast<size_t>(p)]);
    t.blk_offset[static_cast<size_t>(i) + 1] = static_cast<int>(t.blk_index.size());
    for (int p = pairs.offset[static_cast<size_t>(i)]; p < pairs.offset[static_cast<size_t>(i) + 1]; ++p) {
      const double j = pair_interaction(spec, pairs.distance[static_cast<size_t>(p)]);
      if (j == 0.0) continue;
      t.nbr_index.push_back(pairs.index[static_cast<size_t>(p)]);
      t.nbr_j.push_back(j);
    }
    t.nbr_offset[static_cast<size_t>(i) + 1] = static_cast<int>(t.nbr_index.size());
  }
  t.hop_pair.assign(net.hops.size(), 0.0);
  t.hop_blocks.assign(net.hops.size(), 0);
  for (size_t h = 0; h < net.hops.size(); ++h) {
    const int from = net.hops[h].from, to = net.hops[h].to;
    const auto bb = t.blk_index.begin() + t.blk_offset[static_cast<size_t>(from)];
    const auto be = t.blk_index.begin() + t.blk_offset[static_cast<size_t>(from) + 1];
    t.hop_blocks[h] = std::find(bb, be, to) != be ? 1 : 0;
    const auto b = t.nbr_index.begin() + t.nbr_offset[static_cast<size_t>(from)];
    const auto e = t.nbr_index.begin() + t.nbr_offset[static_cast<size_t>(from) + 1];
    const auto it = std::lower_bound(b, e, to);
    if (it != e && *it == to) t.hop_pair[h] = t.nbr_j[static_cast<size_t>(it - t.nbr_index.begin())];
  }
  return t;
}

std::vector<double> lattice_gas_site_energies(const LatticeGasSpec& spec, const LatticeGasTables& tables,
                                              const SiteNetwork& net, const Crystal& supercell,
                                              const Decoration& decoration) {
  std::vector<double> e = tables.base_site_energy;
  if (spec.dopant_shifts.empty()) return e;
  if (decoration.framework_element.size() != supercell.atoms.size())
    fail("{}: dopant shifts need the decorated framework ({} atoms, decoration has {})", model_name(spec),
         supercell.atoms.size(), decoration.framework_element.size());
  double r_max = 0;
  for (const auto& d : spec.dopant_shifts) r_max = std::max(r_max, d.radius);
  std::vector<Vec3> frac(net.sites.size());
  for (size_t i = 0; i < net.sites.size(); ++i) frac[i] = net.sites[i].frac;
  const PointGrid grid(net.lattice, frac, r_max, model_name(spec) + ": dopant_shift");
  for (size_t a = 0; a < supercell.atoms.size(); ++a) {
    const std::string& el = decoration.framework_element[a];
    if (el.empty()) continue;
    for (const auto& d : spec.dopant_shifts) {
      if (d.species != el) continue;
      grid.for_each_within(supercell.atoms[a].frac, d.radius, [&](int site, double) { e[static_cast<size_t>(site)] += d.shift; });
    }
  }
  for (size_t i = 0; i < decoration.site_dopant.size(); ++i) {  // dopants on mobile sites shift their neighbours too
    if (decoration.site_dopant[i] == 0) continue;
    const std::string& el = decoration.site_dopant_element.at(decoration.site_dopant[i] - 1u);
    for (const auto& d : spec.dopant_shifts)
      if (d.species == el)
        grid.for_each_within(net.sites[i].frac, d.radius, [&](int site, double) { e[static_cast<size_t>(site)] += d.shift; });
  }
  return e;
}

}  // namespace ionhop
