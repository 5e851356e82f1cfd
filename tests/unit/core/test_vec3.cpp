#include <gtest/gtest.h>

#include "engine/core/vec3.hpp"

using namespace ionhop;

TEST(Vec3, InverseOfSkewedMatrix) {
  const Mat3 m{{{9.1863, 0, 0}, {-4.59315, 7.9556, 0}, {0.3, -0.2, 22.181}}};
  const Mat3 id = matmul(m, inverse(m));
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(id[i][j], i == j ? 1.0 : 0.0, 1e-14);
  EXPECT_NEAR(det(m), 9.1863 * 7.9556 * 22.181, 1e-9);
}

TEST(Vec3, WrapAndMinimumImage) {
  EXPECT_DOUBLE_EQ(wrap01(-0.25), 0.75);
  EXPECT_DOUBLE_EQ(wrap01(1.0), 0.0);
  EXPECT_DOUBLE_EQ(wrap01(-1e-18), 0.0);  // rounds to 1.0 in floating point: must map to 0
  const Vec3 d = min_image_frac({0.9, -0.6, 0.2});
  EXPECT_NEAR(d[0], -0.1, 1e-15);
  EXPECT_NEAR(d[1], 0.4, 1e-15);
  EXPECT_NEAR(d[2], 0.2, 1e-15);
}
