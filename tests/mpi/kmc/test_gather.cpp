// The MPI layer and the gather of KMC samples, on however many ranks it is started with
// (ctest runs it on 1 rank and under `mpiexec -n 2`): blocks cover all replicas in order, the
// gather puts them in global replica order, and a rank that stopped early cuts everyone's series.
#include <gtest/gtest.h>

#include "engine/app/gather_samples.hpp"
#include "engine/app/rank_groups.hpp"
#include "engine/parallel/mpi.hpp"

using namespace ionhop;

namespace {
// Replica g holds value g in every entry, so the order after the gather is visible.
KmcSamples block_samples(mpi::Block b, int n_t, bool stop_early) {
  KmcSamples s;
  s.temperature = 500;
  s.n_replicas = b.count;
  s.first_replica = b.first;
  s.n_ions = 3;
  s.n_sites = 6;
  s.n_classes = 2;
  s.volume = 100;
  const int nt = stop_early ? n_t - 2 : n_t;
  for (int k = 0; k < nt; ++k) s.time.push_back(k * 1e-9);
  for (int r = 0; r < b.count; ++r) {
    const int g = b.first + r;
    for (int k = 0; k < nt * 3; ++k) s.tracer_sq.push_back(g), s.collective_sq.push_back(-g);
    s.hops_per_class.push_back(10 * g), s.hops_per_class.push_back(10 * g + 1);
    s.events.push_back(100 + g);
    s.hops_near_dopant.push_back(20 + g), s.hops_far_from_dopant.push_back(30 + g);
    s.available_near_dopant.push_back(40 + g), s.available_hops.push_back(50 + g);
  }
  s.partial = stop_early;
  return s;
}
}  // namespace

TEST(MpiLayer, SplitCoversEveryReplicaOnce) {
  for (int size = 1; size <= 5; ++size) {
    int next = 0;
    for (int r = 0; r < size; ++r) {
      const auto b = mpi::split(7, r, size);
      EXPECT_EQ(b.first, next);
      EXPECT_GE(b.count, 7 / size);
      next += b.count;
    }
    EXPECT_EQ(next, 7);
  }
}

TEST(MpiLayer, GatherInGlobalReplicaOrder) {
  mpi::Guard guard;
  const int rank = mpi::rank(), size = mpi::size();
  const int n = 5, n_t = 6;
  const auto b = mpi::split(n, rank, size);
  // The last rank stops early when there are several ranks: everyone is cut to its length.
  const bool early = size > 1 && rank == size - 1;
  const KmcSamples all = app::gather_samples(block_samples(b, n_t, early));
  const auto ids = mpi::allgather(std::vector<double>(b.count, rank));
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(mpi::min_over_ranks(rank), 0);
  EXPECT_EQ(mpi::any_over_ranks(rank == size - 1), true);
  if (rank != 0) {
    EXPECT_EQ(all.n_replicas, 0);
    return;
  }
  const int nt = size > 1 ? n_t - 2 : n_t;
  EXPECT_EQ(all.n_replicas, n);
  EXPECT_EQ(all.n_times(), nt);
  EXPECT_EQ(all.partial, size > 1);
  ASSERT_EQ(all.tracer_sq.size(), static_cast<std::size_t>(n * nt * 3));
  for (int g = 0; g < n; ++g) {
    for (int k = 0; k < nt * 3; ++k) {
      EXPECT_EQ(all.tracer_sq[g * nt * 3 + k], g);
      EXPECT_EQ(all.collective_sq[g * nt * 3 + k], -g);
    }
    EXPECT_EQ(all.hops_per_class[2 * g + 1], 10 * g + 1);
    EXPECT_EQ(all.events[g], 100 + g);
    EXPECT_EQ(all.hops_near_dopant[g], 20 + g);
    EXPECT_EQ(all.hops_far_from_dopant[g], 30 + g);
    EXPECT_EQ(all.available_near_dopant[g], 40 + g);
    EXPECT_EQ(all.available_hops[g], 50 + g);
  }
}

TEST(MpiLayer, BatchArrivesWhole) {  // group leader -> world rank 0 (2 ranks or more)
  mpi::Guard guard;
  if (mpi::size() < 2) GTEST_SKIP() << "needs 2 ranks";
  const KmcSamples s = block_samples({0, 3}, 4, false);
  if (mpi::rank() == 1) app::send_batch({2, s, {1.5, 2.5, 3.5}, 7.0}, 0, 91);
  if (mpi::rank() != 0) return;
  const app::TemperatureBatch b = app::recv_batch(1, 91);
  EXPECT_EQ(b.index, 2);
  EXPECT_EQ(b.rates, (std::vector<double>{1.5, 2.5, 3.5}));
  EXPECT_EQ(b.samples.tracer_sq, s.tracer_sq);
  EXPECT_EQ(b.samples.events, s.events);
  EXPECT_EQ(b.samples.hops_near_dopant, s.hops_near_dopant);
  EXPECT_EQ(b.samples.hops_far_from_dopant, s.hops_far_from_dopant);
  EXPECT_EQ(b.samples.available_near_dopant, s.available_near_dopant);
  EXPECT_EQ(b.samples.available_hops, s.available_hops);
}

TEST(RankGroups, TemperaturesSideBySideOnlyWhenItPays) {
  EXPECT_EQ(app::choose_groups(4, 48, 1), 1);  // one rank
  EXPECT_EQ(app::choose_groups(1, 8, 4), 1);   // one temperature: replicas over all ranks
  EXPECT_EQ(app::choose_groups(2, 5, 2), 2);   // 1 x 5 beats 2 x 3
  EXPECT_EQ(app::choose_groups(4, 48, 2), 1);  // tie (4 x 24 = 2 x 48): fewer groups
  EXPECT_EQ(app::choose_groups(3, 1, 3), 3);   // more ranks than replicas: one temperature each
  EXPECT_EQ(app::choose_groups(2, 1, 3), 0);   // some rank would get nothing
}
