// build_kmc_system on the shipped NASICON structure: supercell, charge-neutral Na count, the
// model's range check, dopants with site-energy shifts (against brute-force distances), and a
// short ensemble run with the shipped model.
#include <gtest/gtest.h>

#include <string>

#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "engine/models/lattice_gas_tables.hpp"

using namespace ionhop;

namespace {

struct Nasicon {
  Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  SiteNetwork net;
  ModelSpec model = read_model_file(std::string(IONHOP_REPO_DIR) + "/potentials/nasicon_lattice_gas.toml");
  Nasicon() {
    NetworkOptions o;
    o.species = "Na";
    net = build_network(unit, o);
  }
};

}  // namespace

TEST(NasiconSystem, SupercellIonsAndRangeCheck) {
  const Nasicon n;
  ASSERT_EQ(n.net.n_sites(), 24);
  const KmcSystem sys = build_kmc_system(n.unit, n.net, {2, 2, 1}, {}, n.model);
  EXPECT_EQ(sys.network.n_sites(), 96);
  EXPECT_EQ(sys.n_ions, 72);  // Na3 per formula unit, 4 cells x 6 f.u.
  EXPECT_NEAR(sys.volume, 4 * 1621.037, 0.1);
  // One cell is 7.96 Å wide across (a sin 60°): too narrow for the 4 Å pair range.
  try {
    build_kmc_system(n.unit, n.net, {1, 1, 1}, {}, n.model);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("use a larger supercell"), std::string::npos) << e.what();
  }
  Ensemble ens(sys, {600.0, 1, 0, 2});
  const auto rate = ens.equilibrate(20);
  EXPECT_GT(rate[0], 0);
  EXPECT_LT(ens.rate_consistency_error(), 1e-9);
  const KmcSamples s = ens.produce({0, 1e-10, 2e-10});
  EXPECT_EQ(s.n_classes, 1);
  EXPECT_EQ(s.hops_per_class[0], s.events[0]);
}

TEST(NasiconSystem, DopantsShiftSiteEnergiesWithinTheRadius) {
  const Nasicon n;
  CompositionSpec comp;
  comp.dopants.push_back({"Zr", "Sc", -1, 5, 3});  // 5 Zr4+ -> Sc3+: 5 more Na+
  LatticeGasSpec m = std::get<LatticeGasSpec>(n.model);
  m.dopant_shifts.push_back({"Sc", 5.0, -0.1});
  const KmcSystem sys = build_kmc_system(n.unit, n.net, {2, 2, 1}, comp, m);
  EXPECT_EQ(sys.n_ions, 77);
  const Decoration d = decorate(sys.crystal, sys.network, comp, 9, 4);
  const LatticeGasTables t = build_lattice_gas_tables(m, sys.network);
  const std::vector<double> e = lattice_gas_site_energies(m, t, sys.network, sys.crystal, d);
  int pairs = 0;
  for (size_t a = 0; a < sys.crystal.atoms.size(); ++a) {
    if (d.framework_element[a] != "Sc") continue;
    for (const auto& site : sys.network.sites)
      pairs += sys.network.lattice.distance(sys.crystal.atoms[a].frac, site.frac) <= 5.0;
  }
  ASSERT_GT(pairs, 0);
  double shift = 0;
  for (int i = 0; i < sys.network.n_sites(); ++i) shift += e[i] - t.base_site_energy[i];
  EXPECT_NEAR(shift, -0.1 * pairs, 1e-9);
}
