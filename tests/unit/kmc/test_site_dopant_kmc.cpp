// Immobile dopants on mobile sites in KMC (doc/theory/kmc.md §1): no ion ever enters a dopant
// site (every event checked, both lattice-gas forms, with exclusion, and the local cluster
// expansion); the rates equal those of the lattice with the site removed; the dopant mask survives
// a save/load of the state (continued run bitwise the uninterrupted one).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "engine/composition/dopant_neighbour.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/kmc/ensemble.hpp"
#include "engine/kmc/kmc_system.hpp"
#include "tests/unit/kmc/lattices.hpp"
#include "tests/unit/kmc/paused_run.hpp"

using namespace ionhop;

namespace {

constexpr int kSdEdge = 8;
constexpr double kSdA = 3.0;  // Å

KmcSystem sd_system(double exclusion, int ions, int dopants) {
  LatticeGasSpec m = kmctest::sc_model(1e13, 0.2);
  m.exclusion_distance = exclusion;
  m.pair_shells = {{3.5, 0.04}, {4.3, -0.01}};
  CompositionSpec c;
  c.ions = ions;
  c.dopants.push_back({"Na", "Al", -1, dopants, 3});
  return build_kmc_system(kmctest::simple_cubic_cells(kSdEdge, kSdA), c, m);
}

// The dopant sites of replica r as decorate() draws them (the ensemble's decoration).
std::vector<std::uint8_t> sd_dopant_sites(const KmcSystem& sys, std::uint64_t seed, int r) {
  return decorate(sys.crystal, sys.network, sys.composition, seed, static_cast<std::uint64_t>(r)).site_dopant;
}

// One event per replica per step, every state checked: returns the events executed.
long sd_run_checked(const KmcSystem& sys, bool coded, long events_per_replica, int replicas) {
  EnsembleSettings s{600.0, 23, 0, replicas};
  s.coded_state = coded;
  s.batch_events = 1;
  Ensemble e(sys, s);
  EXPECT_EQ(e.coded_state(), coded);
  const int n = sys.network.n_sites();
  std::vector<std::vector<std::uint8_t>> dop;
  for (int r = 0; r < replicas; ++r) dop.push_back(sd_dopant_sites(sys, s.seed, r));
  e.begin_equilibration(static_cast<double>(events_per_replica) / sys.n_ions);
  long steps = 0;
  for (bool done = false; !done; ++steps) {
    const std::vector<std::uint8_t> occ = e.occupancy();
    for (int r = 0; r < replicas; ++r) {
      int ions = 0;
      for (int i = 0; i < n; ++i) {
        const std::uint8_t o = occ[static_cast<size_t>(r) * n + i];
        ions += o;
        if (o && dop[static_cast<size_t>(r)][static_cast<size_t>(i)]) {
          ADD_FAILURE() << "ion on dopant site " << i << " of replica " << r << " after event " << steps;
          return e.events_done();
        }
      }
      EXPECT_EQ(ions, sys.n_ions);
    }
    done = e.step();
  }
  EXPECT_LT(e.rate_consistency_error(), 1e-12);
  return e.events_done();
}

}  // namespace

TEST(SiteDopantKmc, NoIonEverEntersADopantSite) {
  long events = 0;
  events += sd_run_checked(sd_system(0, 200, 40), false, 11000, 4);    // weight form
  events += sd_run_checked(sd_system(0, 200, 40), true, 11000, 4);     // coded form
  events += sd_run_checked(sd_system(1.2 * kSdA, 120, 40), true, 6000, 4);  // with nearest-neighbour exclusion
  EXPECT_GE(events, 100000);
}

namespace {

// simple_cubic(L) without site 0: sites renumbered i -> i - 1, hops touching 0 dropped.
SiteNetwork sd_without_site0(const SiteNetwork& full) {
  SiteNetwork net = full;
  net.sites.erase(net.sites.begin());
  net.hops.clear();
  net.hop_offset = {0};
  for (int i = 1; i < full.n_sites(); ++i) {
    for (int h = full.hop_offset[static_cast<size_t>(i)]; h < full.hop_offset[static_cast<size_t>(i) + 1]; ++h) {
      Hop hop = full.hops[static_cast<size_t>(h)];
      if (hop.to == 0) continue;
      hop.from -= 1;
      hop.to -= 1;
      net.hops.push_back(hop);
    }
    net.hop_offset.push_back(static_cast<int>(net.hops.size()));
  }
  return net;
}

using SdHopKey = std::tuple<int, int, long, long, long>;
SdHopKey sd_key(const Ensemble::HopRate& h, int shift) {
  return {h.from - shift, h.to - shift, std::lround(h.vector[0] * 10), std::lround(h.vector[1] * 10), std::lround(h.vector[2] * 10)};
}

}  // namespace

