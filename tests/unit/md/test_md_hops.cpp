// Hop detection on the NASICON Na network: a displacement from one site onto a neighbouring site
// is one hop of that hop's class; vibrations inside the capture radius are none; a jump to a point
// that is no site is none; a jump between sites without a network hop is off-network.
#include <gtest/gtest.h>

#include "engine/crystal/read_structure.hpp"
#include "engine/md/hop_detector.hpp"

namespace ionhop::md {
namespace {

SiteNetwork nasicon_network() {
  const Crystal c = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions o;
  o.species = "Na";
  return make_supercell_network(build_network(c, o), {2, 2, 1});
}

TEST(MdHops, OneHopAlongANetworkEdge) {
  const SiteNetwork net = nasicon_network();
  ASSERT_GT(net.hops.size(), 0u);
  const Hop& h = net.hops[0];
  std::vector<Vec3> ion{net.sites[h.from].frac};
  HopDetector det(net, 0.8);
  det.start(ion);
  EXPECT_EQ(det.site_of_ion()[0], h.from);
  // vibration: 0.3 Å towards the target, no hop
  const Mat3 inv_t = inverse(transpose(net.lattice.rows));
  const Vec3 dir = (1.0 / h.length) * h.vector;
  det.update({net.sites[h.from].frac + matvec(inv_t, 0.3 * dir)}, 1.0);
  EXPECT_TRUE(det.events().empty());
  // halfway (not within 0.8 Å of either site for a hop longer than 1.6 Å): still no hop
  ASSERT_GT(h.length, 1.6);
  det.update({net.sites[h.from].frac + matvec(inv_t, 0.5 * h.length * dir)}, 2.0);
  EXPECT_TRUE(det.events().empty());
  // arrival at the target site (0.2 Å off it)
  det.update({net.sites[h.from].frac + matvec(inv_t, (h.length - 0.2) * dir)}, 3.0);
  ASSERT_EQ(det.events().size(), 1u);
  EXPECT_EQ(det.events()[0].from, h.from);
  EXPECT_EQ(det.events()[0].to, h.to);
  EXPECT_EQ(det.events()[0].hop_class, h.hop_class);
  EXPECT_EQ(det.hops_per_class()[h.hop_class], 1);
  EXPECT_EQ(det.off_network_hops(), 0);
}

TEST(MdHops, JumpBetweenUnconnectedSitesIsOffNetwork) {
  const SiteNetwork net = nasicon_network();
  // a site that is not a hop neighbour of site 0
  int far = -1;
  for (int s = 1; s < net.n_sites() && far < 0; ++s) {
    bool linked = false;
    for (int h = net.hop_offset[0]; h < net.hop_offset[1]; ++h) linked |= net.hops[h].to == s;
    if (!linked) far = s;
  }
  ASSERT_GE(far, 0);
  HopDetector det(net, 0.8);
  det.start({net.sites[0].frac});
  det.update({net.sites[far].frac}, 1.0);
  ASSERT_EQ(det.events().size(), 1u);
  EXPECT_EQ(det.events()[0].hop_class, -1);
  EXPECT_EQ(det.off_network_hops(), 1);
}

// Na2 site a, Na1 site v linked to a, Na2 site b linked to v but not to a, and a point 1.2 Å from
// v on the way from a (outside v's 0.8 Å capture sphere, inside v's region).
struct Passage {
  int a = -1, v = -1, b = -1;
  Vec3 near_v{};
};

Passage na2_na1_na2(const SiteNetwork& net) {
  Passage p;
  for (int a = 0; a < net.n_sites() && p.b < 0; ++a)
    for (int h = net.hop_offset[a]; h < net.hop_offset[a + 1] && p.b < 0; ++h) {
      const int v = net.hops[h].to;
      if (net.site_classes[net.sites[v].site_class].label != "Na1") continue;
      for (int k = net.hop_offset[v]; k < net.hop_offset[v + 1] && p.b < 0; ++k) {
        const int b = net.hops[k].to;
        bool linked = b == a;
        for (int g = net.hop_offset[a]; g < net.hop_offset[a + 1]; ++g) linked |= net.hops[g].to == b;
        if (linked) continue;
        p = {a, v, b, {}};
        const Hop& av = net.hops[h];
        p.near_v = net.sites[a].frac + matvec(inverse(transpose(net.lattice.rows)), ((av.length - 1.2) / av.length) * av.vector);
      }
    }
  return p;
}

TEST(MdHops, PassageThroughAThirdSiteRegionIsTwoNetworkHops) {
  const SiteNetwork net = nasicon_network();
  const Passage p = na2_na1_na2(net);
  ASSERT_GE(p.b, 0);
  HopDetector det(net, 0.8);
  det.start({net.sites[p.a].frac}, 0.0);
  det.update({p.near_v}, 1.0);  // in v's region, 1.2 Å from it: no hop yet
  EXPECT_TRUE(det.events().empty());
  det.update({net.sites[p.b].frac}, 2.0);
  ASSERT_EQ(det.events().size(), 2u);
  const HopEvent &e1 = det.events()[0], &e2 = det.events()[1];
  EXPECT_EQ(e1.from, p.a);
  EXPECT_EQ(e1.to, p.v);
  EXPECT_DOUBLE_EQ(e1.time, 1.0);  // time of the closest approach to v
  EXPECT_EQ(e2.from, p.v);
  EXPECT_EQ(e2.to, p.b);
  EXPECT_TRUE(e1.through && e2.through);
  EXPECT_GE(e1.hop_class, 0);
  EXPECT_GE(e2.hop_class, 0);
  EXPECT_NEAR(e1.via_distance, 1.2, 1e-9);
  EXPECT_EQ(det.off_network_hops(), 0);
  EXPECT_EQ(det.through_hops(), 2);
  EXPECT_EQ(det.site_of_ion()[0], p.b);
}

TEST(MdHops, ExcursionThatReturnsHomeIsForgotten) {
  const SiteNetwork net = nasicon_network();
  const Passage p = na2_na1_na2(net);
  ASSERT_GE(p.b, 0);
  HopDetector det(net, 0.8);
  det.start({net.sites[p.a].frac}, 0.0);
  det.update({p.near_v}, 1.0);
  det.update({net.sites[p.a].frac}, 2.0);  // back home: the visit to v's region is over
  det.update({net.sites[p.b].frac}, 3.0);  // then a direct jump a -> b: no network hop
  ASSERT_EQ(det.events().size(), 1u);
  EXPECT_EQ(det.events()[0].hop_class, -1);
  EXPECT_FALSE(det.events()[0].through);
  EXPECT_EQ(det.off_network_hops(), 1);
}

}  // namespace
}  // namespace ionhop::md

