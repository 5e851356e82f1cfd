// Ghost updates of the domain ensemble after a sector window (doc/theory/kmc.md §9): first the
// ghost sites this rank's events filled go to their owners with the ion's displacement (reverse),
// then every owned site whose occupancy changed goes to the neighbours that hold it as a ghost
// (forward). Only changed sites travel; packing and applying run as kernels.
#include <chrono>

#include "engine/core/error.hpp"
#include "engine/kmc/device_tables.hpp"
#include "engine/kmc/domain_impl.hpp"

namespace ionhop {

namespace {

constexpr int kRowWidth = 6;  // sent: (site on the receiver, replica, occupied, dx, dy, dz)

// Rows (count, then write) of a pack functor over n items.
template <class F>
Kokkos::View<double* [7], KmcMem> pack_rows(F f, int n) {
  int count = 0;
  Kokkos::parallel_reduce("ionhop::kmc::count_changed", Kokkos::RangePolicy<KmcExec, typename F::Count>(0, n), f, count);
  f.out = Kokkos::View<double* [7], KmcMem>("changed_rows", count);
  Kokkos::parallel_scan("ionhop::kmc::pack_changed", Kokkos::RangePolicy<KmcExec, typename F::Write>(0, n), f);
  return f.out;
}

}  // namespace

// Rows of the changed entries, per neighbour: from the dirty lists, or (a list overflowed) by a
// scan of every entry.
std::vector<std::vector<double>> DomainEnsemble::Impl::pack(bool reverse) const {
  const Impl& m = *this;
  const auto& entries = reverse ? m.ghosts : m.exports;
  const auto& shadow = reverse ? m.ghost_shadow : m.export_shadow;
  auto counts = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.dirty.count);
  std::vector<int> first(static_cast<std::size_t>(m.n_rep) + 1, 0);
  bool overflow = false;
  for (int r = 0; r < m.n_rep; ++r) {
    overflow = overflow || counts(r) > static_cast<int>(m.dirty.list.extent(1));
    first[static_cast<std::size_t>(r) + 1] = first[static_cast<std::size_t>(r)] + counts(r);
  }
  Kokkos::View<double* [7], KmcMem> rows;
  if (overflow) {
    rows = pack_rows(parallel_kernels::PackChangedSites<KmcMem>{m.st.occ, m.st.disp, shadow, entries, {}, m.n_rep, reverse},
                     static_cast<int>(entries.extent(0)) * m.n_rep);
  } else {
    parallel_kernels::PackDirtySites<KmcMem> f{m.st.occ, m.st.disp, shadow, entries,
                                               reverse ? m.ghost_offset : m.export_offset,
                                               reverse ? m.ghost_index : m.export_index, m.dirty.list,
                                               to_device(first, "dirty_first"), {}, m.n_rep, reverse};
    rows = pack_rows(f, first.back());
  }
  const int count = static_cast<int>(rows.extent(0));
  const std::size_t n_neighbors = m.lay.neighbors.size();
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), rows);
  std::vector<std::vector<double>> out(n_neighbors);
  for (int q = 0; q < count; ++q) {
    auto& o = out[static_cast<std::size_t>(h(q, 0))];
    for (int c = 1; c < 7; ++c) o.push_back(h(q, c));
  }
  return out;
}

void DomainEnsemble::Impl::exchange_ghosts() {
  if (lay.neighbors.empty()) return;
  const auto t0 = std::chrono::steady_clock::now();
  for (const bool reverse : {true, false}) {
    const auto send = pack(reverse);
    for (const auto& v : send) stats.rows_sent += static_cast<std::int64_t>(v.size() / kRowWidth);
    const auto tm = std::chrono::steady_clock::now();
    const std::vector<double> recv = exchange->exchange(send, kRowWidth);
    stats.mpi_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - tm).count();
    // Rows by replica, in arrival order within a replica (neighbour order, then the sender's).
    const std::size_t n_rows = recv.size() / kRowWidth;
    std::vector<int> first(static_cast<std::size_t>(n_rep) + 1, 0);
    for (std::size_t q = 0; q < n_rows; ++q) ++first[static_cast<std::size_t>(recv[q * kRowWidth + 1]) + 1];
    for (int r = 0; r < n_rep; ++r) first[static_cast<std::size_t>(r) + 1] += first[static_cast<std::size_t>(r)];
    Kokkos::View<double* [5], KmcMem> rows("received_rows", n_rows);
    auto rh = Kokkos::create_mirror_view(rows);
    std::vector<int> cursor(first.begin(), first.end() - 1);
    for (std::size_t q = 0; q < n_rows; ++q) {
      const double* x = &recv[q * kRowWidth];
      const int at = cursor[static_cast<std::size_t>(x[1])]++;
      rh(at, 0) = x[0];
      for (int c = 2; c < kRowWidth; ++c) rh(at, c - 1) = x[c];
    }
    Kokkos::deep_copy(rows, rh);
    const auto first_d = to_device(first, "received_first");
    std::visit([&](const auto& dm) {
      using M = std::decay_t<decltype(dm)>;
      kernels::ApplyRemoteChanges<M, KmcMem> f{{dm, net, st, sec, trees}, first_d, rows, reverse, conflicts,
                                               dirty, ghost_entry, ghost_shadow};
      Kokkos::parallel_for("ionhop::kmc::apply_ghosts", Kokkos::RangePolicy<KmcExec>(0, n_rep), f);
    }, model);
  }
  Kokkos::fence();
  stats.exchange_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace ionhop
