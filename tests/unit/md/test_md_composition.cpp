// MD atoms from the composition code (doc/theory/md.md §6b): dopant counts, charge-neutral ion
// count, force-field neutrality, a few MD steps, clear errors, and the unchanged no-composition path.
#include <algorithm>
#include <cmath>
#include <optional>

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/force_compute.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/md_composition.hpp"
#include "md_test_systems.hpp"

namespace ionhop::md {
namespace {

constexpr std::uint64_t GOLDEN_NASICON_221_SEED1 = 0x95d8df517474713aull;

Crystal nasicon() { return read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif"); }


CompositionSpec sc_doped(int oxidation = 3) {
  CompositionSpec c;
  DopantSpec d;
  d.host = "Zr";
  d.dopant = "Sc";
  d.fraction = 0.1;
  d.oxidation = oxidation;
  c.dopants.push_back(d);
  return c;
}

// FNV-1a over elements and the bits of the fractional coordinates: a fingerprint of a decoration.
std::uint64_t fingerprint(const MdAtoms& at) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](const void* p, size_t n) {
    for (size_t k = 0; k < n; ++k) h = (h ^ static_cast<const unsigned char*>(p)[k]) * 1099511628211ull;
  };
  for (size_t i = 0; i < at.element.size(); ++i) {
    mix(at.element[i].data(), at.element[i].size());
    for (int a = 0; a < 3; ++a) mix(&at.frac[i][a], sizeof(double));
  }
  return h;
}

// A dopant on a mobile site (composition host = the mobile species): an Al atom at a Na site, no
// Na there, 3 Na fewer, neutral in the force field (doc/theory/kmc.md §1).
TEST(MdComposition, AluminiumOnASodiumSite) {
  const ForceField ff = read_force_field(test::potential("pedone2006.toml"));
  CompositionSpec c;
  c.dopants.push_back({"Na", "Al", -1, 1, 3});
  SiteNetwork net;
  CompositionAtoms info;
  const MdAtoms at = md_atoms(nasicon(), {2, 2, 1}, "Na", c, ff, 7, {}, net, &info);
  EXPECT_EQ(test::count_element(at, "Al"), 1);
  EXPECT_EQ(test::count_element(at, "Na"), 72 - 3);
  EXPECT_EQ(info.n_dopants, 1);
  EXPECT_NEAR(info.md_charge, 0.0, 1e-9);
  const auto al = std::find(at.element.begin(), at.element.end(), "Al") - at.element.begin();
  bool on_site = false;
  for (const auto& s : net.sites) on_site = on_site || norm(min_image_frac(s.frac - at.frac[static_cast<size_t>(al)])) < 1e-9;
  EXPECT_TRUE(on_site);
  for (size_t i = 0; i < at.element.size(); ++i)
    if (at.element[i] == "Na") EXPECT_GT(norm(min_image_frac(at.frac[i] - at.frac[static_cast<size_t>(al)])), 1e-6);
}

// Na3Zr2Si2PO12, Z = 6: a 2x2x1 cell has 24 formula units = 48 Zr, 72 Na, 48 Si, 24 P, 288 O.
// Sc at 10 % of Zr: round(4.8) = 5 Sc; each Sc3+ for Zr4+ needs one more Na+: 77 Na.
TEST(MdComposition, NasiconScandiumDopingCountsNeutralityAndSteps) {
  const ForceField ff = read_force_field(test::potential("pedone2006.toml"));
  SiteNetwork net;
  CompositionAtoms info;
  const MdAtoms at = md_atoms(nasicon(), {2, 2, 1}, "Na", sc_doped(), ff, 7, {}, net, &info);
  EXPECT_EQ(test::count_element(at, "Sc"), 5);
  EXPECT_EQ(test::count_element(at, "Zr"), 43);
  EXPECT_EQ(test::count_element(at, "Na"), 77);
  EXPECT_EQ(test::count_element(at, "Si"), 48);
  EXPECT_EQ(test::count_element(at, "P"), 24);
  EXPECT_EQ(test::count_element(at, "O"), 288);
  EXPECT_EQ(info.n_dopants, 5);
  EXPECT_EQ(info.n_ions, 77);
  EXPECT_FALSE(info.replaced);  // NASICON Na sites are >= 3.4 Å apart: decorate()'s placement is kept
  EXPECT_EQ(test::count_element(at, "Na") + 3 * test::count_element(at, "Sc") + 4 * (test::count_element(at, "Zr") + test::count_element(at, "Si")) + 5 * test::count_element(at, "P") -
                2 * test::count_element(at, "O"),
            0);
  MdSystem s = system_from_atoms(at, ff);
  EXPECT_NEAR(s.total_charge(), 0.0, 1e-9);
  EXPECT_NEAR(info.md_charge, 0.0, 1e-9);
  // ions sit on distinct network sites, no two Na closer than 2.7 Å
  const Mat3 ht = transpose(at.cell);
  double dmin = 1e300;
  for (size_t i = 0; i < at.frac.size(); ++i)
    for (size_t j = i + 1; j < at.frac.size(); ++j)
      if (at.element[i] == "Na" && at.element[j] == "Na")
        dmin = std::min(dmin, norm(matvec(ht, min_image_frac(at.frac[j] - at.frac[i]))));
  EXPECT_GE(dmin, 2.7);
  // a few MD steps: finite energy, atoms stay put on this time scale
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = 6.5;  // 2x2x1 is 15.9 Å wide: cutoff + skin below half of it
  initialize_velocities(s, 600, 3);
  ForceCompute fc(ff, s, fs);
  IntegratorSettings is;
  is.dt = 0.001;
  Integrator integ(s, fc, is);
  const double e0 = integ.thermo().conserved;
  integ.run(20);
  const Thermo t = integ.thermo();
  EXPECT_EQ(t.step, 20);
  EXPECT_TRUE(std::isfinite(t.pe));
  EXPECT_LT(std::abs(t.conserved - e0), 1e-2 * std::abs(e0));  // NVE: no blow-up
}

TEST(MdComposition, DopantMissingFromTheForceFieldIsAClearError) {
  const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));  // no Sc in this set
  SiteNetwork net;
  try {
    md_atoms(nasicon(), {2, 2, 1}, "Na", sc_doped(), ff, 7, {}, net);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("'Sc'"), std::string::npos) << m;
    EXPECT_NE(m.find("teter_du_buckingham.toml"), std::string::npos) << m;
  }
}

