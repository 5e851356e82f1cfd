// Site/hop mode: the string method finds a path no higher than the straight line with a vanishing
// perpendicular force at its top; the decorated-supercell evaluation reproduces the unit cell when
// nothing is substituted, and a lower-valent dopant lowers the saddle next to it (with s_q held at
// 1: with the ccnb charge scaling on, the global change of s_q is larger than this local effect,
// because the erfc screening makes the Coulomb term short-ranged).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/bvse/bvse_model.hpp"
#include "engine/bvse/replicas.hpp"
#include "engine/bvse/site_hop.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/network/site_network.hpp"

using namespace ionhop;
using namespace ionhop::bvse;

namespace {
struct Landscape {
  Crystal crystal;
  SiteNetwork net;
  Field field;
  SiteHopResult unit;
};
Landscape setup(const std::string& file, const std::string& mobile) {
  Landscape s;
  s.crystal = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/" + file);
  NetworkOptions no;
  no.species = mobile;
  s.net = build_network(s.crystal, no);
  FieldOptions fo;
  fo.mobile = mobile;
  s.field = build_field(s.crystal, load_parameters(), fo);
  s.unit = compute_site_hop(s.field, s.net);
  return s;
}
// The decoration of a framework without mixed sites: every atom keeps its one non-mobile occupant.
Decoration host_decoration(const Crystal& sc, const std::string& mobile, double n_ions) {
  Decoration d;
  for (const auto& a : sc.atoms) {
    std::string el;
    for (const auto& o : sc.sites[a.site].occupants)
      if (o.element != mobile) el = o.element;
    d.framework_element.push_back(el);
  }
  d.n_ions = int(std::lround(n_ions));
  return d;
}
}  // namespace

TEST(BvseSiteHop, StringPathIsAMinimumEnergyPath) {
  const Landscape s = setup("nasicon_Na3Zr2Si2PO12.cif", "Na");
  ASSERT_FALSE(s.net.hops.empty());
  for (int h = 0; h < int(s.net.hops.size()); ++h) {
    EXPECT_LE(s.unit.saddle_energy[h], s.unit.straight_saddle[h] + 1e-9) << h;
    EXPECT_GE(s.unit.barrier(s.net, h), 0.0) << h;  // the endpoints are the site minima
  }
  // At the highest image the force perpendicular to the path vanishes (compared with |∇E| at
  // the same point of the straight segment, which is large in the NASICON bottleneck).
  const auto& p = s.unit.path[0];
  const Vec3 origin = frac_to_cart(s.net.lattice, s.net.sites[s.net.hops[0].from].frac);
  std::vector<Vec3> pts;
  for (const auto& x : p) pts.push_back(origin + x);
  std::vector<Vec3> g;
  const auto e = energies_at(s.field, pts, &g);
  const size_t k = std::max_element(e.begin(), e.end()) - e.begin();
  ASSERT_GT(k, 0u);
  ASSERT_LT(k, p.size() - 1);
  Vec3 t = pts[k + 1] - pts[k - 1];
  t = (1 / norm(t)) * t;
  const Vec3 gperp = g[k] - dot(g[k], t) * t;
  EXPECT_LT(norm(gperp), 0.05) << "|grad_perp| at the saddle image, eV/A";
}

TEST(BvseSiteHop, UndopedSupercellReproducesUnitCell) {
  const Landscape s = setup("Na3PS4_cubic.cif", "Na");
  const std::array<int, 3> n{2, 2, 2};
  const Crystal sc = make_supercell(s.crystal, n);
  const SiteNetwork sup = make_supercell_network(s.net, n);
  const double ions = s.field.mobile_charge * 8;  // Na+ per supercell: the same s_q as the unit cell
  FieldOptions fo;
  fo.mobile = "Na";
  const Field f = build_field(sc.lattice, decorated_atoms(sc, host_decoration(sc, "Na", ions), oxidation_table(sc), "Na", 1),
                              load_parameters(), fo);
  EXPECT_NEAR(f.s_q, s.field.s_q, 1e-12);
  const SiteHopResult r = decorated_site_hop(f, sup, s.net, s.unit);
  for (int i = 0; i < sup.n_sites(); ++i)
    EXPECT_NEAR(r.site_energy[i], s.unit.site_energy[sup.sites[i].cell_site], 1e-6) << i;
  ASSERT_EQ(r.saddle_energy.size(), sup.hops.size());
  for (int h = 0; h < int(sup.hops.size()); ++h) {
    const int u = sup.sites[sup.hops[h].from].cell_site;
    double ref = NAN;
    for (int k = s.net.hop_offset[u]; k < s.net.hop_offset[u + 1]; ++k)
      if (norm(s.net.hops[k].vector - sup.hops[h].vector) < 1e-6) ref = s.unit.saddle_energy[k];
    EXPECT_NEAR(r.saddle_energy[h], ref, 1e-6) << h;
  }
}

