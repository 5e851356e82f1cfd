// Mean occupancy per site class at the end of production (engine/analysis/site_occupancy.hpp):
// ions per site of each class averaged over replicas, with the standard error of the mean.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/analysis/site_occupancy.hpp"
#include "engine/core/error.hpp"

using namespace ionhop;

namespace {
// Classes A (4 sites) and B (2 sites).
SiteNetwork two_classes() {
  SiteNetwork n;
  n.site_classes = {{"A", 'a', 4, 1.0}, {"B", 'b', 2, 1.0}};
  for (int i = 0; i < 6; ++i) {
    MobileSite s;
    s.site_class = i < 4 ? 0 : 1;
    s.label = i < 4 ? "A" : "B";
    n.sites.push_back(s);
  }
  return n;
}
}  // namespace

TEST(SiteOccupancy, MeanAndErrorOverReplicas) {
  KmcSamples s;
  s.n_replicas = 3;
  s.n_site_classes = 2;
  s.ions_per_site_class = {2, 1, 3, 0, 1, 2};  // replicas: A 2/4, 3/4, 1/4; B 1/2, 0, 2/2
  const auto o = site_occupancy(s, two_classes());
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o[0].label, "A");
  EXPECT_EQ(o[0].sites, 4);
  EXPECT_NEAR(o[0].mean, 0.5, 1e-15);
  EXPECT_NEAR(o[0].err, 0.25 / std::sqrt(3.0), 1e-15);  // sample std 0.25
  EXPECT_EQ(o[1].sites, 2);
  EXPECT_NEAR(o[1].mean, 0.5, 1e-15);
  EXPECT_NEAR(o[1].err, 0.5 / std::sqrt(3.0), 1e-15);
}

TEST(SiteOccupancy, AbsentCountsGiveNothingAndMismatchesAnError) {
  KmcSamples s;
  s.n_replicas = 1;
  EXPECT_TRUE(site_occupancy(s, two_classes()).empty());  // a domain run
  s.n_site_classes = 3;
  s.ions_per_site_class = {1, 1, 1};
  EXPECT_THROW(site_occupancy(s, two_classes()), Error);
}
