// Hops near dopants (engine/composition/dopant_neighbour.hpp, KmcSystem::hop_near_dopant,
// engine/analysis/dopant_hops.hpp): the flags of a hand-built lattice, the kernel's near / far
// counts on the hops the flags name, and the executed near fraction of a non-interacting lattice
// gas against the available one.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "engine/analysis/dopant_hops.hpp"
#include "engine/composition/dopant_neighbour.hpp"
#include "engine/core/error.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "tests/unit/kmc/lattices.hpp"

using namespace ionhop;

namespace {

// Simple cubic L = 4, a = 3 Å (box 12 Å) with Zr atoms at the centres of the given cubes (cube
// (i, j, k) has its corner at site (i, j, k)).
Crystal cube_centre_crystal(const SiteNetwork& net, const std::vector<std::array<int, 3>>& cubes) {
  Crystal c;
  c.lattice = net.lattice;
  CrystalSite zr;
  zr.label = "Zr1";
  zr.occupants = {Occupant{"Zr", 1.0, 4}};
  c.sites = {zr};
  for (const auto& q : cubes) c.atoms.push_back(CellAtom{0, {(q[0] + 0.5) / 4, (q[1] + 0.5) / 4, (q[2] + 0.5) / 4}});
  return c;
}

// Reference: the hop midpoint's distance to point p (Å) with the cubic minimum image, by hand.
double cubic_distance(const SiteNetwork& net, const Hop& h, const Vec3& p_frac, double box) {
  double d2 = 0;
  for (int a = 0; a < 3; ++a) {
    double x = net.sites[static_cast<size_t>(h.from)].frac[a] * box + 0.5 * h.vector[a] - p_frac[a] * box;
    x -= box * std::round(x / box);
    d2 += x * x;
  }
  return std::sqrt(d2);
}

// Non-interacting lattice gas on simple cubic L = 6 (periodic cells), 100 ions on 216 sites.
KmcSystem free_gas() {
  CompositionSpec c;
  c.ions = 100;
  return build_kmc_system(kmctest::simple_cubic_cells(6, 3.0), c, kmctest::sc_model(1e13, 0.25));
}

KmcSamples run_gas(const KmcSystem& sys, int replicas, double t_end) {
  Ensemble ens(sys, {600.0, 17, 0, replicas});
  ens.equilibrate(20);
  return ens.produce({0, 0.25 * t_end, 0.5 * t_end, t_end});
}

std::int64_t total(const std::vector<std::int64_t>& v) { return std::accumulate(v.begin(), v.end(), std::int64_t{0}); }

}  // namespace

TEST(DopantNeighbour, FlagsTheHopsAroundAnAtom) {
  const SiteNetwork net = kmctest::simple_cubic(4, 3.0);
  const Crystal c = cube_centre_crystal(net, {{1, 1, 1}, {3, 0, 2}});
  // The 12 edges of cube (1, 1, 1) have their midpoints 3/√2 = 2.12 Å from its centre, the next
  // edges 4.74 Å: 24 directed hops within 2.5 Å, none within 2 Å.
  const auto near = hops_near_atoms(c, net, {0}, 2.5);
  ASSERT_EQ(near.size(), net.hops.size());
  EXPECT_EQ(std::accumulate(near.begin(), near.end(), 0), 24);
  const auto none = hops_near_atoms(c, net, {0}, 2.0);
  EXPECT_EQ(std::accumulate(none.begin(), none.end(), 0), 0);
  // Every radius and both atoms (one across the periodic boundary) against the distances by hand.
  for (double radius : {2.5, 4.0, 4.8, 5.5}) {
    const auto f = hops_near_atoms(c, net, {0, 1}, radius);
    for (size_t h = 0; h < net.hops.size(); ++h) {
      const bool want = cubic_distance(net, net.hops[h], c.atoms[0].frac, 12.0) <= radius ||
                        cubic_distance(net, net.hops[h], c.atoms[1].frac, 12.0) <= radius;
      EXPECT_EQ(f[h], want ? 1 : 0) << "hop " << h << ", radius " << radius;
    }
  }
  EXPECT_THROW(hops_near_atoms(c, net, {0}, 0.0), Error);
  EXPECT_THROW(hops_near_atoms(c, net, {2}, 2.5), Error);
}

