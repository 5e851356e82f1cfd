// Local KRA barriers from BVSE on a Sc-doped NASICON supercell (engine/bvse/local_kra.hpp):
// hops next to a Sc get a different barrier than far ones, δ is one number per hop pair, and a
// KMC run with the BVSE corrections works end to end.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "engine/bvse/bvse_parameters.hpp"
#include "engine/bvse/local_kra.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "engine/models/model_spec.hpp"

using namespace ionhop;

namespace {

struct Nasicon {
  Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  SiteNetwork net;
  Nasicon() {
    NetworkOptions o;
    o.species = "Na";
    net = build_network(unit, o);
  }
};

}  // namespace

TEST(BvseLocalKra, HopsNextToScandiumChangeFarOnesDoNot) {
  const Nasicon n;
  const std::array<int, 3> cells{2, 2, 1};
  const Crystal sc = make_supercell(n.unit, cells);
  const SiteNetwork sup = make_supercell_network(n.net, cells);
  CompositionSpec comp;
  comp.dopants.push_back({"Zr", "Sc", -1, 1, 3});
  const Decoration doped = decorate(sc, sup, comp, 5, 0);
  Decoration plain = doped;  // the same framework draws with the Sc put back to Zr
  size_t sc_atom = sc.atoms.size();
  for (size_t a = 0; a < doped.framework_element.size(); ++a)
    if (doped.framework_element[a] == "Sc") sc_atom = a, plain.framework_element[a] = "Zr";
  ASSERT_LT(sc_atom, sc.atoms.size());
  plain.n_ions -= 1;
  const bvse::Parameters params = bvse::load_parameters();
  bvse::FieldOptions fo;
  fo.mobile = "Na";
  bvse::PathOptions path;
  const bvse::SiteHopResult unit_sh = bvse::compute_site_hop(bvse::build_field(n.unit, params, fo), n.net, path);
  auto ox = bvse::oxidation_table(n.unit, comp);
  const auto energies = [&](const Decoration& d) {
    const bvse::Field f = bvse::build_field(sc.lattice, bvse::decorated_atoms(sc, d, ox, "Na", 1), params, fo);
    return bvse::decorated_site_hop(f, sup, n.net, unit_sh, path);
  };
  const std::vector<double> d1 = bvse::local_kra_corrections(sup, energies(doped), 1.0);
  const std::vector<double> d0 = bvse::local_kra_corrections(sup, energies(plain), 1.0);
  double near_max = 0, far_max = 0;
  int near = 0, far = 0;
  for (size_t h = 0; h < sup.hops.size(); ++h) {
    const Hop& hop = sup.hops[h];
    const Vec3 a = sup.sites[static_cast<size_t>(hop.from)].frac, b = sup.sites[static_cast<size_t>(hop.to)].frac;
    const double r = std::min(sup.lattice.distance(a, sc.atoms[sc_atom].frac), sup.lattice.distance(b, sc.atoms[sc_atom].frac));
    const double change = std::abs(d1[h] - d0[h]);
    if (r <= 4.0) near_max = std::max(near_max, change), ++near;
    else if (r >= 7.0) far_max = std::max(far_max, change), ++far;
    for (int k = sup.hop_offset[static_cast<size_t>(hop.to)]; k < sup.hop_offset[static_cast<size_t>(hop.to) + 1]; ++k)
      if (sup.hops[static_cast<size_t>(k)].to == hop.from && norm(sup.hops[static_cast<size_t>(k)].vector + hop.vector) < 1e-4)
        EXPECT_EQ(d1[h], d1[static_cast<size_t>(k)]);  // one KRA per hop pair
  }
  ASSERT_GT(near, 0);
  ASSERT_GT(far, 0);
  std::printf("KRA change from one Zr->Sc: near (<= 4 A, %d hops) max %.4f eV, far (>= 7 A, %d hops) max %.2e eV\n", near,
              near_max, far, far_max);
  EXPECT_GT(near_max, 1e-3);  // a real change, far above round-off
  EXPECT_GT(near_max, 5.0 * far_max);
}

TEST(BvseLocalKra, KmcRunWithBvseBarriersEndToEnd) {
  const Nasicon n;
  CompositionSpec comp;
  comp.dopants.push_back({"Zr", "Sc", -1, 4, 3});
  const ModelSpec model = read_model_file(std::string(IONHOP_REPO_DIR) + "/potentials/nasicon_lattice_gas.toml");
  KmcSystem sys = build_kmc_system(n.unit, n.net, {2, 2, 1}, comp, model);
  bvse::LocalKraOptions opt;
  sys.hop_kra_correction = bvse::bvse_local_kra(n.unit, n.net, {2, 2, 1}, comp, opt);
  const std::vector<double> d = sys.hop_kra_correction(3, 1);
  ASSERT_EQ(d.size(), sys.network.hops.size());
  double spread = 0;
  for (double x : d) spread = std::max(spread, std::abs(x));
  EXPECT_GT(spread, 0.01);
  Ensemble ens(sys, {600.0, 3, 0, 2});
  const auto rate = ens.equilibrate(10);
  EXPECT_GT(rate[0], 0);
  EXPECT_LT(ens.rate_consistency_error(), 1e-9);
  const KmcSamples s = ens.produce({0, 1e-10, 2e-10});
  EXPECT_GT(s.events[0] + s.events[1], 0);
}
