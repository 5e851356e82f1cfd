#pragma once
// Velocity-Verlet pieces and per-atom reductions. Units: x Å, v Å/ps, f eV/Å, m amu;
// a = f/m * ftm2v with ftm2v = 9648.533212331 (Å/ps^2 per eV/(Å·amu)).
#include <cstdint>

#include <Kokkos_Core.hpp>
#include <Random123/philox.h>

#include "kernels/md/md_common.hpp"

namespace ionhop::md_kernels {

template <class ExecSpace>
struct Kick {  // v += dt_half * f / m * ftm2v
  using M = typename ExecSpace::memory_space;
  Kokkos::View<double* [3], M> v;
  Kokkos::View<const double* [3], M> f;
  Kokkos::View<const double*, M> mass;
  double c = 0;  // dt/2 * ftm2v
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    const double s = c / mass(i);
    v(i, 0) += s * f(i, 0);
    v(i, 1) += s * f(i, 1);
    v(i, 2) += s * f(i, 2);
  }
};

template <class ExecSpace>
struct KickDrift {  // v += dt_half * f / m * ftm2v, then x += dt * v: the first half of a step in one pass
  using M = typename ExecSpace::memory_space;
  Kokkos::View<double* [3], M> x;
  Kokkos::View<double* [3], M> v;
  Kokkos::View<const double* [3], M> f;
  Kokkos::View<const double*, M> mass;
  double c = 0;   // dt/2 * ftm2v
  double dt = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    const double s = c / mass(i);
    for (int d = 0; d < 3; ++d) {
      v(i, d) += s * f(i, d);
      x(i, d) += dt * v(i, d);
    }
  }
};

template <class ExecSpace>
struct ScaleVelocities {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<double* [3], M> v;
  double s = 1;
  double sub[3] = {0, 0, 0};  // subtracted before scaling (centre-of-mass velocity)
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    for (int d = 0; d < 3; ++d) v(i, d) = s * (v(i, d) - sub[d]);
  }
};

// sum m v^2 (amu Å^2/ps^2)
template <class ExecSpace>
struct TwiceKinetic {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [3], M> v;
  Kokkos::View<const double*, M> mass;
  KOKKOS_INLINE_FUNCTION void operator()(int i, double& s) const {
    s += mass(i) * (v(i, 0) * v(i, 0) + v(i, 1) * v(i, 1) + v(i, 2) * v(i, 2));
  }
};

// sum m v_d^2 per Cartesian direction d in t.v[d] (amu Å^2/ps^2), one pass: the kinetic part of P_dd
template <class ExecSpace>
struct TwiceKineticDiagonal {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<const double* [3], M> v;
  Kokkos::View<const double*, M> mass;
  KOKKOS_INLINE_FUNCTION void operator()(int i, EnergyVirial& t) const {
    for (int d = 0; d < 3; ++d) t.v[d] += mass(i) * v(i, d) * v(i, d);
  }
};

// Barostat step (C-rescale), a diagonal strain about the origin: x_d *= mu[d] for positions and the
// neighbour list's reference positions; velocities get 1/mu[d].
template <class ExecSpace>
struct ScaleDiagonal {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<double* [3], M> x;
  double mu[3] = {1, 1, 1};
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    for (int d = 0; d < 3; ++d) x(i, d) *= mu[d];
  }
};

// Gaussian velocities, sigma_i = sqrt(kT/m_i) (in Å/ps: sqrt(kT[eV]/m * ftm2v)); Philox keyed by
// the seed, counter = global atom id: independent of thread count, device and rank count.
template <class ExecSpace>
struct GaussianVelocities {
  using M = typename ExecSpace::memory_space;
  Kokkos::View<double* [3], M> v;
  Kokkos::View<const double*, M> mass;
  Kokkos::View<const std::int64_t*, M> id;
  double kT_ftm2v = 0;
  unsigned long long seed = 0;
  KOKKOS_INLINE_FUNCTION void operator()(int i) const {
    r123::Philox4x32 rng;
    const std::int64_t gid = id(i);
    r123::Philox4x32::ctr_type c = {{static_cast<unsigned>(gid), 0x6d64u, static_cast<unsigned>(gid >> 32), 0u}};
    r123::Philox4x32::key_type k = {{static_cast<unsigned>(seed), static_cast<unsigned>(seed >> 32)}};
    r123::Philox4x32::ctr_type r = rng(c, k);
    double u[4];
    for (int j = 0; j < 4; ++j) u[j] = (r[j] + 0.5) * 2.3283064365386963e-10;  // (0,1)
    const double two_pi = 6.283185307179586;
    const double r1 = sqrt(-2.0 * log(u[0])), r2 = sqrt(-2.0 * log(u[2]));
    const double g[3] = {r1 * cos(two_pi * u[1]), r1 * sin(two_pi * u[1]), r2 * cos(two_pi * u[3])};
    const double sig = sqrt(kT_ftm2v / mass(i));
    for (int d = 0; d < 3; ++d) v(i, d) = sig * g[d];
  }
};

}  // namespace ionhop::md_kernels
