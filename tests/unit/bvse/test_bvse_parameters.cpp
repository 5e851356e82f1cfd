// The shipped BVSE parameter table: values as published, errors name file and key.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "engine/bvse/bvse_parameters.hpp"
#include "engine/core/error.hpp"

using namespace ionhop;

TEST(BvseParameters, ShippedTableHasPublishedValues) {
  const auto p = bvse::load_parameters();
  EXPECT_DOUBLE_EQ(p.pair("Na", "O").D0, 0.575227);
  EXPECT_DOUBLE_EQ(p.pair("Na", "O").alpha, 2.074689);  // BVlain 1/0.482, not ccnb's K-O value
  EXPECT_DOUBLE_EQ(p.pair("Li", "S").Rmin, 2.40971);
  EXPECT_EQ(p.ion("Zr").n, 5);
  EXPECT_DOUBLE_EQ(p.ion("Sc").rc, 1.46);
  EXPECT_THROW(p.pair("K", "O"), Error);
  EXPECT_THROW(p.ion("Xe"), Error);
}

// Rmin = R0 (0.9185 + 0.2285 |σA − σX|) − b ln(VA/Nc) holds to 1 mÅ for every shipped pair: a
// consistency check of the transcribed numbers (alpha = 1/b too).
TEST(BvseParameters, RminMatchesBondValenceRelation) {
  const auto p = bvse::load_parameters();
  for (const auto& [name, q] : p.pairs) {
    const auto dash = name.find('-');
    const auto& a = p.ion(name.substr(0, dash));
    const auto& x = p.ion(name.substr(dash + 1));
    ASSERT_TRUE(a.softness && x.softness) << name;
    const double rmin = q.R0 * (0.9185 + 0.2285 * std::fabs(*a.softness - *x.softness)) - q.b * std::log(1.0 / q.Nc);
    EXPECT_NEAR(rmin, q.Rmin, 1e-3) << name;
    EXPECT_NEAR(q.alpha * q.b, 1.0, 1e-5) << name;
  }
}

TEST(BvseParameters, UnknownKeyIsAnErrorNamingIt) {
  const std::string path = ::testing::TempDir() + "bvse_bad.toml";
  std::ofstream(path) << "[ion.Li]\nn = 2\nrc = 1.31\nradius = 0.7\n";
  try {
    bvse::load_parameters(path);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("radius"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  std::remove(path.c_str());
}
