// The structures shipped in structures/ read back as documented in doc/structures.md: space
// group (spglib), formula and formal charge, crystallographic sites (Wyckoff letter,
// multiplicity, occupants), mobile sites, and shortest cation–anion distances. The expected
// values were computed independently (python3-gemmi symmetry expansion + python3-spglib) from
// the facts in the files' sources; see doc/structures.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "engine/crystal/read_structure.hpp"

namespace {

using ionhop::Crystal;
using ionhop::Vec3;

struct Occ {
  std::string element;
  double occupancy;
};

struct SiteSpec {
  std::string label;  // checked only for mobile sites (single-row sites keep their label)
  Vec3 frac;          // the representative position written in the file
  char wyckoff;
  int multiplicity;
  std::vector<Occ> occupants;
};

struct DistanceSpec {
  Vec3 a, b;    // representative positions of the two sites
  double d;     // shortest distance between their atoms, Å (python check, 3 decimals)
  const char* what;
};

struct StructureSpec {
  std::string file;
  int sg_number;
  std::string sg_symbol;
  int n_ops;  // symmetry operations of the cell incl. centring translations
  std::string formula;
  std::map<std::string, double> composition;  // atoms per cell
  int n_atoms;                                 // expanded positions per cell
  std::string mobile;
  std::vector<SiteSpec> sites;
  std::vector<DistanceSpec> distances;
};

// gtest prints the parameter in test names; print the file name, not the bytes.
void PrintTo(const StructureSpec& s, std::ostream* os) { *os << s.file; }

std::string path_of(const std::string& file) {
  return std::string(IONHOP_REPO_DIR) + "/structures/" + file;
}

// The site that has an atom at fractional position f (within 1e-3 Å), or -1.
int site_at(const Crystal& c, const Vec3& f) {
  for (const auto& atom : c.atoms)
    if (c.lattice.distance(atom.frac, f) < 1e-3) return atom.site;
  return -1;
}

double shortest_distance(const Crystal& c, int sa, int sb) {
  double best = std::numeric_limits<double>::infinity();
  for (const auto& a : c.atoms) {
    if (a.site != sa) continue;
    for (const auto& b : c.atoms) {
      if (b.site != sb || &a == &b) continue;
      best = std::min(best, c.lattice.distance(a.frac, b.frac));
    }
  }
  return best;
}

const double kLiOccLgps = 16.06 / 16.2;  // Li1/Li3 scale for neutrality (doc/structures.md)

std::vector<StructureSpec> specs() {
  const double x_s = 2.05 / (std::sqrt(3.0) * 6.9965);  // c-Na3PS4 S 8c x, derived
  return {
      {"nasicon_Na3Zr2Si2PO12.cif", 167, "R-3c", 36, "Na3Zr2Si2PO12",
       {{"Na", 18}, {"Zr", 12}, {"Si", 12}, {"P", 6}, {"O", 72}}, 126, "Na",
       {{"Na1", {0, 0, 0}, 'b', 6, {{"Na", 1.0}}},
        {"Na2", {-0.36033, 0, 0.25}, 'e', 18, {{"Na", 2.0 / 3.0}}},
        {"Zr1", {0, 0, 0.14719}, 'c', 12, {{"Zr", 1.0}}},
        {"Si1", {0.29544, 0, 0.25}, 'e', 18, {{"Si", 2.0 / 3.0}, {"P", 1.0 / 3.0}}},
        {"O1", {0.18534, 0.16651, 0.08652}, 'f', 36, {{"O", 1.0}}},
        {"O2", {0.18214, -0.02102, 0.19199}, 'f', 36, {{"O", 1.0}}}},
       {{{0, 0, 0.14719}, {0.18214, -0.02102, 0.19199}, 2.037, "Zr-O2 (y<0 choice)"},
        {{0, 0, 0.14719}, {0.18534, 0.16651, 0.08652}, 2.108, "Zr-O1"},
        {{0.29544, 0, 0.25}, {0.18214, -0.02102, 0.19199}, 1.605, "Si/P-O2"},
        {{0.29544, 0, 0.25}, {0.18534, 0.16651, 0.08652}, 1.629, "Si/P-O1"},
        {{0, 0, 0}, {0.18534, 0.16651, 0.08652}, 2.513, "Na1-O1"},
        {{-0.36033, 0, 0.25}, {0.18534, 0.16651, 0.08652}, 2.525, "Na2-O1"},
        {{-0.36033, 0, 0.25}, {0.18214, -0.02102, 0.19199}, 2.679, "Na2-O2"},
        {{0, 0, 0}, {-0.36033, 0, 0.25}, 3.478, "Na1-Na2"}}},
      {"garnet_Li7La3Zr2O12.cif", 230, "Ia-3d", 96, "Li7La3Zr2O12",
       {{"Li", 56}, {"La", 24}, {"Zr", 16}, {"O", 96}}, 208, "Li",
       {{"Li1", {0.375, 0, 0.25}, 'd', 24, {{"Li", 7.0 / 9.0}}},
        {"Li2", {0.125, 0.1763, 0.4263}, 'g', 48, {{"Li", 7.0 / 9.0}}},
        {"La1", {0.125, 0, 0.25}, 'c', 24, {{"La", 1.0}}},
        {"Zr1", {0, 0, 0}, 'a', 16, {{"Zr", 1.0}}},
        {"O1", {0.10218, 0.19703, 0.28162}, 'h', 96, {{"O", 1.0}}}},
       {{{0, 0, 0}, {0.10218, 0.19703, 0.28162}, 2.070, "Zr-O"},
        {{0.125, 0, 0.25}, {0.10218, 0.19703, 0.28162}, 2.512, "La-O"},
        {{0.375, 0, 0.25}, {0.10218, 0.19703, 0.28162}, 1.915, "Li1-O"},
        {{0.125, 0.1763, 0.4263}, {0.10218, 0.19703, 0.28162}, 1.912, "Li2-O"},
        {{0.375, 0, 0.25}, {0.125, 0.1763, 0.4263}, 1.989, "Li1-Li2"},
        {{0.10218, 0.19703, 0.28162}, {0.10218, 0.19703, 0.28162}, 2.841, "O-O"}}},
      {"Na3PS4_cubic.cif", 217, "I-43m", 48, "Na3PS4", {{"Na", 6}, {"P", 2}, {"S", 8}}, 28, "Na",
       {{"Na1", {0, 0.5, 0.5}, 'b', 6, {{"Na", 0.8}}},
        {"Na2", {0.25, 0.5, 0}, 'd', 12, {{"Na", 0.1}}},
        {"P1", {0, 0, 0}, 'a', 2, {{"P", 1.0}}},
        {"S1", {x_s, x_s, x_s}, 'c', 8, {{"S", 1.0}}}},
       {{{0, 0, 0}, {x_s, x_s, x_s}, 2.050, "P-S (x derived from 2.05 A)"},
        {{0, 0.5, 0.5}, {x_s, x_s, x_s}, 2.856, "Na1-S"},
        {{0.25, 0.5, 0}, {x_s, x_s, x_s}, 2.661, "Na2-S"},
        {{0, 0.5, 0.5}, {0.25, 0.5, 0}, 1.749, "Na1-Na2 (both partial)"}}},
      {"Na3PS4_tetragonal.cif", 114, "P-42_1c", 8, "Na3PS4", {{"Na", 6}, {"P", 2}, {"S", 8}}, 16,
       "Na",
       {{"Na1", {0, 0.5, 0.426}, 'd', 4, {{"Na", 1.0}}},
        {"Na2", {0, 0, 0}, 'a', 2, {{"Na", 1.0}}},
        {"P1", {0, 0, 0.5}, 'b', 2, {{"P", 1.0}}},
        {"S1", {0.315, 0.345, 0.167}, 'e', 8, {{"S", 1.0}}}},
       {{{0, 0, 0.5}, {0.315, 0.345, 0.167}, 2.054, "P-S"},
        {{0, 0.5, 0.426}, {0.315, 0.345, 0.167}, 2.802, "Na1-S"},
        {{0, 0, 0}, {0.315, 0.345, 0.167}, 2.896, "Na2-S"}}},
      {"Li6PS5Cl.cif", 216, "F-43m", 96, "Li6PS5Cl",
       {{"Li", 24}, {"P", 4}, {"S", 20}, {"Cl", 4}}, 76, "Li",
       {{"Li1", {0.1798, 0.1798, 0.0183}, 'h', 48, {{"Li", 0.5}}},
        {"P1", {0.5, 0.5, 0.5}, 'b', 4, {{"P", 1.0}}},
        {"S1", {0.6186, 0.6186, 0.6186}, 'e', 16, {{"S", 1.0}}},
        {"S2", {0, 0, 0}, 'a', 4, {{"S", 0.6151}, {"Cl", 0.3849}}},
        {"S3", {0.25, 0.25, 0.25}, 'c', 4, {{"S", 0.3849}, {"Cl", 0.6151}}}},
       {{{0.5, 0.5, 0.5}, {0.6186, 0.6186, 0.6186}, 2.026, "P-S"},
        {{0.1798, 0.1798, 0.0183}, {0.6186, 0.6186, 0.6186}, 2.477, "Li-S(16e)"},
        {{0.1798, 0.1798, 0.0183}, {0.25, 0.25, 0.25}, 2.486, "Li-(Cl/S 4c)"},
        {{0.1798, 0.1798, 0.0183}, {0, 0, 0}, 2.514, "Li-(S/Cl 4a)"},
        {{0.1798, 0.1798, 0.0183}, {0.1798, 0.1798, 0.0183}, 1.958, "Li-Li (48h pair, occ 0.5)"}}},
      {"Li10GeP2S12.cif", 137, "P4_2/nmc", 16, "Li10.03Ge1.03P1.97S12",
       {{"Li", 20.06}, {"Ge", 2.06}, {"P", 3.94}, {"S", 24}}, 58, "Li",
       {{"Li1", {0.2563, 0.2718, 0.8168}, 'h', 16, {{"Li", 0.691 * kLiOccLgps}}},
        {"Li2", {0, 0.5, 0.0554}, 'd', 4, {{"Li", 1.0}}},
        {"Li3", {0.2463, 0.2463, 0}, 'f', 8, {{"Li", 0.643 * kLiOccLgps}}},
        {"Ge1", {0, 0.5, 0.3093}, 'd', 4, {{"Ge", 0.515}, {"P", 0.485}}},
        {"P2", {0, 0, 0.5}, 'b', 2, {{"P", 1.0}}},
        {"S1", {0, 0.1843, 0.5897}, 'g', 8, {{"S", 1.0}}},
        {"S2", {0, 0.2991, 0.9050}, 'g', 8, {{"S", 1.0}}},
        {"S3", {0, 0.3010, 0.2086}, 'g', 8, {{"S", 1.0}}}},
       {{{0, 0, 0.5}, {0, 0.1843, 0.5897}, 1.961, "P2-S1"},
        {{0, 0.5, 0.3093}, {0, 0.2991, 0.9050}, 2.122, "(Ge,P)-S2"},
        {{0, 0.5, 0.3093}, {0, 0.3010, 0.2086}, 2.145, "(Ge,P)-S3"},
        {{0.2563, 0.2718, 0.8168}, {0, 0.3010, 0.2086}, 2.416, "Li1-S3"},
        {{0.2463, 0.2463, 0}, {0, 0.2991, 0.9050}, 2.496, "Li3-S2"},
        {{0.2563, 0.2718, 0.8168}, {0.2563, 0.2718, 0.8168}, 1.729, "Li1-Li1 (split 16h)"}}},
  };
}

class ShippedStructure : public ::testing::TestWithParam<StructureSpec> {};

TEST_P(ShippedStructure, SpaceGroupFormulaAndChargeBalance) {
  const StructureSpec& s = GetParam();
  const Crystal c = ionhop::read_structure(path_of(s.file));
  EXPECT_EQ(c.symmetry.number, s.sg_number);
  EXPECT_EQ(c.symmetry.international, s.sg_symbol);
  EXPECT_EQ(static_cast<int>(c.symmetry.ops.size()), s.n_ops);
  EXPECT_EQ(c.formula(), s.formula);
  EXPECT_LT(std::abs(c.formal_charge()), 1e-6) << "formal charge per cell " << c.formal_charge();
  const auto comp = c.composition();
  EXPECT_EQ(comp.size(), s.composition.size());
  for (const auto& [el, n] : s.composition) {
    ASSERT_TRUE(comp.count(el)) << el;
    EXPECT_NEAR(comp.at(el), n, 1e-6) << el;
  }
  EXPECT_EQ(static_cast<int>(c.atoms.size()), s.n_atoms);
}

TEST_P(ShippedStructure, CrystallographicSites) {
  const StructureSpec& s = GetParam();
  const Crystal c = ionhop::read_structure(path_of(s.file));
  ASSERT_EQ(c.sites.size(), s.sites.size());
  for (const SiteSpec& e : s.sites) {
    const int i = site_at(c, e.frac);
    ASSERT_GE(i, 0) << "no atom at the position of " << e.label;
    const auto& site = c.sites[i];
    EXPECT_EQ(site.wyckoff, e.wyckoff) << e.label;
    EXPECT_EQ(site.multiplicity, e.multiplicity) << e.label;
    ASSERT_EQ(site.occupants.size(), e.occupants.size()) << e.label;
    for (const Occ& o : e.occupants) {
      const auto* got = site.find(o.element);
      ASSERT_NE(got, nullptr) << e.label << " lacks " << o.element;
      EXPECT_NEAR(got->occupancy, o.occupancy, 1e-9) << e.label << " " << o.element;
    }
    int count = 0;
    for (const auto& atom : c.atoms) count += atom.site == i;
    EXPECT_EQ(count, e.multiplicity) << e.label;
  }
}

TEST_P(ShippedStructure, MobileSites) {
  const StructureSpec& s = GetParam();
  const Crystal c = ionhop::read_structure(path_of(s.file));
  std::map<std::string, int> expected, got;  // label -> multiplicity
  for (const SiteSpec& e : s.sites)
    for (const Occ& o : e.occupants)
      if (o.element == s.mobile) expected[e.label] = e.multiplicity;
  for (const auto& site : c.sites)
    if (site.find(s.mobile)) got[site.label] = site.multiplicity;
  EXPECT_EQ(got, expected);
}

TEST_P(ShippedStructure, ShortestDistances) {
  const StructureSpec& s = GetParam();
  const Crystal c = ionhop::read_structure(path_of(s.file));
  for (const DistanceSpec& d : s.distances) {
    const int a = site_at(c, d.a), b = site_at(c, d.b);
    ASSERT_GE(a, 0) << d.what;
    ASSERT_GE(b, 0) << d.what;
    // Python values are rounded to 1e-3 Å.
    EXPECT_NEAR(shortest_distance(c, a, b), d.d, 1.5e-3) << d.what;
  }
}

std::string spec_name(const ::testing::TestParamInfo<StructureSpec>& info) {
  std::string n = info.param.file.substr(0, info.param.file.find('.'));
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Structures, ShippedStructure, ::testing::ValuesIn(specs()), spec_name);

}  // namespace
