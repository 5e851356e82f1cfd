// The rank grid's shape: smallest halo surface, sub-boxes at least cutoff + skin thick, clear
// errors naming the largest usable rank count; the owner of a fractional position.
#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/parallel/rank_grid.hpp"

using namespace ionhop;
using parallel::choose_grid;

TEST(RankGrid, CubicBoxSplitsEvenly) {
  EXPECT_EQ(choose_grid(8, {40, 40, 40}, 10), (std::array<int, 3>{2, 2, 2}));
  EXPECT_EQ(choose_grid(1, {40, 40, 40}, 10), (std::array<int, 3>{1, 1, 1}));
  EXPECT_EQ(choose_grid(4, {40, 40, 40}, 10), (std::array<int, 3>{2, 2, 1}));  // ties: larger p0 first
}

TEST(RankGrid, LongBoxIsCutAcrossItsLength) {
  EXPECT_EQ(choose_grid(2, {20, 20, 80}, 8), (std::array<int, 3>{1, 1, 2}));
  EXPECT_EQ(choose_grid(4, {20, 20, 80}, 8), (std::array<int, 3>{1, 1, 4}));
  EXPECT_EQ(choose_grid(8, {30, 30, 120}, 8), (std::array<int, 3>{2, 1, 4}));  // tie with {1, 2, 4}
}

TEST(RankGrid, ThinSubBoxesAreAvoidedOrRefused) {
  // 6 ranks over 19 x 19 x 19 Å with 9 Å halos: only 2 per direction fit, so 6 = 2 x 3 cannot.
  EXPECT_EQ(choose_grid(4, {19, 19, 19}, 9), (std::array<int, 3>{2, 2, 1}));
  try {
    choose_grid(6, {19, 19, 19}, 9);
    FAIL() << "6 ranks accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("up to 6 that can is 4"), std::string::npos) << e.what();
  }
  EXPECT_EQ(parallel::largest_fitting_rank_count(100, {19, 19, 19}, 9), 8);
  EXPECT_EQ(parallel::largest_fitting_rank_count(4, {5, 19, 19}, 9), 0);
}

TEST(RankGrid, UserGridIsChecked) {
  EXPECT_NO_THROW(parallel::check_grid({1, 1, 2}, 2, {20, 20, 20}, 9, "grid"));
  EXPECT_THROW(parallel::check_grid({1, 1, 3}, 2, {20, 20, 20}, 9, "grid"), Error);  // 3 domains, 2 ranks
  EXPECT_THROW(parallel::check_grid({1, 1, 3}, 3, {20, 20, 20}, 9, "grid"), Error);  // 6.7 Å thick
  EXPECT_THROW(parallel::check_grid({0, 1, 2}, 2, {20, 20, 20}, 9, "grid"), Error);
}

TEST(RankGrid, OneRankOwnsEverything) {
  const parallel::RankGrid g(mpi::Comm(), {1, 1, 1});
  const double f[3] = {-1e-17, 1.0, 0.999999};
  EXPECT_EQ(g.owner(f), 0);
  EXPECT_EQ(g.neighbor(0, -1), 0);
  EXPECT_EQ(g.lo(2), 0.0);
  EXPECT_EQ(g.hi(2), 1.0);
}