TEST(BvseSiteHop, LowerValentDopantLowersNearbySaddles) {
  const Landscape s = setup("Na3PS4_cubic.cif", "Na");
  const std::array<int, 3> n{2, 2, 2};
  const Crystal sc = make_supercell(s.crystal, n);
  const SiteNetwork sup = make_supercell_network(s.net, n);
  Decoration d = host_decoration(sc, "Na", s.field.mobile_charge * 8);
  size_t p_atom = 0;
  while (d.framework_element[p_atom] != "P") ++p_atom;
  d.framework_element[p_atom] = "Ge";  // P5+ -> Ge4+ (one more Na+ for neutrality)
  d.n_ions += 1;
  CompositionSpec spec;
  spec.dopants.push_back({"P", "Ge", -1, 1, 4});
  FieldOptions fo;
  fo.mobile = "Na";
  fo.charge_scaling = false;
  const Field host = build_field(sc.lattice, decorated_atoms(sc, host_decoration(sc, "Na", s.field.mobile_charge * 8),
                                                             oxidation_table(sc), "Na", 1), load_parameters(), fo);
  const Field doped = build_field(sc.lattice, decorated_atoms(sc, d, oxidation_table(sc, spec), "Na", 1), load_parameters(), fo);
  const SiteHopResult a = decorated_site_hop(host, sup, s.net, s.unit), b = decorated_site_hop(doped, sup, s.net, s.unit);
  // The hop whose highest image (its saddle point) is closest to the dopant: there the saddle
  // must drop by the analytic change V_Ge(R) − V_P(R) of the screened Coulomb term (< 0 below 4.2 Å).
  const Vec3 pd = frac_to_cart(sc.lattice, sc.atoms[p_atom].frac);
  const auto& pp = load_parameters();
  int best = -1;
  double rbest = 1e9;
  for (int h = 0; h < int(sup.hops.size()); ++h) {
    const int u = sup.sites[sup.hops[h].from].cell_site;
    int uh = -1;
    for (int k = s.net.hop_offset[u]; k < s.net.hop_offset[u + 1]; ++k)
      if (norm(s.net.hops[k].vector - sup.hops[h].vector) < 1e-6) uh = k;
    ASSERT_GE(uh, 0);
    std::vector<Vec3> pts;
    for (const auto& x : s.unit.path[uh]) pts.push_back(frac_to_cart(sup.lattice, sup.sites[sup.hops[h].from].frac) + x);
    const auto e = energies_at(host, pts);
    const size_t k = std::max_element(e.begin(), e.end()) - e.begin();
    const double R = norm(frac_to_cart(sup.lattice, min_image_frac(cart_to_frac(sup.lattice, pts[k] - pd))));
    if (R < rbest) rbest = R, best = h;
  }
  ASSERT_GE(best, 0);
  ASSERT_LT(rbest, 4.0);
  const double qa = 1 / std::sqrt(3.0), f = 0.74, rcn = pp.ion("Na").rc;
  auto v = [&](const char* el, int q) {
    const auto& ion = pp.ion(el);
    return 14.399645478425668 * qa * (q / std::sqrt(double(ion.n))) / rbest * std::erfc(rbest / (f * (rcn + ion.rc)));
  };
  const double dv = v("Ge", 4) - v("P", 5);
  const double change = b.saddle_energy[best] - a.saddle_energy[best];
  std::printf("dopant at %.3f A from the saddle image: saddle change %.5f eV, analytic %.5f eV\n", rbest, change, dv);
  EXPECT_LT(change, 0.0);
  EXPECT_NEAR(change, dv, 0.1 * std::fabs(dv));  // the highest image may move slightly
}

// Dopant site-energy shift for the KMC model: replacing Zr by Zr changes nothing; Sc3+ (less
// repulsive than Zr4+) lowers the energy of the Na sites next to it.
TEST(BvseSiteHop, DopantShiftOfNasicon) {
  const Landscape s = setup("nasicon_Na3Zr2Si2PO12.cif", "Na");
  FieldOptions fo;
  fo.mobile = "Na";
  const auto& p = load_parameters();
  const DopantShiftResult same = derive_dopant_shift(s.crystal, s.net, s.unit, p, fo, "Zr", "Zr", 4, 4.0);
  EXPECT_NEAR(same.spec.shift, 0.0, 1e-12);
  EXPECT_NEAR(same.far_mean, 0.0, 1e-12);
  const DopantShiftResult sc = derive_dopant_shift(s.crystal, s.net, s.unit, p, fo, "Zr", "Sc", 3, 4.0);
  std::printf("NASICON Zr->Sc: shift %.4f eV on %d sites within 4 A (uniform part %.4f eV over %d sites)\n", sc.spec.shift,
              sc.near_sites, sc.far_mean, sc.far_sites);
  EXPECT_GT(sc.near_sites, 0);
  EXPECT_LT(sc.spec.shift, 0.0);
}

// Per-replica energies: replica r does not depend on the batch it is computed in; different
// decorations (random Sc positions) give different local energies; dopants add Na+ for neutrality.
TEST(BvseSiteHop, PerReplicaEnergiesOfDopedNasicon) {
  const Landscape s = setup("nasicon_Na3Zr2Si2PO12.cif", "Na");
  FieldOptions fo;
  fo.mobile = "Na";
  CompositionSpec spec;
  spec.dopants.push_back({"Zr", "Sc", 0.25, -1, 3});
  const auto& p = load_parameters();
  const auto batch = replica_site_hop(s.crystal, s.net, s.unit, {2, 2, 1}, spec, 5, 0, 2, p, fo);
  const auto alone = replica_site_hop(s.crystal, s.net, s.unit, {2, 2, 1}, spec, 5, 1, 1, p, fo);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].n_ions, 72 + 12);  // 48 Zr, 12 -> Sc3+: 12 more Na+
  for (size_t h = 0; h < batch[1].energies.saddle_energy.size(); ++h)
    ASSERT_DOUBLE_EQ(batch[1].energies.saddle_energy[h], alone[0].energies.saddle_energy[h]) << h;
  double diff = 0;
  for (size_t h = 0; h < batch[0].energies.saddle_energy.size(); ++h)
    diff = std::max(diff, std::fabs(batch[0].energies.saddle_energy[h] - batch[1].energies.saddle_energy[h]));
  EXPECT_GT(diff, 1e-3) << "two decorations, identical hop energies";
}
