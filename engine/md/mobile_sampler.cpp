#include "engine/md/mobile_sampler.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/parallel/mpi.hpp"

namespace ionhop::md {

std::vector<double> unwrapped_positions(const MdSystem& s) {
  auto x = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  auto im = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.image);
  const auto& b = s.box;
  std::vector<double> u(3 * s.n_atoms());
  for (int i = 0; i < s.n_atoms(); ++i) {
    const double n0 = im(i, 0), n1 = im(i, 1), n2 = im(i, 2);
    u[3 * i] = x(i, 0) + n0 * b.xx + n1 * b.xy + n2 * b.xz;
    u[3 * i + 1] = x(i, 1) + n1 * b.yy + n2 * b.yz;
    u[3 * i + 2] = x(i, 2) + n2 * b.zz;
  }
  return u;
}

MobileSampler::MobileSampler(const MdSystem& s, int mobile_type) : frames_(s, mobile_type) {
  if (frames_.n_items() == 0) fail("MD: no atom of the mobile species in the system");
}

std::vector<Vec3> MobileSampler::fractional(const MdSystem& s) const {
  if (s.domain) fail("MobileSampler::fractional: serial systems only");
  auto x = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  std::vector<Vec3> out;
  out.reserve(atoms().size());
  for (auto i : atoms()) {
    const double r[3] = {x(i, 0), x(i, 1), x(i, 2)};
    double f[3];
    s.box.to_frac(r, f);
    out.push_back({f[0], f[1], f[2]});
  }
  return out;
}

BlockMsd MobileSampler::block_msd(int n_blocks) const {
  const int len = n_samples() / std::max(n_blocks, 1);
  if (n_blocks < 1 || n_samples() < min_samples(n_blocks))
    fail("MD transport: {} samples cannot make {} blocks of at least 4 samples", n_samples(), n_blocks);
  BlockMsd r;
  r.n_blocks = n_blocks;
  r.n_lags = len / 2 + 1;
  r.n_ions = n_ions();
  r.tracer_sq.assign(size_t(n_blocks) * r.n_lags * 3, 0.0);
  r.collective_sq.assign(r.tracer_sq.size(), 0.0);
  const int ni = frames_.count();
  const int nf = n_samples();
  const auto frame = [&](int t) -> const std::vector<double>& { return frames_.frame(t); };
  // Collective: Σ_i Δr_i = S(t1) − S(t0), S(t) = Σ_i (r_i(t) − r_i(0)) summed over the ranks once
  // per sample (small numbers, so the difference keeps its digits).
  std::vector<double> sum(3 * static_cast<size_t>(nf), 0.0);
  for (int t = 0; t < nf; ++t)
    for (int i = 0; i < ni; ++i)
      for (int a = 0; a < 3; ++a) sum[3 * t + a] += frame(t)[3 * i + a] - frame(0)[3 * i + a];
  const MdDomain* domain = frames_.domain();
  if (domain) mpi::sum_in_place(sum, domain->grid().comm());
  for (int b = 0; b < n_blocks; ++b)
    for (int lag = 1; lag < r.n_lags; ++lag) {
      const int n_orig = len - lag;
      for (int o = 0; o < n_orig; ++o) {
        const int t0 = b * len + o, t1 = t0 + lag;
        const auto& f0 = frame(t0);
        const auto& f1 = frame(t1);
        for (int a = 0; a < 3; ++a) {
          double sq = 0;
          for (int i = 0; i < ni; ++i) {
            const double d = f1[3 * i + a] - f0[3 * i + a];
            sq += d * d;
          }
          const double c = sum[3 * t1 + a] - sum[3 * t0 + a];
          const size_t idx = (size_t(b) * r.n_lags + lag) * 3 + a;
          r.tracer_sq[idx] += sq / n_orig;
          r.collective_sq[idx] += c * c / n_orig;
        }
      }
    }
  // the tracer sums of the ranks' ions added (the collective ones are whole already)
  if (domain) mpi::sum_in_place(r.tracer_sq, domain->grid().comm());
  return r;
}

}  // namespace ionhop::md
