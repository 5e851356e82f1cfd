// Cross-check of the exact bottleneck on the shipped structures against brute force: r(t) sampled
// at 4001 points of each hop, against every framework atom in the 5x5x5 block of cells around it.
#include <gtest/gtest.h>

#include <filesystem>
#include <limits>

#include "engine/core/data_path.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/network/network_detail.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop {
namespace {

struct Shipped {
  const char* file;
  const char* mobile;
};

void PrintTo(const Shipped& s, std::ostream* os) { *os << s.file << " --mobile " << s.mobile; }

class ShippedBottleneck : public ::testing::TestWithParam<Shipped> {};

TEST_P(ShippedBottleneck, ExactMinimumMatchesDenseSampling) {
  const std::string path = std::string(IONHOP_REPO_DIR) + "/structures/" + GetParam().file;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not shipped yet";
  const Crystal c = read_structure(path);
  NetworkOptions o;
  o.species = GetParam().mobile;
  const SiteNetwork net = build_network(c, o);
  const std::string radii_path = data_file("potentials/shannon_radii.toml");
  const auto fw = netdetail::framework_ions(c, o.species, netdetail::read_radii(radii_path), radii_path);
  ASSERT_FALSE(fw.empty());
  const auto cart = [&](const Vec3& f) { return f[0] * c.lattice.rows[0] + f[1] * c.lattice.rows[1] + f[2] * c.lattice.rows[2]; };
  // One hop per class is enough (the others are symmetry images).
  std::vector<bool> seen(net.hop_classes.size(), false);
  for (const Hop& h : net.hops) {
    if (seen[h.hop_class]) continue;
    seen[h.hop_class] = true;
    const Vec3 a = cart(net.sites[h.from].frac);
    double brute = std::numeric_limits<double>::infinity();
    const int n_t = 4000;
    for (int s = 0; s <= n_t; ++s) {
      const Vec3 p = a + (double(s) / n_t) * h.vector;
      for (const auto& ion : fw)
        for (int i = -2; i <= 2; ++i)
          for (int j = -2; j <= 2; ++j)
            for (int k = -2; k <= 2; ++k) {
              const Vec3 x = cart({ion.frac[0] + i, ion.frac[1] + j, ion.frac[2] + k});
              brute = std::min(brute, norm(p - x) - ion.radius);
            }
    }
    // Sampling can only overestimate the minimum, by at most (step/2)^2 / (2 distance) ~ 1e-6 Å.
    EXPECT_LE(h.bottleneck_radius, brute + 1e-12) << GetParam().file << " class " << h.hop_class;
    EXPECT_NEAR(h.bottleneck_radius, brute, 1e-4) << GetParam().file << " class " << h.hop_class;
  }
}

INSTANTIATE_TEST_SUITE_P(Structures, ShippedBottleneck,
                         ::testing::Values(Shipped{"nasicon_Na3Zr2Si2PO12.cif", "Na"},
                                           Shipped{"garnet_Li7La3Zr2O12.cif", "Li"},
                                           Shipped{"Na3PS4_cubic.cif", "Na"},
                                           Shipped{"Na3PS4_tetragonal.cif", "Na"},
                                           Shipped{"Li6PS5Cl.cif", "Li"},
                                           Shipped{"Li10GeP2S12.cif", "Li"}),
                         [](const auto& info) {
                           std::string n = info.param.file;
                           return n.substr(0, n.find('.'));
                         });

}  // namespace
}  // namespace ionhop
