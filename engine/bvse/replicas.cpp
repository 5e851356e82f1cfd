#include "engine/bvse/replicas.hpp"

#include "engine/core/error.hpp"
#include "engine/crystal/supercell.hpp"

namespace ionhop::bvse {

std::vector<ReplicaEnergies> replica_site_hop(const Crystal& unit, const SiteNetwork& unit_net, const SiteHopResult& unit_sh,
                                              std::array<int, 3> n, const CompositionSpec& spec, std::uint64_t seed,
                                              std::uint64_t first_replica, int count, const Parameters& params,
                                              const FieldOptions& fo, const PathOptions& opt) {
  if (count < 0) fail("BVSE replicas: count must be >= 0 (got {})", count);
  const Crystal sc = make_supercell(unit, n);
  const SiteNetwork sup = make_supercell_network(unit_net, n);
  const auto ox = oxidation_table(unit, spec);
  int mob_q = 1;
  if (auto it = ox.find(fo.mobile); it != ox.end()) mob_q = it->second;
  std::vector<ReplicaEnergies> out;
  for (int k = 0; k < count; ++k) {
    ReplicaEnergies r;
    r.replica = first_replica + std::uint64_t(k);
    const Decoration dec = decorate(sc, sup, spec, seed, r.replica);
    const Field f = build_field(sc.lattice, decorated_atoms(sc, dec, ox, fo.mobile, mob_q, &sup), params, fo);
    r.n_ions = dec.n_ions;
    r.s_q = f.s_q;
    r.energies = decorated_site_hop(f, sup, unit_net, unit_sh, opt);
    r.site_dopant = dec.site_dopant;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ionhop::bvse