TEST(DopantNeighbour, ReplicaFlagsFollowItsDecoration) {
  // Eight Zr atoms (cubes of even corners), one of them Sc in each replica: the flags are those of
  // the atom decorate() made Sc for that (seed, replica).
  const SiteNetwork net = kmctest::simple_cubic(4, 3.0);
  std::vector<std::array<int, 3>> cubes;
  for (int i = 0; i < 8; ++i) cubes.push_back({2 * (i & 1), 2 * ((i >> 1) & 1), 2 * (i >> 2)});
  const Crystal c = cube_centre_crystal(net, cubes);
  CompositionSpec spec;
  spec.ions = 10;
  spec.dopants = {DopantSpec{"Zr", "Sc", -1, 1, 3}};
  const auto flags = hop_near_dopant_flags(c, net, spec, 2.5);
  for (std::uint64_t replica = 0; replica < 4; ++replica) {
    const Decoration dec = decorate(c, net, spec, 9, replica);
    std::vector<int> sc;
    for (size_t a = 0; a < dec.framework_element.size(); ++a)
      if (dec.framework_element[a] == "Sc") sc.push_back(static_cast<int>(a));
    ASSERT_EQ(sc.size(), 1u);
    const auto f = flags(9, replica);
    EXPECT_EQ(f, hops_near_atoms(c, net, sc, 2.5)) << "replica " << replica;
    EXPECT_EQ(std::accumulate(f.begin(), f.end(), 0), 24);
  }
  CompositionSpec plain = spec;
  plain.dopants.clear();
  const auto none = hop_near_dopant_flags(c, net, plain)(9, 0);
  EXPECT_EQ(std::accumulate(none.begin(), none.end(), 0), 0);
}

TEST(DopantHops, CountsLandOnTheFlaggedHops) {
  // Hops touching the x = 0 plane are blocked (+10 eV, KmcSystem::hop_kra_correction): flagged
  // near, none of them may be counted; flagged far, every executed hop is near.
  KmcSystem sys = free_gas();
  const SiteNetwork net = sys.network;
  const auto blocked = [net](size_t h) {
    return std::lround(net.sites[static_cast<size_t>(net.hops[h].from)].frac[0] * 6) == 0 ||
           std::lround(net.sites[static_cast<size_t>(net.hops[h].to)].frac[0] * 6) == 0;
  };
  sys.hop_kra_correction = [net, blocked](std::uint64_t, std::uint64_t) {
    std::vector<double> d(net.hops.size(), 0.0);
    for (size_t h = 0; h < d.size(); ++h) d[h] = blocked(h) ? 10.0 : 0.0;
    return d;
  };
  for (bool near_blocked : {true, false}) {
    sys.hop_near_dopant = [net, blocked, near_blocked](std::uint64_t, std::uint64_t) {
      std::vector<std::uint8_t> f(net.hops.size());
      for (size_t h = 0; h < f.size(); ++h) f[h] = blocked(h) == near_blocked ? 1 : 0;
      return f;
    };
    const KmcSamples s = run_gas(sys, 2, 2e-10);
    ASSERT_EQ(s.hops_near_dopant.size(), 2u);
    EXPECT_GT(total(s.events), 1000);
    EXPECT_EQ(total(near_blocked ? s.hops_near_dopant : s.hops_far_from_dopant), 0);
    EXPECT_EQ(total(s.hops_near_dopant) + total(s.hops_far_from_dopant), total(s.hops_per_class));
  }
}

