// MD decoration of partially occupied sites: counts from round(occupancy x positions), charge
// neutrality, and no two Li (Na) closer than the minimum distance (doc/theory/md.md §6).
#include <algorithm>

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/md_structure.hpp"
#include "md_test_systems.hpp"

namespace ionhop::md {
namespace {

double min_pair(const MdAtoms& at, const std::string& el) {
  double best = 1e300;
  const Mat3 ht = transpose(at.cell);
  for (size_t i = 0; i < at.frac.size(); ++i)
    for (size_t j = i + 1; j < at.frac.size(); ++j)
      if (at.element[i] == el && at.element[j] == el)
        best = std::min(best, norm(matvec(ht, min_image_frac(at.frac[j] - at.frac[i]))));
  return best;
}


Crystal garnet() { return read_structure(std::string(IONHOP_REPO_DIR) + "/structures/garnet_Li7La3Zr2O12.cif"); }

TEST(MdDecoration, GarnetCountsNeutralAndNoLiPairBelowMinimum) {
  const MdAtoms at = decorate_ordered(make_supercell(garnet(), {2, 2, 2}), 3);
  EXPECT_EQ(test::count_element(at, "Li"), 8 * 56);  // Li7La3Zr2O12, Z = 8, 8 cells
  EXPECT_EQ(test::count_element(at, "La"), 8 * 24);
  EXPECT_EQ(test::count_element(at, "Zr"), 8 * 16);
  EXPECT_EQ(test::count_element(at, "O"), 8 * 96);
  EXPECT_EQ(test::count_element(at, "Li") + 3 * test::count_element(at, "La") + 4 * test::count_element(at, "Zr") - 2 * test::count_element(at, "O"), 0);
  const double dmin = default_min_same_element_distance().at("Li");
  EXPECT_GE(min_pair(at, "Li"), dmin);
}

// NASICON: the Na exclusion does not bind (Na-Na >= 3.4 Å between network sites), so the fill is
// the unconstrained one of the same seed (earlier runs stay reproducible).
TEST(MdDecoration, NasiconUnchangedByTheNaExclusion) {
  const Crystal sc = make_supercell(read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif"), {3, 3, 1});
  DecorationOptions none;
  none.min_distance.clear();
  const MdAtoms a = decorate_ordered(sc, 1), b = decorate_ordered(sc, 1, none);
  EXPECT_EQ(test::count_element(a, "Na"), 162);
  EXPECT_GE(min_pair(a, "Na"), default_min_same_element_distance().at("Na"));
  EXPECT_EQ(a.element, b.element);
  EXPECT_EQ(a.frac.size(), b.frac.size());
}

// The shipped garnet's 24d-48g pair is 1.99 Å; Li7 needs such pairs (at most 48 of the 72 sites
// per cell avoid them), so a 2.0 Å exclusion must fail with a message, not clamp the count.
TEST(MdDecoration, ImpossibleExclusionIsAClearError) {
  DecorationOptions o;
  o.min_distance["Li"] = 2.0;
  o.attempts = 5;
  try {
    decorate_ordered(make_supercell(garnet(), {1, 1, 1}), 1, o);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("cannot place"), std::string::npos) << m;
    EXPECT_NE(m.find("closer than 2 Å"), std::string::npos) << m;
  }
}

// A split Li site: two positions 1.5 Å apart per cell, occupancy 1/2, with Cl- for neutrality.
// Unconstrained filling puts both Li of some pair in place; the exclusion allows one per pair.
TEST(MdDecoration, SplitSiteGetsOneLiPerPair) {
  Crystal c;
  c.source = "split-site test crystal";
  c.lattice = Lattice::from_parameters(5, 5, 5, 90, 90, 90);
  CrystalSite li;
  li.label = "Li1";
  li.occupants = {{"Li", 0.5, 1}};
  li.multiplicity = 2;
  CrystalSite cl;
  cl.label = "Cl1";
  cl.occupants = {{"Cl", 1.0, -1}};
  cl.multiplicity = 1;
  c.sites = {li, cl};
  c.atoms = {{0, {0.35, 0.5, 0.5}}, {0, {0.65, 0.5, 0.5}}, {1, {0, 0, 0}}};
  const Crystal sc = make_supercell(c, {3, 3, 3});
  DecorationOptions none;
  none.min_distance.clear();
  EXPECT_LT(min_pair(decorate_ordered(sc, 1, none), "Li"), 1.6);  // the unconstrained fill has a pair
  const MdAtoms at = decorate_ordered(sc, 1);
  EXPECT_EQ(test::count_element(at, "Li"), 27);
  EXPECT_EQ(test::count_element(at, "Cl"), 27);
  EXPECT_GE(min_pair(at, "Li"), 1.9);
}

}  // namespace
}  // namespace ionhop::md
