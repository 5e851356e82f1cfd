#include "engine/md/ewald.hpp"
#include "engine/md/md_domain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "kernels/md/ewald_kspace.hpp"

namespace ionhop::md {

namespace mk = md_kernels;

EwaldParams ewald_params(double rc, double eps) {
  if (!(eps > 0 && eps < 1)) fail("Ewald: accuracy must be in (0, 1) (got {})", eps);
  if (!(rc > 0)) fail("Ewald: cutoff must be > 0 (got {})", rc);
  EwaldParams p;
  p.alpha = std::sqrt(-std::log(eps)) / rc;
  p.kcut = ewald_kcut(p.alpha, eps);
  return p;
}

double ewald_kcut(double alpha, double eps) { return 2.0 * alpha * std::sqrt(-std::log(eps)); }

EwaldKSpace::EwaldKSpace(const mk::Box& box, double alpha, double kcut, double ke)
    : box_(box), alpha_(alpha), kcut_(kcut), ke_(ke) {
  if (!(alpha > 0) || !(kcut > 0)) fail("Ewald: alpha and kcut must be > 0 (got {}, {})", alpha, kcut);
  // reciprocal vectors b_d* (rows of inverse(h)^T) for h with columns a, b, c
  const Mat3 rows{{{box.xx, 0, 0}, {box.xy, box.yy, 0}, {box.xz, box.yz, box.zz}}};
  const Mat3 recip = transpose(inverse(rows));  // columns of inverse(rows) are the dual vectors
  // |m_d| <= kcut |a_d| / (2 pi) bounds every k with |k| <= kcut
  int mm[3];
  for (int d = 0; d < 3; ++d) mm[d] = static_cast<int>(std::ceil(kcut * norm(rows[d]) / mk::two_pi));
  mmax_ = std::max({mm[0], mm[1], mm[2]});
  std::vector<std::array<int, 3>> ms;
  for (int m3 = 0; m3 <= mm[2]; ++m3)
    for (int m2 = (m3 == 0 ? 0 : -mm[1]); m2 <= mm[1]; ++m2)
      for (int m1 = (m3 == 0 && m2 == 0 ? 1 : -mm[0]); m1 <= mm[0]; ++m1) {
        Vec3 k{};
        for (int d = 0; d < 3; ++d) k[d] = mk::two_pi * (m1 * recip[0][d] + m2 * recip[1][d] + m3 * recip[2][d]);
        if (dot(k, k) <= kcut * kcut) ms.push_back({m1, m2, m3});
      }
  n_k_ = static_cast<int>(ms.size());
  // groups of consecutive k with equal (m2, m3) (the loops above run m1 innermost)
  std::vector<std::array<int, 4>> groups;
  for (int k = 0; k < n_k_; ++k) {
    if (groups.empty() || ms[k][1] + mmax_ != groups.back()[0] || ms[k][2] + mmax_ != groups.back()[1])
      groups.push_back({ms[k][1] + mmax_, ms[k][2] + mmax_, k, k});
    groups.back()[3] = k + 1;
  }
  // the kernels rely on consecutive m1 within a group (true for a convex |k|^2 <= kcut^2)
  for (const auto& gr : groups)
    for (int k = gr[2] + 1; k < gr[3]; ++k)
      if (ms[k][0] != ms[k - 1][0] + 1) fail("Ewald: non-consecutive m1 in a k-vector group (internal)");
  groups_ = Kokkos::View<int* [4], MemSpace>("md::ewald_groups", groups.size());
  m1_ = Kokkos::View<int*, MemSpace>("md::ewald_m1", n_k_);
  m_ = Kokkos::View<int* [3], MemSpace>("md::ewald_m", n_k_);
  kvec_ = Kokkos::View<double* [4], MemSpace>("md::ewald_k", n_k_);
  S_ = Kokkos::View<double* [2], MemSpace>("md::ewald_S", n_k_);
  kw_ = Kokkos::View<double**, Kokkos::LayoutRight, MemSpace>("md::ewald_kw", 5, n_k_);
  auto hg = Kokkos::create_mirror_view(groups_);
  auto hm1 = Kokkos::create_mirror_view(m1_);
  auto hm = Kokkos::create_mirror_view(m_);
  for (size_t g = 0; g < groups.size(); ++g)
    for (int d = 0; d < 4; ++d) hg(g, d) = groups[g][d];
  for (int k = 0; k < n_k_; ++k) {
    hm1(k) = ms[k][0] + mmax_;
    for (int d = 0; d < 3; ++d) hm(k, d) = ms[k][d];
  }
  Kokkos::deep_copy(groups_, hg);
  Kokkos::deep_copy(m1_, hm1);
  Kokkos::deep_copy(m_, hm);
  set_box(box);
}

// The k vectors and weights of the integer set for the current box; after a strain (barostat) the
// set stays and the vectors follow the cell, so forces are those of the current box while the
// cutoff sphere deforms with it (doc/theory/md.md §3).
void EwaldKSpace::set_box(const mk::Box& box) {
  box_ = box;
  const Mat3 rows{{{box.xx, 0, 0}, {box.xy, box.yy, 0}, {box.xz, box.yz, box.zz}}};
  const Mat3 recip = transpose(inverse(rows));
  mk::EwaldKVectors<ExecSpace> fn{m_, kvec_, kw_};
  for (int j = 0; j < 3; ++j)
    for (int d = 0; d < 3; ++d) fn.recip[j][d] = recip[j][d];
  fn.pref = 4.0 * M_PI * ke_ / box.volume();
  fn.alpha = alpha_;
  Kokkos::parallel_for("md::ewald_kvectors", Kokkos::RangePolicy<ExecSpace>(0, n_k_), fn);
}

mk::EnergyVirial EwaldKSpace::compute(MdSystem& s, bool need_ev) {
  const int n = s.n_atoms();
  const int nm = 2 * mmax_ + 1;
  if (c1_.extent(0) != static_cast<size_t>(n)) {
    c1_ = Kokkos::View<double**, Kokkos::LayoutRight, MemSpace>("md::ewald_c1", n, nm);
    s1_ = Kokkos::View<double**, Kokkos::LayoutRight, MemSpace>("md::ewald_s1", n, nm);
    c23_ = Kokkos::View<double***, Kokkos::LayoutRight, MemSpace>("md::ewald_c23", 2, nm, n);
    s23_ = Kokkos::View<double***, Kokkos::LayoutRight, MemSpace>("md::ewald_s23", 2, nm, n);
  }
  const int ng = static_cast<int>(groups_.extent(0));
  Kokkos::parallel_for("md::ewald_phases", Kokkos::RangePolicy<ExecSpace>(0, n),
                       mk::EwaldPhases<ExecSpace>{s.x, c1_, s1_, c23_, s23_, box_, mmax_});
  Kokkos::parallel_for("md::ewald_S", Kokkos::RangePolicy<ExecSpace>(0, ng),
                       mk::EwaldStructureFactor<ExecSpace>{groups_, m1_, s.q, c1_, s1_, c23_, s23_, S_, n});
  if (s.domain) {
    // each rank summed its own atoms: S(k) of the whole system is the sum over ranks, one
    // MPI_Allreduce of 2 n_k values per step (doc/theory/md.md §12); forces on an atom use its
    // owner's copy, the energy rank 0's, so the ranks need not agree to the last bit
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), S_);
    std::vector<double> all(h.data(), h.data() + h.size());
    s.domain->sum_in_place(all);
    std::copy(all.begin(), all.end(), h.data());
    Kokkos::deep_copy(S_, h);
  }
  Kokkos::parallel_for("md::ewald_kw", Kokkos::RangePolicy<ExecSpace>(0, n_k_),
                       mk::EwaldForceWeights<ExecSpace>{kvec_, S_, kw_});
  Kokkos::parallel_for("md::ewald_force", Kokkos::RangePolicy<ExecSpace>(0, n),
                       mk::EwaldForce<ExecSpace>{groups_, m1_, kw_, s.q, c1_, s1_, c23_, s23_, s.f, ng});
  mk::EnergyVirial ev;
  if (need_ev) {
    // k-space energy and virial of the whole system: added by one rank; the self term per atom
    if (adds_global_terms(s))
      Kokkos::parallel_reduce("md::ewald_ev", Kokkos::RangePolicy<ExecSpace>(0, n_k_),
                              mk::EwaldEnergyVirial<ExecSpace>{kvec_, S_, 1.0 / (4 * alpha_ * alpha_)},
                              Kokkos::Sum<mk::EnergyVirial>(ev));
    double q2 = 0, qsum = 0;
    auto q = s.q;
    Kokkos::parallel_reduce("md::ewald_q2", Kokkos::RangePolicy<ExecSpace>(0, n),
                            KOKKOS_LAMBDA(int i, double& a) { a += q(i) * q(i); }, q2);
    Kokkos::parallel_reduce("md::ewald_q", Kokkos::RangePolicy<ExecSpace>(0, n),
                            KOKKOS_LAMBDA(int i, double& a) { a += q(i); }, qsum);
    const double ke = ke_;
    const double e_self = -ke * alpha_ / std::sqrt(M_PI) * q2;
    // neutralising background for a net charge Q: -k_e pi Q^2 / (2 V alpha^2), isotropic virial
    qsum = sum_over_ranks(s, qsum);
    const double e_bg = adds_global_terms(s) ? -ke * M_PI * qsum * qsum / (2 * box_.volume() * alpha_ * alpha_) : 0.0;
    ev.e += e_self + e_bg;
    for (int d = 0; d < 3; ++d) ev.v[d] += e_bg;
  }
  return ev;
}

}  // namespace ionhop::md