TEST(DopantHops, EveryHopNearGivesFractionOne) {
  KmcSystem sys = free_gas();
  const size_t n_hops = sys.network.hops.size();
  sys.hop_near_dopant = [n_hops](std::uint64_t, std::uint64_t) { return std::vector<std::uint8_t>(n_hops, 1); };
  const KmcSamples s = run_gas(sys, 3, 2e-10);
  ASSERT_EQ(s.hops_near_dopant.size(), 3u);
  for (int r = 0; r < 3; ++r) {
    EXPECT_GT(s.hops_near_dopant[r], 0);
    EXPECT_EQ(s.hops_near_dopant[r], s.hops_per_class[r]);  // one hop class
    EXPECT_EQ(s.hops_far_from_dopant[r], 0);
    EXPECT_EQ(s.available_near_dopant[r], static_cast<std::int64_t>(n_hops));
    EXPECT_EQ(s.available_hops[r], static_cast<std::int64_t>(n_hops));
  }
  const DopantHopStats d = dopant_hop_stats(s);
  ASSERT_TRUE(d.present);
  EXPECT_EQ(d.near_fraction, 1.0);
  EXPECT_EQ(d.near_fraction_err, 0.0);
  EXPECT_EQ(d.available_fraction, 1.0);
  EXPECT_EQ(d.enrichment, 1.0);
  EXPECT_EQ(d.executed_far, 0);
  // Without flags the counts are absent.
  EXPECT_FALSE(dopant_hop_stats(run_gas(free_gas(), 1, 1e-11)).present);
}

TEST(DopantHops, HalfFlaggedFreeGasUsesItsShare) {
  // Every directed hop of a non-interacting lattice gas carries the same flux, so the executed near
  // fraction estimates the available one. Flags: about half the hops, different per replica.
  KmcSystem sys = free_gas();
  const size_t n_hops = sys.network.hops.size();
  sys.hop_near_dopant = [n_hops](std::uint64_t, std::uint64_t replica) {
    std::vector<std::uint8_t> f(n_hops);
    for (size_t h = 0; h < n_hops; ++h) f[h] = static_cast<std::uint8_t>(((h * 2654435761u + replica * 40503u) >> 9) & 1);
    return f;
  };
  const int nr = 8;
  const KmcSamples s = run_gas(sys, nr, 2e-9);
  const DopantHopStats d = dopant_hop_stats(s);
  ASSERT_TRUE(d.present);
  EXPECT_EQ(d.replicas_used, nr);
  EXPECT_GT(d.executed_near + d.executed_far, 100000);
  EXPECT_GT(d.available_fraction, 0.4);
  EXPECT_LT(d.available_fraction, 0.6);
  EXPECT_GT(d.near_fraction_err, 0.0);
  EXPECT_LT(std::abs(d.near_fraction - d.available_fraction), 3 * d.near_fraction_err);
  EXPECT_LT(std::abs(d.enrichment - 1.0), 3 * d.enrichment_err);
  // The paired test: per replica f_r - a_r, mean within 3 of its standard errors of 0.
  double sum = 0, sq = 0;
  for (int r = 0; r < nr; ++r) {
    const double x = double(s.hops_near_dopant[r]) / double(s.hops_near_dopant[r] + s.hops_far_from_dopant[r]) -
                     double(s.available_near_dopant[r]) / double(s.available_hops[r]);
    sum += x, sq += x * x;
  }
  const double mean = sum / nr, se = std::sqrt((sq - nr * mean * mean) / (nr - 1) / nr);
  EXPECT_LT(std::abs(mean), 3 * se);
}

TEST(DopantHops, BadFlagsAreErrors) {
  KmcSystem sys = free_gas();
  sys.hop_near_dopant = [](std::uint64_t, std::uint64_t) { return std::vector<std::uint8_t>(5, 0); };
  EXPECT_THROW(Ensemble(sys, {600.0, 1, 0, 1}), Error);
  const size_t n_hops = sys.network.hops.size();
  sys.hop_near_dopant = [n_hops](std::uint64_t, std::uint64_t) { return std::vector<std::uint8_t>(n_hops, 2); };
  EXPECT_THROW(Ensemble(sys, {600.0, 1, 0, 1}), Error);
}
