#include "engine/md/frame_store.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/parallel/distributor.hpp"
#include "engine/parallel/mpi.hpp"
#include "kernels/md/hop_screen.hpp"

namespace ionhop::md {

FrameStore::FrameStore(const MdSystem& s, int type) : type_(type), domain_(s.domain) {
  const int me = domain_ ? domain_->grid().rank() : 0;
  ranks_ = domain_ ? domain_->grid().size() : 1;
  if (type_ < 0) {
    n_items_ = static_cast<int>(s.n_global());
  } else {  // the chosen ids, on every rank (once): which item is which
    auto rows = owned_rows(s);
    std::vector<double> mine(rows.extent(0));
    for (size_t k = 0; k < mine.size(); ++k) mine[k] = rows(k, 0);
    const std::vector<double> all = domain_ ? mpi::allgather(mine, domain_->grid().comm()) : mine;
    for (double g : all) all_ids_.push_back(std::llround(g));
    std::sort(all_ids_.begin(), all_ids_.end());
    n_items_ = static_cast<int>(all_ids_.size());
  }
  for (int r = 0; r < ranks_; ++r) firsts_.push_back(mpi::split(n_items_, r, ranks_).first);
  const mpi::Block b = mpi::split(n_items_, me, ranks_);
  first_ = b.first;
  for (int k = b.first; k < b.first + b.count; ++k) ids_.push_back(type_ < 0 ? k : all_ids_[k]);
}

int FrameStore::keeper(int item) const {
  // the last rank whose block starts at or before the item (empty blocks come last, past every item)
  return static_cast<int>(std::upper_bound(firsts_.begin(), firsts_.end(), item) - firsts_.begin()) - 1;
}

int FrameStore::item_of(std::int64_t id) const {
  if (type_ < 0) return static_cast<int>(id);
  const auto it = std::lower_bound(all_ids_.begin(), all_ids_.end(), id);
  if (it == all_ids_.end() || *it != id) fail("MD frames: atom {} is not one of the {} kept", id, n_items_);
  return static_cast<int>(it - all_ids_.begin());
}

Kokkos::View<double* [4], Kokkos::HostSpace> FrameStore::owned_rows(const MdSystem& s) const {
  // chosen and unwrapped on the device: only the chosen atoms' rows cross to the host
  if (rows_dev_.extent(0) < static_cast<size_t>(s.n_atoms()))
    rows_dev_ = Kokkos::View<double* [4], MemSpace>("md::frame_rows", s.n_atoms());
  int n = 0;
  Kokkos::parallel_scan("md::select_unwrapped", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()),
                        md_kernels::SelectUnwrapped<ExecSpace>{s.x, s.image, s.type, s.id, type_, rows_dev_, s.box}, n);
  Kokkos::View<double* [4], Kokkos::HostSpace> rows("md::frame_rows_h", n);
  Kokkos::deep_copy(rows, Kokkos::subview(rows_dev_, Kokkos::make_pair(0, n), Kokkos::ALL));
  return rows;
}

void FrameStore::add(const MdSystem& s) {
  auto rows = owned_rows(s);
  if (domain_) {  // each row to the rank keeping its item
    std::vector<int> to(rows.extent(0));
    for (size_t k = 0; k < to.size(); ++k) to[k] = keeper(item_of(std::llround(rows(k, 0))));
    rows = parallel::Distributor<Kokkos::DefaultHostExecutionSpace>(domain_->grid().comm(), to).migrate(rows);
  }
  std::vector<double> f(3 * ids_.size());
  std::vector<char> seen(ids_.size(), 0);
  for (size_t k = 0; k < rows.extent(0); ++k) {
    const int j = item_of(std::llround(rows(k, 0))) - first_;
    if (j < 0 || j >= count() || seen[j]) fail("MD frames: a position for an item not kept here, or twice");
    seen[j] = 1;
    for (int d = 0; d < 3; ++d) f[3 * j + d] = rows(k, 1 + d);
  }
  if (rows.extent(0) != ids_.size())
    fail("MD frames: {} positions for the {} atoms kept here (atoms lost between ranks)", rows.extent(0), ids_.size());
  frames_.push_back(std::move(f));
  const md_kernels::Box& b = s.box;  // rows a = (xx,0,0), b = (xy,yy,0), c = (xz,yz,zz)
  cells_.insert(cells_.end(), {b.xx, 0, 0, b.xy, b.yy, 0, b.xz, b.yz, b.zz});
}

void FrameStore::save(StateArrays& a, const std::string& key) const {
  // this rank's block of every frame, then rank 0 lays the blocks out by item
  std::vector<double> mine;
  mine.reserve(frames_.size() * 3 * ids_.size());
  for (const auto& f : frames_) mine.insert(mine.end(), f.begin(), f.end());
  const std::vector<double> all = domain_ ? mpi::gather(mine, domain_->grid().comm()) : mine;
  if (domain_ && domain_->grid().rank() != 0) return;
  const size_t row = 3 * static_cast<size_t>(n_items_), nf = frames_.size();
  std::vector<double> out(nf * row);
  size_t at = 0;
  for (int r = 0; r < ranks_; ++r) {
    const mpi::Block b = mpi::split(n_items_, r, ranks_);
    for (size_t t = 0; t < nf; ++t)
      for (int j = 0; j < 3 * b.count; ++j) out[t * row + 3 * static_cast<size_t>(b.first) + j] = all[at++];
  }
  a.f64[key] = std::move(out);
  a.f64[key + "_cells"] = cells_;
}

void FrameStore::restore(const StateArrays& a, const std::string& key) {
  const auto& all = a.doubles(key);
  const size_t row = 3 * static_cast<size_t>(n_items_);
  if (row == 0 || all.size() % row != 0) fail("state: {} holds {} values, not whole frames of {}", key, all.size(), row);
  frames_.clear();
  // checkpoints before the per-frame cells: the box never changed (no barostat), repeat the current one
  cells_ = a.f64.count(key + "_cells") ? a.doubles(key + "_cells") : std::vector<double>();
  for (size_t k = 0; k < all.size(); k += row) {
    const auto begin = all.begin() + static_cast<std::ptrdiff_t>(k + 3 * static_cast<size_t>(first_));
    frames_.emplace_back(begin, begin + 3 * count());
  }
}

}  // namespace ionhop::md