// The same ions on the lattice with a dopant on site 0 and on the lattice without site 0: every
// hop has the same rate (to 1e-12; hops into site 0 have rate 0), with interactions, at the start
// and after 2000 events of the doped run replayed as a decoration of the other.
TEST(SiteDopantKmc, RatesEqualThoseOfTheLatticeWithoutTheSite) {
  const int L = 5;
  const SiteNetwork full = kmctest::simple_cubic(L, kSdA);
  LatticeGasSpec m = kmctest::sc_model(1e13, 0.2);
  m.pair_shells = {{3.5, 0.04}, {4.3, -0.01}};
  const int n = full.n_sites(), ions = 50;
  std::vector<std::uint8_t> occ(static_cast<size_t>(n), 0);
  for (int k = 0, i = 1; k < ions; ++k, i = (i + 7) % n) occ[static_cast<size_t>(i == 0 ? ++i : i)] = 1;
  CompositionSpec c;
  c.ions = ions;
  for (int round = 0; round < 2; ++round) {
    KmcSystem a = build_kmc_system(full, c, m);
    a.decoration = [&](std::uint64_t, std::uint64_t, double) {
      Decoration d;
      d.occupied = occ;
      d.n_ions = ions;
      d.site_dopant.assign(static_cast<size_t>(n), 0);
      d.site_dopant[0] = 1;
      d.site_dopant_element = {"Al"};
      d.site_dopant_oxidation = {3};
      return d;
    };
    KmcSystem b = build_kmc_system(sd_without_site0(full), c, m);
    b.decoration = [&](std::uint64_t, std::uint64_t, double) {
      Decoration d;
      d.occupied.assign(occ.begin() + 1, occ.end());
      d.n_ions = ions;
      return d;
    };
    Ensemble ea(a, {600.0, 5, 0, 1}), eb(b, {600.0, 5, 0, 1});
    std::map<SdHopKey, double> rb;
    for (const auto& h : eb.hop_rates(0)) rb[sd_key(h, 0)] = h.rate;
    int compared = 0, into = 0;
    for (const auto& h : ea.hop_rates(0)) {
      if (h.to == 0 || h.from == 0) {
        EXPECT_EQ(h.rate, 0.0) << h.from << " -> " << h.to;
        into += h.to == 0 && occ[static_cast<size_t>(h.from)];
        continue;
      }
      const double want = rb.at(sd_key(h, 1));
      EXPECT_NEAR(h.rate, want, 1e-12 * want) << h.from << " -> " << h.to;
      compared += h.rate > 0;
    }
    EXPECT_GT(compared, 100);
    EXPECT_GT(into, 0);  // occupied neighbours of the dopant that may not hop into it
    ea.equilibrate(2000.0 / ions);  // move on: the next round starts from the doped run's state
    occ = ea.occupancy();
    ASSERT_EQ(occ[0], 0);
  }
}

// The dopant mask is rebuilt from (seed, replica) with the decoration: a run moved to a fresh
// Ensemble mid-equilibration continues bitwise as the uninterrupted one (both forms, exclusion).
TEST(SiteDopantKmc, ContinuedRunFromSavedStateIsBitwiseTheSame) {
  for (double excl : {0.0, 1.2 * kSdA})
    for (bool coded : {true, false}) {
      const KmcSystem sys = sd_system(excl, 120, 30);
      EnsembleSettings s{600.0, 9, 0, 2};
      s.coded_state = coded;
      s.batch_events = 300;
      const auto run = [&](int pause_after) { return kmctest::paused_equilibration(sys, s, 30, pause_after); };
      const auto ref = run(-1);
      for (int pause : {1, 4}) EXPECT_EQ(run(pause), ref) << "coded " << coded << ", exclusion " << excl << ", pause " << pause;
    }
}

