#include <gtest/gtest.h>

#include "engine/analysis/hop_statistics.hpp"
#include "engine/core/error.hpp"

using namespace ionhop;

TEST(BottleneckHistogram, BinsAvailableAndExecutedHops) {
  // Classes with radii 1.02, 1.07, 1.03 Å; bins of 0.05 from 1.00: [1.00,1.05) [1.05,1.10).
  const auto h = bottleneck_histogram({1.02, 1.07, 1.03}, {12, 6, 6}, {100, 0, 300}, 0.05);
  ASSERT_EQ(h.available.size(), 2u);
  ASSERT_EQ(h.edges.size(), 3u);
  EXPECT_NEAR(h.edges[0], 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(h.available[0], 18);
  EXPECT_DOUBLE_EQ(h.available[1], 6);
  EXPECT_DOUBLE_EQ(h.executed[0], 400);
  EXPECT_DOUBLE_EQ(h.executed[1], 0);
  EXPECT_DOUBLE_EQ(h.available_fraction[0], 0.75);
  EXPECT_DOUBLE_EQ(h.executed_fraction[0], 1.0);
  EXPECT_THROW(bottleneck_histogram({1.0}, {1, 2}, {1}), Error);
}
