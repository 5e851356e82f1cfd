// Local environments of a local_cluster_expansion model on a supercell (local_environments.hpp).
#include "engine/models/local_environments.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/crystal/supercell.hpp"

namespace ionhop {

namespace {

std::string name_of(const LocalClusterSpec& s) { return s.source.empty() ? std::string("model") : s.source; }

// Cartesian form of a fractional rotation: r' = Lᵀ R L⁻ᵀ r (rows of L are the cell vectors).
Mat3 cartesian_rotation(const Lattice& lat, const std::array<std::array<int, 3>, 3>& rot) {
  Mat3 r{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) r[i][j] = rot[i][j];
  const Mat3 lt = transpose(lat.rows);
  return matmul(matmul(lt, r), inverse(lt));
}

// A unit-cell position that an environment slot may name: a mobile site or a framework atom.
struct UnitPoint {
  int index;  // unit network site or unit atom
  Vec3 frac;
};

// The unit point within `tol` of fractional position f and the lattice image n with point + n = f.
bool find_point(const Lattice& lat, const std::vector<UnitPoint>& pts, const Vec3& f, double tol, int& index,
                std::array<int, 3>& image) {
  for (const UnitPoint& p : pts) {
    if (lat.distance(p.frac, f) > tol) continue;
    index = p.index;
    for (int a = 0; a < 3; ++a) image[a] = static_cast<int>(std::lround(f[a] - p.frac[a]));
    return true;
  }
  return false;
}

struct UnitSlot {
  int index;
  std::array<int, 3> image;
};

// Environment of the unit centre at fractional fc with rotation m applied to the offsets; false if
// a slot finds nothing.
bool place_environment(const LocalClusterSpec& s, const Lattice& lat, const std::vector<UnitPoint>& mobile,
                       const std::vector<UnitPoint>& framework, const Vec3& fc, const Mat3& m, std::vector<UnitSlot>& out,
                       int& missing) {
  out.clear();
  for (size_t k = 0; k < s.environment.size(); ++k) {
    const Vec3 f = lat.to_frac(lat.to_cart(fc) + matvec(m, s.environment[k].offset));
    UnitSlot u{};
    const bool mob = s.environment[k].species == s.species;
    if (!find_point(lat, mob ? mobile : framework, f, s.tolerance, u.index, u.image)) {
      missing = static_cast<int>(k);
      return false;
    }
    out.push_back(u);
  }
  return true;
}

}  // namespace

LocalEnvironments build_local_environments(const LocalClusterSpec& s, const Crystal& unit, const SiteNetwork& unit_net,
                                           const SiteNetwork& net, std::array<int, 3> supercell) {
  const std::string w = name_of(s);
  const Lattice& lat = unit.lattice;
  const int n_env = static_cast<int>(s.environment.size());
  if (net.species != s.species) fail("{}: the model is for {}, the network's mobile species is {}", w, s.species, net.species);
  std::vector<UnitPoint> mobile, framework;
  std::vector<int> centres;  // unit network sites labelled `centre`
  std::string labels;
  for (int i = 0; i < unit_net.n_sites(); ++i) {
    const MobileSite& site = unit_net.sites[static_cast<size_t>(i)];
    mobile.push_back({i, site.frac});
    if (site.label == s.centre) centres.push_back(i);
    if (labels.find(site.label) == std::string::npos) labels += (labels.empty() ? "" : ", ") + site.label;
  }
  if (centres.empty()) fail("{}: centre '{}' is not a mobile-site label of the structure (labels: {})", w, s.centre, labels);
  for (size_t a = 0; a < unit.atoms.size(); ++a)
    if (!unit.sites[static_cast<size_t>(unit.atoms[a].site)].find(s.species)) framework.push_back({static_cast<int>(a), unit.atoms[a].frac});

  // Template centre: given, or the first centre whose environment fits untransformed.
  const Mat3 identity{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
  std::vector<UnitSlot> slots;
  int missing = -1, ref = -1;
  if (s.has_template_centre) {
    const Vec3 f0 = lat.to_frac(s.template_centre);
    for (int c : centres)
      if (lat.distance(unit_net.sites[static_cast<size_t>(c)].frac, f0) < s.tolerance) ref = c;
    if (ref < 0)
      fail("{}: template_centre ({:.4f}, {:.4f}, {:.4f}) Å is not on a {} site of the structure", w, s.template_centre[0],
           s.template_centre[1], s.template_centre[2], s.centre);
    if (!place_environment(s, lat, mobile, framework, unit_net.sites[static_cast<size_t>(ref)].frac, identity, slots, missing))
      fail("{}: environment site {} of the template centre finds no {} within {} Å", w, missing,
           s.environment[static_cast<size_t>(missing)].species == s.species ? s.species + " site" : "framework atom", s.tolerance);
  } else {
    for (int c : centres)
      if (place_environment(s, lat, mobile, framework, unit_net.sites[static_cast<size_t>(c)].frac, identity, slots, missing)) {
        ref = c;
        break;
      }
    if (ref < 0)
      fail("{}: the environment fits no {} site of the structure as given (site {} finds nothing within {} Å); give "
           "template_centre or check the offsets' orientation",
           w, s.centre, missing, s.tolerance);
  }

  // Per unit centre: the rotation of a space-group operation taking the template centre there
  // (pure translations first, so translated centres share one ordering), and its slots.
  const Vec3 f0 = unit_net.sites[static_cast<size_t>(ref)].frac;
  std::vector<std::vector<UnitSlot>> unit_slots(static_cast<size_t>(unit_net.n_sites()));
  for (int c : centres) {
    const Vec3 fc = unit_net.sites[static_cast<size_t>(c)].frac;
    bool found = false;
    for (int pass = 0; pass < 2 && !found; ++pass)
      for (const SymOp& op : unit.symmetry.ops) {
        const bool pure = op.rot == std::array<std::array<int, 3>, 3>{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
        if (pure != (pass == 0)) continue;
        Vec3 f{};
        for (int a = 0; a < 3; ++a) f[a] = op.rot[a][0] * f0[0] + op.rot[a][1] * f0[1] + op.rot[a][2] * f0[2] + op.trans[a];
        if (lat.distance(f, fc) > s.tolerance) continue;
        if (place_environment(s, lat, mobile, framework, fc, cartesian_rotation(lat, op.rot), unit_slots[static_cast<size_t>(c)], missing)) {
          found = true;
          break;
        }
      }
    if (!found && c == ref) found = place_environment(s, lat, mobile, framework, fc, identity, unit_slots[static_cast<size_t>(c)], missing);
    if (!found)
      fail("{}: no symmetry operation maps the template environment onto {} site {} (slot {} finds nothing)", w, s.centre, c,
           missing);
  }

  // The supercell: site index = SupercellMap{n, nu}.index(unit site, cell), atom index alike.
  LocalEnvironments env;
  env.n_env = n_env;
  for (const auto& e : s.environment) {
    env.env_species.push_back(e.species);
    env.env_mobile.push_back(e.species == s.species);
  }
  const SupercellMap site_map{supercell, unit_net.n_sites()}, atom_map{supercell, static_cast<int>(unit.atoms.size())};
  env.centre_of_site.assign(static_cast<size_t>(net.n_sites()), -1);
  for (int i = 0; i < net.n_sites(); ++i) {
    const int u = net.sites[static_cast<size_t>(i)].cell_site;
    if (u < 0 || u >= unit_net.n_sites() || unit_net.sites[static_cast<size_t>(u)].label != s.centre) continue;
    const auto cell = site_map.decompose(i).cell;
    env.centre_of_site[static_cast<size_t>(i)] = static_cast<int>(env.centre_site.size());
    env.centre_site.push_back(i);
    for (int k = 0; k < n_env; ++k) {
      const UnitSlot& sl = unit_slots[static_cast<size_t>(u)][static_cast<size_t>(k)];
      const std::array<int, 3> c{cell[0] + sl.image[0], cell[1] + sl.image[1], cell[2] + sl.image[2]};
      const int idx = env.env_mobile[static_cast<size_t>(k)] ? site_map.index(sl.index, c) : atom_map.index(sl.index, c);
      for (int q = 0; q < k; ++q)
        if (env.env_mobile[static_cast<size_t>(q)] == env.env_mobile[static_cast<size_t>(k)] &&
            env.env_index[env.env_index.size() - static_cast<size_t>(k - q)] == idx)
          fail("{}: environment sites {} and {} of a centre are one site of this supercell: make the supercell larger "
               "(at least twice the environment's reach, {:.2f} Å, along each axis)", w, q, k, s.mobile_range());
      env.env_index.push_back(idx);
    }
  }

  // Which end of each hop is its centre.
  const auto slot_of = [&](int centre_site, int other) {
    const int c = env.centre_of_site[static_cast<size_t>(centre_site)];
    if (c < 0) return -1;
    for (int k = 0; k < n_env; ++k)
      if (env.env_mobile[static_cast<size_t>(k)] && env.env_index[static_cast<size_t>(c) * n_env + k] == other) return k;
    return -1;
  };
  env.hop_tag.resize(net.hops.size());
  for (size_t h = 0; h < net.hops.size(); ++h) {
    const Hop& hop = net.hops[h];
    int k = slot_of(hop.from, hop.to);
    if (k >= 0) {
      env.hop_tag[h] = k;
      continue;
    }
    k = slot_of(hop.to, hop.from);
    if (k < 0) {
      const HopClass& hc = net.hop_classes[static_cast<size_t>(hop.hop_class)];
      fail("{}: hop class {} ({}-{}, {:.3f} Å) does not join a {} centre with a site of its environment; the model "
           "cannot give its rate (leave such hops out of the network, e.g. with a smaller [structure] hop cutoff)",
           w, hop.hop_class, net.site_classes[static_cast<size_t>(hc.site_class_a)].label,
           net.site_classes[static_cast<size_t>(hc.site_class_b)].label, hc.length, s.centre);
    }
    env.hop_tag[h] = 256 + k;
  }

  // Watchers: per site, the centres whose environment holds it.
  std::vector<std::vector<std::array<int, 2>>> watch(static_cast<size_t>(net.n_sites()));
  for (size_t c = 0; c < env.centre_site.size(); ++c)
    for (int k = 0; k < n_env; ++k)
      if (env.env_mobile[static_cast<size_t>(k)])
        watch[static_cast<size_t>(env.env_index[c * static_cast<size_t>(n_env) + static_cast<size_t>(k)])].push_back({env.centre_site[c], k});
  env.watch_offset.assign(1, 0);
  for (const auto& wl : watch) {
    env.watch.insert(env.watch.end(), wl.begin(), wl.end());
    env.watch_offset.push_back(static_cast<int>(env.watch.size()));
  }

  // E_KRA and E_site of every code.
  const unsigned n_codes = 1u << n_env;
  env.e_kra.resize(n_codes);
  env.e_site.resize(n_codes);
  for (unsigned code = 0; code < n_codes; ++code) {
    env.e_kra[code] = cluster_energy(s.kra, code);
    env.e_site[code] = cluster_energy(s.site, code);
  }
  return env;
}

double two_ion_cycle_affinity(const LocalEnvironments& env) {
  if (env.centre_site.empty()) return 0;
  const int n = env.n_env;
  const auto slot_in = [&](int centre, int site) {  // slot of `site` in centre's environment, -1 if none
    for (int k = 0; k < n; ++k)
      if (env.env_mobile[static_cast<size_t>(k)] && env.env_index[static_cast<size_t>(centre) * n + k] == site) return k;
    return -1;
  };
  double worst = 0;
  for (int a = 0; a < n; ++a) {  // j2 = slot a of centre 0, also held by another centre c2
    if (!env.env_mobile[static_cast<size_t>(a)]) continue;
    const int j2 = env.env_index[static_cast<size_t>(a)];
    for (int e = env.watch_offset[static_cast<size_t>(j2)]; e < env.watch_offset[static_cast<size_t>(j2) + 1]; ++e) {
      const int c2 = env.centre_of_site[static_cast<size_t>(env.watch[static_cast<size_t>(e)][0])];
      if (c2 == 0) continue;
      for (int k = 0; k < n; ++k) {  // j = slot k of centre 0, not in c2's environment
        if (k == a || !env.env_mobile[static_cast<size_t>(k)] || slot_in(c2, env.env_index[static_cast<size_t>(k)]) >= 0) continue;
        // Ion 1 leaves with j2 empty and comes back with j2 full; ion 2's hops do not see ion 1.
        worst = std::max(worst, std::abs(env.e_site[0] - env.e_site[1u << a]));
      }
    }
  }
  return worst;
}

LatticeGasSpec hop_skeleton(const LocalClusterSpec& spec, const SiteNetwork& net) {
  LatticeGasSpec lg;
  lg.source = spec.source;
  lg.attempt_frequency = spec.attempt_frequency;
  std::vector<std::string> labels;
  for (const SiteClass& c : net.site_classes)
    if (std::find(labels.begin(), labels.end(), c.label) == labels.end()) labels.push_back(c.label);
  for (size_t a = 0; a < labels.size(); ++a) {
    lg.site_energy.emplace_back(labels[a], 0.0);
    for (size_t b = a; b < labels.size(); ++b) {
      KraSpec k;
      k.site_a = labels[a];
      k.site_b = labels[b];
      lg.kra.push_back(k);
    }
  }
  return lg;
}

std::vector<std::uint16_t> framework_codes(const LocalEnvironments& env, const Decoration& dec) {
  std::vector<std::uint16_t> code(dec.occupied.size(), 0);
  for (size_t c = 0; c < env.centre_site.size(); ++c) {
    std::uint16_t bits = 0;
    for (int k = 0; k < env.n_env; ++k) {
      if (env.env_mobile[static_cast<size_t>(k)]) continue;
      const auto a = static_cast<size_t>(env.env_index[c * static_cast<size_t>(env.n_env) + static_cast<size_t>(k)]);
      if (a < dec.framework_element.size() && dec.framework_element[a] == env.env_species[static_cast<size_t>(k)])
        bits = static_cast<std::uint16_t>(bits | (1u << k));
    }
    code[static_cast<size_t>(env.centre_site[c])] = bits;
  }
  return code;
}

}  // namespace ionhop