// Local cluster expansion (NASICON, Deng 2022): Al on two Na sites, no ion enters them.
TEST(SiteDopantKmc, LocalClusterExpansionNeverEntersADopantSite) {
  const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions o;
  o.species = "Na";
  const auto m = std::get<LocalClusterSpec>(read_model_file(std::string(IONHOP_REPO_DIR) + "/potentials/nasicon_lce_deng2022.toml"));
  CompositionSpec c;
  c.dopants.push_back({"Na", "Al", -1, 2, 3});
  const KmcSystem sys = build_kmc_system(unit, build_network(unit, o), {2, 2, 2}, c, m);
  const int n = sys.network.n_sites(), replicas = 2;
  EnsembleSettings s{600.0, 31, 0, replicas};
  s.batch_events = 100;
  Ensemble e(sys, s);
  e.begin_equilibration(20000.0 / replicas / sys.n_ions);
  for (bool done = false; !done;) {
    done = e.step();
    const std::vector<std::uint8_t> occ = e.occupancy();
    for (int r = 0; r < replicas; ++r) {
      const std::vector<std::uint8_t> dop = sd_dopant_sites(sys, s.seed, r);
      ASSERT_EQ(std::count(dop.begin(), dop.end(), 1), 2);
      for (int i = 0; i < n; ++i) ASSERT_FALSE(occ[static_cast<size_t>(r) * n + i] && dop[static_cast<size_t>(i)]) << i;
    }
  }
  EXPECT_GE(e.events_done(), 20000 - 2 * 100);
  const std::vector<std::uint8_t> dop = sd_dopant_sites(sys, s.seed, 0);
  int into = 0;
  for (const auto& h : e.hop_rates(0))
    if (dop[static_cast<size_t>(h.to)]) {
      EXPECT_EQ(h.rate, 0.0);
      ++into;
    }
  EXPECT_GT(into, 0);
}

// Hops near dopants see dopants on mobile sites too: a hop is near when its midpoint lies within
// the radius of a dopant-held site, and the hops into or out of such a site, which can never run,
// are not among the available ones.
TEST(SiteDopantKmc, HopsNearDopantsSeeTheDopantSites) {
  KmcSystem sys = sd_system(0, 200, 12);
  // Å: the hops of a held site (midpoints 1.5 Å away) and those between its neighbours (3.35 Å) are
  // near, the next ones (4.5 Å) are not
  const double radius = 3.5;
  sys.hop_near_dopant = hop_near_dopant_flags(sys.crystal, sys.network, sys.composition, radius);
  const SiteNetwork& net = sys.network;
  EnsembleSettings s{600.0, 29, 0, 3};
  Ensemble e(sys, s);
  e.equilibrate(5);
  const KmcSamples out = e.produce({0, 1e-10, 2e-10});
  ASSERT_EQ(out.available_hops.size(), 3u);
  for (int r = 0; r < 3; ++r) {
    const std::vector<std::uint8_t> held = sd_dopant_sites(sys, s.seed, r);
    const std::vector<std::uint8_t> near = sys.hop_near_dopant(s.seed, static_cast<std::uint64_t>(r));
    std::int64_t avail = 0, avail_near = 0, near_touching = 0;
    for (size_t h = 0; h < net.hops.size(); ++h) {
      const Hop& hop = net.hops[h];
      // expected flag: the midpoint within the radius of a held site (minimum image)
      const Vec3 mid = net.sites[static_cast<size_t>(hop.from)].frac + matvec(inverse(transpose(net.lattice.rows)), 0.5 * hop.vector);
      bool want = false;
      for (size_t i = 0; i < held.size(); ++i)
        want = want || (held[i] && net.lattice.distance(mid, net.sites[i].frac) <= radius);
      ASSERT_EQ(near[h], want ? 1 : 0) << "hop " << h << " of replica " << r;
      if (held[static_cast<size_t>(hop.from)] || held[static_cast<size_t>(hop.to)]) {
        near_touching += near[h];
        continue;
      }
      ++avail;
      avail_near += near[h];
    }
    EXPECT_GT(near_touching, 0);  // the hops of a held site are near it, and not available
    EXPECT_EQ(out.available_hops[static_cast<size_t>(r)], avail);
    EXPECT_EQ(out.available_near_dopant[static_cast<size_t>(r)], avail_near);
    EXPECT_GT(avail_near, 0);
    EXPECT_GT(out.hops_near_dopant[static_cast<size_t>(r)], 0);
    EXPECT_GT(out.hops_far_from_dopant[static_cast<size_t>(r)], 0);
  }
}
