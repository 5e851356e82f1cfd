// Whole-lattice views of a domain ensemble for tests and self-checks (engine/kmc/domain_ensemble.hpp).
#include <algorithm>

#include "engine/kmc/domain_impl.hpp"

namespace ionhop {

std::vector<std::uint8_t> DomainEnsemble::occupancy() const {
  const Impl& m = *impl_;
  auto occ = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.st.occ);
  const int nb = m.lay.n_basis;
  std::vector<double> local;  // (replica, network site, occupied) of the owned sites
  for (int r = 0; r < m.n_rep; ++r)
    for (const int s : m.lay.sector_site) {
      const int device = m.lay.global_cell[static_cast<size_t>(s / nb)] * nb + s % nb;
      local.insert(local.end(), {double(r), double(m.site_order[static_cast<size_t>(device)]), double(occ(r, s))});
    }
  const std::vector<double> all = mpi::gather(local, m.comm);
  if (m.comm.rank() != 0) return {};
  std::vector<std::uint8_t> out(static_cast<size_t>(m.n_rep) * m.n_sites, 0);
  for (size_t q = 0; q + 2 < all.size(); q += 3)
    out[static_cast<size_t>(all[q]) * m.n_sites + static_cast<size_t>(all[q + 1])] = static_cast<std::uint8_t>(all[q + 2]);
  return out;
}

double DomainEnsemble::rate_consistency_error() const {
  const Impl& m = *impl_;
  Kokkos::View<double* [2], KmcMem> out("rate_check", m.n_rep);
  std::visit([&](const auto& dm) {
    using M = std::decay_t<decltype(dm)>;
    kernels::SectorRateCheck<M, KmcMem> f{dm.with_fresh_state(), m.net, m.st, m.sec, m.trees, m.lay.n_local, out};
    Kokkos::parallel_for("ionhop::kmc::domain_rate_check", Kokkos::RangePolicy<KmcExec>(0, m.n_rep), f);
  }, m.model);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), out);
  double diff = 0, big = 0;
  for (int r = 0; r < m.n_rep; ++r) {
    diff = std::max(diff, h(r, 0));
    big = std::max(big, h(r, 1));
  }
  const std::vector<double> all = mpi::allgather({diff, big}, m.comm);
  diff = big = 0;
  for (size_t q = 0; q < all.size(); q += 2) {
    diff = std::max(diff, all[q]);
    big = std::max(big, all[q + 1]);
  }
  return big > 0 ? diff / big : diff;
}

}  // namespace ionhop
