// Dopants on the mobile-ion sites (Al3+ / Ga3+ on the Li sites of garnet LLZO): counts, charge
// neutrality, no ion on a dopant site, reproducibility, errors; and decorations of compositions
// without such dopants unchanged (hashes recorded before the feature was added).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "engine/composition/composition.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/network/site_network.hpp"

using namespace ionhop;

namespace {

struct SdCell {
  Crystal sc;
  SiteNetwork net;
};

SdCell sd_cell(const std::string& file, const std::string& species) {
  const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/" + file);
  NetworkOptions o;
  o.species = species;
  return {make_supercell(unit, {1, 1, 1}), make_supercell_network(build_network(unit, o), {1, 1, 1})};
}

const SdCell& sd_garnet() {
  static const SdCell c = sd_cell("garnet_Li7La3Zr2O12.cif", "Li");
  return c;
}
const SdCell& sd_nasicon() {
  static const SdCell c = sd_cell("nasicon_Na3Zr2Si2PO12.cif", "Na");
  return c;
}

std::uint64_t sd_hash(const Decoration& d) {  // FNV-1a over elements, occupancy and n_ions
  std::uint64_t h = 1469598103934665603ull;
  const auto add = [&](unsigned char c) { h = (h ^ c) * 1099511628211ull; };
  for (const auto& e : d.framework_element) {
    for (char c : e) add(static_cast<unsigned char>(c));
    add(0);
  }
  for (auto o : d.occupied) add(o);
  for (int k = 0; k < 4; ++k) add(static_cast<unsigned char>(d.n_ions >> (8 * k)));
  return h;
}

}  // namespace

// Decorations of compositions without mobile-site dopants, recorded on main before they existed.
TEST(SiteDopants, OtherCompositionsUnchanged) {
  const SdCell& g = sd_garnet();
  const SdCell& n = sd_nasicon();
  CompositionSpec ta;
  ta.dopants.push_back({"Zr", "Ta", -1, 2, 5});
  CompositionSpec given;
  given.ions = 40;
  CompositionSpec sc;
  sc.dopants.push_back({"Zr", "Sc", 0.25, -1, 3});
  CompositionSpec boltz;
  boltz.placement = "boltzmann";
  std::vector<double> e(static_cast<size_t>(g.net.n_sites()));
  for (size_t i = 0; i < e.size(); ++i) e[i] = 0.013 * static_cast<double>(i % 7);
  std::vector<std::uint64_t> got;
  for (std::uint64_t r = 0; r < 2; ++r) {
    got.push_back(sd_hash(decorate(g.sc, g.net, {}, 7, r)));
    got.push_back(sd_hash(decorate(g.sc, g.net, ta, 7, r)));
    got.push_back(sd_hash(decorate(g.sc, g.net, given, 7, r)));
    got.push_back(sd_hash(decorate(n.sc, n.net, sc, 7, r)));
    got.push_back(sd_hash(decorate(g.sc, g.net, boltz, 7, r, PlacementWeights{&e, 600.0})));
  }
  const std::vector<std::uint64_t> want = {
      0x82e24a865ee1888dull, 0xbcc9647a7482e8c9ull, 0xa7d67a1c6b46a615ull, 0x56f4c03cc6d6a0f7ull,
      0xe7d2d5c23ef92067ull, 0x6490fabb08dc775full, 0x18b05ef6c9bf041bull, 0x37ab16c3834b689full,
      0x48b12bc8cb02a86bull, 0x55c88543460d146full};
  EXPECT_EQ(got, want);
  EXPECT_EQ(g.net.n_sites(), 72);
}