TEST(MdComposition, OxidationOffTheForceFieldChargeScaleIsAnError) {
  const ForceField ff = read_force_field(test::potential("pedone2006.toml"));  // Sc 1.8 e = 0.6 x 3
  SiteNetwork net;
  EXPECT_THROW(md_atoms(nasicon(), {2, 2, 1}, "Na", sc_doped(2), ff, 7, {}, net), Error);
}

// Without [composition], md_atoms is decorate_ordered: the same seed gives the same atoms, bit for
// bit, as before the composition code was wired in (fingerprints recorded from that code).
TEST(MdComposition, NoCompositionKeepsTheOrderedDecorationBitwise) {
  const ForceField ff = read_force_field(test::potential("pedone2006.toml"));
  SiteNetwork net;
  const MdAtoms a = md_atoms(nasicon(), {2, 2, 1}, "Na", std::nullopt, ff, 1, {}, net);
  const MdAtoms b = decorate_ordered(make_supercell(nasicon(), {2, 2, 1}), 1);
  EXPECT_EQ(a.element, b.element);
  ASSERT_EQ(a.frac.size(), b.frac.size());
  for (size_t i = 0; i < a.frac.size(); ++i)
    for (int d = 0; d < 3; ++d) EXPECT_EQ(a.frac[i][d], b.frac[i][d]);
  EXPECT_EQ(net.n_sites(), 0);  // the ordered path builds no network
  EXPECT_EQ(fingerprint(a), GOLDEN_NASICON_221_SEED1) << std::hex << fingerprint(a);
}

// A minimum distance no placement can meet: decorate()'s ions are rejected, the re-placement
// fails, and the error says how many could be placed.
TEST(MdComposition, UnplaceableIonsAreAClearError) {
  const ForceField ff = read_force_field(test::potential("pedone2006.toml"));
  SiteNetwork net;
  DecorationOptions o;
  o.min_distance["Na"] = 6.0;
  o.attempts = 3;
  try {
    md_atoms(nasicon(), {2, 2, 1}, "Na", sc_doped(), ff, 7, o, net);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot place 77 Na"), std::string::npos) << e.what();
  }
}

// The re-placement fill: n points on a line of candidates 1 Å apart, none closer than dmin.
TEST(MdComposition, ExclusionFillKeepsTheMinimumDistanceOrFails) {
  Mat3 cell{};
  cell[0][0] = 20;
  cell[1][1] = cell[2][2] = 10;
  std::vector<Vec3> cand;
  for (int k = 0; k < 20; ++k) cand.push_back({k / 20.0, 0, 0});
  int best = 0;
  const std::vector<int> pick = exclusion_fill(cell, cand, 5, 2.5, 11, 50, best);
  ASSERT_EQ(pick.size(), 5u);
  for (size_t i = 0; i < pick.size(); ++i)
    for (size_t j = i + 1; j < pick.size(); ++j) {
      double d = std::abs(pick[i] - pick[j]);
      d = std::min(d, 20 - d);
      EXPECT_GE(d, 2.5);
    }
  EXPECT_EQ(pick, exclusion_fill(cell, cand, 5, 2.5, 11, 50, best));      // seeded: reproducible
  // whole-Å candidates on a 20 Å ring need gaps of 3 Å: at most 6 fit, 7 must fail and say so
  EXPECT_TRUE(exclusion_fill(cell, cand, 7, 2.5, 11, 50, best).empty());
  EXPECT_LE(best, 6);
  EXPECT_GE(best, 4);
}

}  // namespace
}  // namespace ionhop::md
