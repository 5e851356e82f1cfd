// NASICON MD at high temperature (3x3x1, Teter/Du + DSF, two temperatures, short runs): every hop
// the detector records is a hop of the Na1–Na2 network (none off-network: a Na2 -> Na2 passage
// through the Na1 cavity is two Na1–Na2 hops, doc/theory/md.md §10), and the lattice-gas rate
// table fitted from the hops is a model file the KMC reader loads. Along the way, the device-
// screened HopTracker (what `ionhop md` runs) must give exactly the events, hop counts and
// exposures of the detector updated with every ion at every step.
#include <algorithm>
#include <fstream>
#include <iostream>

#include <gtest/gtest.h>

#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/hop_detector.hpp"
#include "engine/md/hop_tracker.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/md_structure.hpp"
#include "engine/md/mobile_sampler.hpp"
#include "engine/md/rate_model.hpp"
#include "engine/models/model_spec.hpp"

namespace ionhop::md {
namespace {

struct HopRun {
  DirectedRates rates;
  long total = 0, off_network = 0, through = 0;
};

// Same settings as `ionhop md` defaults except the shorter cutoff (9 Å fits the 3x3x1 box).
HopRun run_nasicon(const Crystal& unit, const SiteNetwork& net, const ForceField& ff, double T, long equil,
                   long steps) {
  const MdAtoms atoms = decorate_ordered(make_supercell(unit, {3, 3, 1}), 1);
  MdSystem s = system_from_atoms(atoms, ff);
  int na = -1;
  for (int t = 0; t < s.n_types(); ++t)
    if (s.species[t] == "Na") na = t;
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 9.0;
  fs.shift_sr = true;
  IntegratorSettings is;
  is.thermostat = Thermostat::Bussi;
  is.temperature = T;
  is.seed = 7;
  initialize_velocities(s, T, 7);
  ForceCompute fc(ff, s, fs);
  Integrator integ(s, fc, is);
  integ.run(equil);
  MobileSampler sampler(s, na);
  HopDetector det(net, 0.8);
  det.start(sampler.fractional(s), integ.thermo().time);
  HopTracker tracker(s, na, net, 0.8, integ.thermo().time);
  for (long k = 0; k < steps; ++k) {
    integ.run(1);
    det.update(sampler.fractional(s), integ.thermo().time);  // every step, as `ionhop md` (hop_every = 1)
    tracker.update(s, integ.thermo().time);
  }
  const HopDetector& t = tracker.detector();
  EXPECT_EQ(t.events().size(), det.events().size());
  for (size_t k = 0; k < std::min(t.events().size(), det.events().size()); ++k) {
    const HopEvent &a = t.events()[k], &b = det.events()[k];
    EXPECT_TRUE(a.ion == b.ion && a.from == b.from && a.to == b.to && a.hop_class == b.hop_class &&
                a.time == b.time && a.through == b.through && a.via == b.via &&
                a.via_distance == b.via_distance && a.via_occupied == b.via_occupied)
        << "event " << k << " differs";
  }
  EXPECT_EQ(t.directed_hops(), det.directed_hops());
  EXPECT_EQ(t.directed_exposure(), det.directed_exposure());
  EXPECT_EQ(t.site_of_ion(), det.site_of_ion());
  const long all = steps * sampler.n_ions();
  std::cout << "T " << T << " K: tracker examined " << tracker.examined() << " of " << all << " ion positions\n";
  EXPECT_LT(tracker.examined(), all / 2) << "the device screen lets most ions through";
  HopRun r;
  r.rates = {T, det.directed_hops(), det.directed_exposure()};
  r.total = static_cast<long>(det.events().size());
  r.off_network = det.off_network_hops();
  r.through = det.through_hops();
  return r;
}

TEST(MdNasiconHops, AllHopsOnTheNetworkAndRateTableLoadsInKmc) {
  const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  const ForceField ff = read_force_field(std::string(IONHOP_REPO_DIR) + "/potentials/teter_du_buckingham.toml");
  NetworkOptions no;
  no.species = "Na";
  const SiteNetwork net = make_supercell_network(build_network(unit, no), {3, 3, 1});
  ASSERT_EQ(net.hop_classes.size(), 1u);  // Na1–Na2 only: Na2–Na2 is no network hop

  std::vector<DirectedRates> runs;
  for (double T : {1200.0, 1700.0}) {
    const HopRun r = run_nasicon(unit, net, ff, T, 200, 1500);
    std::cout << "T " << T << " K: " << r.total << " hops, " << r.through << " through a Na1 region, "
              << r.off_network << " off-network; directed hops " << r.rates.hops[0] << " / " << r.rates.hops[1] << "\n";
    EXPECT_GE(r.total, 10) << "too few hops for the test to mean anything";
    EXPECT_EQ(r.off_network, 0) << "hops between sites the network does not link";
    runs.push_back(r.rates);
  }
  const RateModel m = lattice_gas_from_md(net, runs, "test_md_nasicon_hops");
  ASSERT_TRUE(m.valid) << (m.notes.empty() ? "" : m.notes[0]);
  const std::string path = ::testing::TempDir() + "/md_nasicon_rate_model.toml";
  std::ofstream(path) << m.toml;
  const ModelSpec spec = read_model_file(path);
  const auto& lg = std::get<LatticeGasSpec>(spec);
  ASSERT_EQ(lg.kra.size(), 1u);
  std::cout << "fitted E_KRA " << lg.kra[0].e_kra << " eV, nu " << lg.attempt_frequency << " Hz\n";
  EXPECT_GT(lg.kra[0].e_kra, 0.0);
  EXPECT_GT(lg.attempt_frequency, 0.0);
}

}  // namespace
}  // namespace ionhop::md
