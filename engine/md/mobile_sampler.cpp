#include "engine/md/mobile_sampler.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/parallel/distributor.hpp"
#include "engine/parallel/mpi.hpp"
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

namespace {
bool is_root(const std::shared_ptr<MdDomain>& d) { return !d || d->grid().rank() == 0; }
}  // namespace

MobileSampler::MobileSampler(const MdSystem& s, int mobile_type) : mobile_type_(mobile_type), domain_(s.domain) {
  // every mobile id, on every rank (once): the order of all ions, and which of them are kept here
  auto rows = owned_rows(s);
  std::vector<double> mine(rows.extent(0));
  for (size_t k = 0; k < mine.size(); ++k) mine[k] = rows(k, 0);
  std::vector<double> all = domain_ ? mpi::allgather(mine, domain_->grid().comm()) : mine;
  std::sort(all.begin(), all.end());
  n_ions_ = static_cast<int>(all.size());
  if (n_ions_ == 0) fail("MD: no atom of the mobile species in the system");
  const int ranks = domain_ ? domain_->grid().size() : 1, me = domain_ ? domain_->grid().rank() : 0;
  for (int k = 0; k < n_ions_; ++k) {
    const std::int64_t id = std::llround(all[k]);
    if (id % ranks != me) continue;
    ids_.push_back(id);
    ion_.push_back(k);
  }
}

Kokkos::View<double* [4], Kokkos::HostSpace> MobileSampler::owned_rows(const MdSystem& s) const {
  // selected and unwrapped on the device: only the mobile ions' rows cross to the host
  if (rows_dev_.extent(0) < static_cast<size_t>(s.n_atoms()))
    rows_dev_ = Kokkos::View<double* [4], MemSpace>("md::sampler_rows", s.n_atoms());
  int n = 0;
  Kokkos::parallel_scan(
      "md::select_unwrapped", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()),
      md_kernels::SelectUnwrapped<ExecSpace>{s.x, s.image, s.type, s.id, mobile_type_, rows_dev_, s.box}, n);
  Kokkos::View<double* [4], Kokkos::HostSpace> rows("md::sampler_rows_h", n);
  Kokkos::deep_copy(rows, Kokkos::subview(rows_dev_, Kokkos::make_pair(0, n), Kokkos::ALL));
  return rows;
}

void MobileSampler::sample(const MdSystem& s) {
  auto rows = owned_rows(s);
  if (domain_) {  // each row to the rank that keeps its ion's history
    const int ranks = domain_->grid().size();
    std::vector<int> keeper(rows.extent(0));
    for (size_t k = 0; k < keeper.size(); ++k) keeper[k] = static_cast<int>(std::llround(rows(k, 0)) % ranks);
    rows = parallel::Distributor<Kokkos::DefaultHostExecutionSpace>(domain_->grid().comm(), keeper).migrate(rows);
  }
  std::vector<double> f(3 * ids_.size());
  size_t placed = 0;
  for (size_t k = 0; k < rows.extent(0); ++k) {
    const auto it = std::lower_bound(ids_.begin(), ids_.end(), std::llround(rows(k, 0)));
    if (it == ids_.end() || *it != std::llround(rows(k, 0))) continue;
    const size_t j = static_cast<size_t>(it - ids_.begin());
    for (int d = 0; d < 3; ++d) f[3 * j + d] = rows(k, 1 + d);
    ++placed;
  }
  if (placed != ids_.size() || rows.extent(0) != ids_.size())
    fail("MD sampler: {} positions for the {} ions kept here (ions lost or duplicated between ranks)", rows.extent(0),
         ids_.size());
  frames_.push_back(std::move(f));
}

std::vector<Vec3> MobileSampler::fractional(const MdSystem& s) const {
  if (s.domain) fail("MobileSampler::fractional: serial systems only");
  auto x = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  std::vector<Vec3> out;
  out.reserve(ids_.size());
  for (auto i : ids_) {
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
  const int ni = static_cast<int>(ids_.size());
  // Collective: Σ_i Δr_i = S(t1) − S(t0), S(t) = Σ_i (r_i(t) − r_i(0)) summed over the ranks once
  // per sample (small numbers, so the difference keeps its digits).
  std::vector<double> sum(3 * frames_.size(), 0.0);
  for (size_t t = 0; t < frames_.size(); ++t)
    for (int i = 0; i < ni; ++i)
      for (int a = 0; a < 3; ++a) sum[3 * t + a] += frames_[t][3 * i + a] - frames_[0][3 * i + a];
  if (domain_) mpi::sum_in_place(sum, domain_->grid().comm());
  for (int b = 0; b < n_blocks; ++b)
    for (int lag = 1; lag < r.n_lags; ++lag) {
      const int n_orig = len - lag;
      for (int o = 0; o < n_orig; ++o) {
        const int t0 = b * len + o, t1 = t0 + lag;
        const auto& f0 = frames_[t0];
        const auto& f1 = frames_[t1];
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
  if (domain_) mpi::sum_in_place(r.tracer_sq, domain_->grid().comm());
  return r;
}

void MobileSampler::save(StateArrays& a) const {
  // rows (ion, its coordinates in every sample) to rank 0, which writes them by ion
  const size_t width = 1 + 3 * frames_.size();
  std::vector<double> rows;
  rows.reserve(width * ids_.size());
  for (size_t j = 0; j < ids_.size(); ++j) {
    rows.push_back(ion_[j]);
    for (const auto& f : frames_) rows.insert(rows.end(), f.begin() + 3 * j, f.begin() + 3 * j + 3);
  }
  const std::vector<double> all = domain_ ? mpi::gather(rows, domain_->grid().comm()) : rows;
  if (!is_root(domain_)) return;
  const size_t row = 3 * static_cast<size_t>(n_ions_);
  std::vector<double> out(frames_.size() * row);
  for (size_t k = 0; k < all.size(); k += width) {
    const size_t ion = static_cast<size_t>(std::llround(all[k]));
    for (size_t t = 0; t < frames_.size(); ++t)
      for (int d = 0; d < 3; ++d) out[t * row + 3 * ion + d] = all[k + 1 + 3 * t + d];
  }
  a.f64["sampler/frames"] = std::move(out);
}

void MobileSampler::restore(const StateArrays& a) {
  const auto& all = a.doubles("sampler/frames");
  const std::size_t row = 3 * static_cast<size_t>(n_ions_);
  if (all.size() % row != 0) fail("state: sampler/frames holds {} values, not whole frames of {}", all.size(), row);
  frames_.clear();
  for (std::size_t k = 0; k < all.size(); k += row) {
    std::vector<double> f(3 * ids_.size());
    for (size_t j = 0; j < ids_.size(); ++j)
      for (int d = 0; d < 3; ++d) f[3 * j + d] = all[k + 3 * static_cast<size_t>(ion_[j]) + d];
    frames_.push_back(std::move(f));
  }
}

}  // namespace ionhop::md