#include <cmath>
#include <fstream>

#include "engine/core/units.hpp"
#include "engine/md/rate_model.hpp"
#include "engine/models/model_spec.hpp"

namespace ionhop::md {
namespace {

// Exact Arrhenius rates in, the barriers, site-energy difference and attempt frequency out, and
// the written file is a lattice-gas model the KMC reader accepts.
TEST(MdRateModel, RecoversBarriersFromExactRates) {
  const Crystal c = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions o;
  o.species = "Na";
  const SiteNetwork net = build_network(c, o);
  ASSERT_EQ(net.hop_classes.size(), 1u);
  // the two directions with different prefactors: the class gets their geometric mean
  const double nu = 4e12, nu_ba = 1e12, ea_ab = 0.5, ea_ba = 0.3;
  std::vector<DirectedRates> runs;
  for (double T : {600.0, 800.0, 1000.0}) {
    DirectedRates r;
    r.temperature = T;
    r.exposure = {1e9, 1e9};  // ps: counts large enough that rounding is negligible
    for (auto [v, ea] : {std::pair{nu, ea_ab}, std::pair{nu_ba, ea_ba}})
      r.hops.push_back(std::llround(v * std::exp(-ea / (units::kB_eV * T)) * 1e9 * 1e-12));
    runs.push_back(r);
  }
  const RateModel m = lattice_gas_from_md(net, runs, "test");
  ASSERT_TRUE(m.valid) << (m.notes.empty() ? "" : m.notes[0]);
  EXPECT_NEAR(m.lines[0].ea, ea_ab, 1e-4);
  EXPECT_NEAR(m.lines[1].ea, ea_ba, 1e-4);
  EXPECT_NEAR(std::exp(m.lines[0].ln_nu) / nu, 1.0, 1e-3);
  const std::string path = ::testing::TempDir() + "/md_rate_model.toml";
  std::ofstream(path) << m.toml;
  const ModelSpec spec = read_model_file(path);
  const auto& lg = std::get<LatticeGasSpec>(spec);
  EXPECT_NEAR(lg.attempt_frequency / std::sqrt(nu * nu_ba), 1.0, 1e-3);  // exp(mean ln ν) of the two
  ASSERT_EQ(lg.kra.size(), 1u);
  ASSERT_TRUE(lg.kra[0].attempt_frequency.has_value());
  EXPECT_NEAR(*lg.kra[0].attempt_frequency / std::sqrt(nu * nu_ba), 1.0, 1e-3);
  EXPECT_NEAR(lg.kra[0].e_kra, 0.5 * (ea_ab + ea_ba), 1e-4);
  double e1 = 0, e2 = 0;
  for (const auto& [label, e] : lg.site_energy) (label == net.site_classes[net.hop_classes[0].site_class_a].label ? e1 : e2) = e;
  EXPECT_NEAR(e2 - e1, ea_ab - ea_ba, 1e-4);
}

TEST(MdRateModel, ExposureCountsEmptyTargetsOnly) {
  const Crystal c = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions o;
  o.species = "Na";
  const SiteNetwork net = make_supercell_network(build_network(c, o), {2, 2, 1});
  const int s0 = 0;
  const int n_out = net.hop_offset[s0 + 1] - net.hop_offset[s0];
  const Hop& h = net.hops[net.hop_offset[s0]];
  HopDetector det(net, 0.8);
  // one ion on s0 and one on a neighbour of s0: s0 sees n_out - 1 empty targets
  det.start({net.sites[s0].frac, net.sites[h.to].frac}, 0.0);
  det.update({net.sites[s0].frac, net.sites[h.to].frac}, 2.0);
  // expected: 2 ps for every (ion, hop of its site whose target holds no ion), by class/direction
  std::vector<double> want(2 * net.hop_classes.size(), 0.0);
  const int occ[2] = {s0, h.to};
  int blocked = 0;
  for (int site : occ)
    for (int k = net.hop_offset[site]; k < net.hop_offset[site + 1]; ++k) {
      const Hop& x = net.hops[k];
      if (x.to == occ[0] || x.to == occ[1]) {
        ++blocked;
        continue;
      }
      const int d = net.sites[site].site_class == net.hop_classes[x.hop_class].site_class_a ? 0 : 1;
      want[2 * x.hop_class + d] += 2.0;
    }
  EXPECT_GE(blocked, 2);  // s0 -> h.to and its reverse are blocked
  for (size_t k = 0; k < want.size(); ++k) EXPECT_DOUBLE_EQ(det.directed_exposure()[k], want[k]) << k;
  EXPECT_GT(n_out, 1);
}

}  // namespace
}  // namespace ionhop::md
