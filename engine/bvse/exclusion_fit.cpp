#include "engine/bvse/exclusion_fit.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/composition/composition.hpp"
#include "engine/composition/resolve_exclusion.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/models/lattice_gas_tables.hpp"

namespace ionhop::bvse {

std::string exclusion_misfit(const Crystal& unit, const SiteNetwork& unit_net, const LatticeGasSpec& spec) {
  if (!(spec.exclusion_distance > 0)) return "";
  std::array<int, 3> n{};
  const Mat3 inv = inverse(unit.lattice.rows);
  for (int i = 0; i < 3; ++i) {
    const double width = 1.0 / std::sqrt(inv[0][i] * inv[0][i] + inv[1][i] * inv[1][i] + inv[2][i] * inv[2][i]);
    n[i] = std::max(2, static_cast<int>(std::ceil(4 * spec.exclusion_distance / width)));
  }
  const Crystal sc = make_supercell(unit, n);
  const SiteNetwork sup = make_supercell_network(unit_net, n);
  Decoration dec = decorate(sc, sup, CompositionSpec{}, 1, 0);
  const LatticeGasTables t = build_lattice_gas_tables(spec, sup);
  try {
    resolve_exclusion(dec.occupied, t.blk_offset, t.blk_index, 1, 0,
                      fmt::format("{} {}x{}x{}", unit.source, n[0], n[1], n[2]));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace ionhop::bvse
