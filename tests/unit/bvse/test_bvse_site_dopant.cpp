// BVSE with a dopant on a mobile site (NASICON, Al3+ on a Na site): the dopant is a cation of the
// decorated field, the local KRA corrections stay finite (hops touching its site get 0), and the
// dopant shift `ionhop bvse --dopant Na:Al:3` derives is finite and positive (a cation repels Na+).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "engine/bvse/bvse_model.hpp"
#include "engine/bvse/bvse_parameters.hpp"
#include "engine/bvse/local_kra.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"

using namespace ionhop;

namespace {

struct SdNasicon {
  Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  SiteNetwork net;
  bvse::Parameters params = bvse::load_parameters();
  bvse::FieldOptions fo;
  bvse::SiteHopResult unit_sh;
  SdNasicon() {
    NetworkOptions o;
    o.species = "Na";
    net = build_network(unit, o);
    fo.mobile = "Na";
    unit_sh = bvse::compute_site_hop(bvse::build_field(unit, params, fo), net);
  }
};

}  // namespace

TEST(BvseSiteDopant, DopantIsInTheFieldAndLocalBarriersStayFinite) {
  const SdNasicon n;
  CompositionSpec comp;
  comp.dopants.push_back({"Na", "Al", -1, 1, 3});
  const auto rep = bvse::replica_site_hop(n.unit, n.net, n.unit_sh, {2, 2, 1}, comp, 5, 0, 1, n.params, n.fo);
  const auto plain = bvse::replica_site_hop(n.unit, n.net, n.unit_sh, {2, 2, 1}, {}, 5, 0, 1, n.params, n.fo);
  const SiteNetwork sup = make_supercell_network(n.net, {2, 2, 1});
  const auto& dop = rep.at(0).site_dopant;
  ASSERT_EQ(dop.size(), static_cast<size_t>(sup.n_sites()));
  int site = -1;
  for (int i = 0; i < sup.n_sites(); ++i)
    if (dop[static_cast<size_t>(i)]) site = i;
  ASSERT_GE(site, 0);
  EXPECT_EQ(rep.at(0).n_ions, plain.at(0).n_ions - 3);
  // The Al3+ at the site: far above its undoped energy (or not finite: the ion would sit on it).
  const double e = rep.at(0).energies.site_energy[static_cast<size_t>(site)];
  EXPECT_TRUE(!std::isfinite(e) || e > plain.at(0).energies.site_energy[static_cast<size_t>(site)] + 5.0) << e;
  const std::vector<double> d = bvse::local_kra_corrections(sup, rep.at(0).energies, 1.0, dop);
  int touching = 0, nonzero = 0;
  for (size_t h = 0; h < sup.hops.size(); ++h) {
    ASSERT_TRUE(std::isfinite(d[h])) << h;
    if (sup.hops[h].from == site || sup.hops[h].to == site) {
      EXPECT_EQ(d[h], 0.0);
      ++touching;
    } else {
      nonzero += d[h] != 0.0;
    }
  }
  EXPECT_GT(touching, 0);
  EXPECT_GT(nonzero, 0);
}

TEST(BvseSiteDopant, DopantShiftOfAMobileSiteDopant) {
  const SdNasicon n;
  const bvse::DopantShiftResult r = bvse::derive_dopant_shift(n.unit, n.net, n.unit_sh, n.params, n.fo, "Na", "Al", 3, 4.0);
  EXPECT_TRUE(std::isfinite(r.spec.shift));
  EXPECT_GT(r.spec.shift, 0.0);
  EXPECT_EQ(r.spec.species, "Al");
  EXPECT_GT(r.near_sites, 0);
  EXPECT_GT(r.far_sites, 0);
}
