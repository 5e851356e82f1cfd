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

}  // namespace
}  // namespace ionhop::md
