// Ensemble::hop_rates: every directed hop's rate in the current state (tests, diagnostics).
#include "engine/core/error.hpp"
#include "engine/kmc/ensemble_impl.hpp"

namespace ionhop {

namespace {

template <class Model>
struct HopRatesOf {
  Model model;
  kernels::KmcNetworkView<KmcMem> net;
  kernels::KmcStateView<KmcMem> st;
  int r = 0;
  Kokkos::View<const int*, KmcMem> first;  // per device site: its first entry in rate/target
  Kokkos::View<double*, KmcMem> rate;
  Kokkos::View<int* [2], KmcMem> target;   // target site, hop kind
  KOKKOS_INLINE_FUNCTION void operator()(int s) const {
    const int cell = s / net.n_basis, b = s - cell * net.n_basis;
    const int slot0 = cell * net.hop_offset(net.n_basis);
    for (int h = net.hop_offset(b); h < net.hop_offset(b + 1); ++h) {
      const int e = first(s) + h - net.hop_offset(b);
      const int t = net.site_at(cell, net.hop(h, 1), net.hop(h, 0));
      target(e, 0) = t;
      target(e, 1) = net.hop(h, 2);
      const bool open = model.occupied(st.occ, r, s) && !model.occupied(st.occ, r, t);
      rate(e) = open ? model.rate(model.source(r, s), r, t, net.hop(h, 2), slot0 + h) : 0.0;
    }
  }
};

}  // namespace

std::vector<Ensemble::HopRate> Ensemble::hop_rates(int replica) const {
  const Impl& m = *impl_;
  if (replica < 0 || replica >= m.n_rep) fail("kmc: hop_rates: replica {} is not in 0..{}", replica, m.n_rep - 1);
  auto off = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.net.hop_offset);
  std::vector<int> first(static_cast<size_t>(m.n_sites) + 1, 0);
  for (int s = 0; s < m.n_sites; ++s) {
    const int b = s % m.net.n_basis;
    first[static_cast<size_t>(s) + 1] = first[static_cast<size_t>(s)] + off(b + 1) - off(b);
  }
  Kokkos::View<int*, KmcMem> first_d("hop_rate_first", first.size());
  auto fh = Kokkos::create_mirror_view(first_d);
  for (size_t i = 0; i < first.size(); ++i) fh(i) = first[i];
  Kokkos::deep_copy(first_d, fh);
  Kokkos::View<double*, KmcMem> rate("hop_rate", static_cast<size_t>(first.back()));
  Kokkos::View<int* [2], KmcMem> target("hop_rate_target", static_cast<size_t>(first.back()));
  std::visit([&](const auto& dm) {
    using M = std::decay_t<decltype(dm)>;
    HopRatesOf<M> f{dm, m.net, m.st, replica, first_d, rate, target};
    Kokkos::parallel_for("ionhop::kmc::hop_rates", Kokkos::RangePolicy<KmcExec>(0, m.n_sites), f);
  }, m.model);
  auto rh = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), rate);
  auto th = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), target);
  auto vh = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), m.net.kind_vec);
  std::vector<HopRate> out;
  for (int s = 0; s < m.n_sites; ++s)
    for (int e = first[static_cast<size_t>(s)]; e < first[static_cast<size_t>(s) + 1]; ++e) {
      HopRate h;
      h.from = m.site_order[static_cast<size_t>(s)];
      h.to = m.site_order[static_cast<size_t>(th(e, 0))];
      for (int a = 0; a < 3; ++a) h.vector[static_cast<size_t>(a)] = vh(th(e, 1), a);
      h.rate = rh(e);
      out.push_back(h);
    }
  return out;
}

}  // namespace ionhop
