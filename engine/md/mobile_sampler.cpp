#include "engine/md/mobile_sampler.hpp"

#include "engine/core/error.hpp"
#include "kernels/md/hop_screen.hpp"

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

MobileSampler::MobileSampler(const MdSystem& s, int mobile_type) {
  auto t = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.type);
  for (int i = 0; i < s.n_atoms(); ++i)
    if (t(i) == mobile_type) atoms_.push_back(i);
  if (atoms_.empty()) fail("MD: no atom of the mobile species in the system");
  atoms_dev_ = Kokkos::View<int*, MemSpace>("md::sampler_atoms", atoms_.size());
  auto h = Kokkos::create_mirror_view(atoms_dev_);
  for (size_t k = 0; k < atoms_.size(); ++k) h(k) = atoms_[k];
  Kokkos::deep_copy(atoms_dev_, h);
  frame_dev_ = Kokkos::View<double* [3], MemSpace>("md::sampler_frame", atoms_.size());
}

void MobileSampler::sample(const MdSystem& s) {
  // gathered on the device: only the mobile ions' coordinates cross to the host
  Kokkos::parallel_for("md::gather_unwrapped", Kokkos::RangePolicy<ExecSpace>(0, n_ions()),
                       md_kernels::GatherUnwrapped<ExecSpace>{s.x, s.image, atoms_dev_, frame_dev_, s.box});
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), frame_dev_);
  std::vector<double> f(3 * atoms_.size());
  for (size_t k = 0; k < atoms_.size(); ++k)
    for (int d = 0; d < 3; ++d) f[3 * k + d] = h(k, d);
  frames_.push_back(std::move(f));
}

std::vector<Vec3> MobileSampler::fractional(const MdSystem& s) const {
  auto x = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  std::vector<Vec3> out;
  out.reserve(atoms_.size());
  for (int i : atoms_) {
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
  const int ni = n_ions();
  for (int b = 0; b < n_blocks; ++b)
    for (int lag = 1; lag < r.n_lags; ++lag) {
      const int n_orig = len - lag;
      for (int o = 0; o < n_orig; ++o) {
        const auto& f0 = frames_[b * len + o];
        const auto& f1 = frames_[b * len + o + lag];
        for (int a = 0; a < 3; ++a) {
          double sq = 0, sum = 0;
          for (int i = 0; i < ni; ++i) {
            const double d = f1[3 * i + a] - f0[3 * i + a];
            sq += d * d;
            sum += d;
          }
          const size_t idx = (size_t(b) * r.n_lags + lag) * 3 + a;
          r.tracer_sq[idx] += sq / n_orig;
          r.collective_sq[idx] += sum * sum / n_orig;
        }
      }
    }
  return r;
}

void MobileSampler::save(StateArrays& a) const {
  std::vector<double> all;
  all.reserve(frames_.size() * 3 * atoms_.size());
  for (const auto& f : frames_) all.insert(all.end(), f.begin(), f.end());
  a.f64["sampler/frames"] = std::move(all);
}

void MobileSampler::restore(const StateArrays& a) {
  const auto& all = a.doubles("sampler/frames");
  const std::size_t row = 3 * atoms_.size();
  if (all.size() % row != 0) fail("state: sampler/frames holds {} values, not whole frames of {}", all.size(), row);
  frames_.clear();
  for (std::size_t k = 0; k < all.size(); k += row) frames_.emplace_back(all.begin() + k, all.begin() + k + row);
}

}  // namespace ionhop::md
