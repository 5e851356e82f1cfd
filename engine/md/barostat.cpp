#include "engine/md/barostat.hpp"

#include <cmath>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/md/host_random.hpp"
#include "kernels/md/integrate.hpp"

namespace ionhop::md {

namespace mk = md_kernels;

double crescale_step(const BarostatSettings& b, double temperature, double dt, std::uint64_t seed, long step,
                     const double twice_ke[3], const double virial[6], MdSystem& s, ForceCompute& fc) {
  if (s.domain) fail("MD: the barostat does not run under domain decomposition (internal)");
  const double V = s.box.volume();                               // Å^3
  const double kT = units::kB_eV * temperature;                  // eV
  const double P0 = b.pressure / eV_per_A3_to_GPa;               // eV/Å^3
  const double beta = b.compressibility * eV_per_A3_to_GPa;      // Å^3/eV
  HostNormal rng{seed, static_cast<std::uint64_t>(step)};
  rng.stream = 0xba40u;
  double eps[3];
  if (b.kind == Barostat::Isotropic) {
    // Bernetti & Bussi (2020) eq. (5): dε = -(β/τ)(P0 - P - kT/V) dt + sqrt(2 kT β dt / (V τ)) R
    const double P = (twice_ke[0] + twice_ke[1] + twice_ke[2] + virial[0] + virial[1] + virial[2]) / (3 * V);
    const double de = -beta / b.tau_p * (P0 - P - kT / V) * dt + std::sqrt(2 * kT * beta * dt / (V * b.tau_p)) * rng.normal();
    eps[0] = eps[1] = eps[2] = de / 3;
  } else {
    // per Cartesian axis, a third of the isotropic mobility and noise each (the sum of the three is
    // the isotropic equation): dε_d = -(β/3τ)(P0 - P_dd - kT/V) dt + sqrt(2 kT β dt / (3 V τ)) R_d
    for (int d = 0; d < 3; ++d) {
      const double P = (twice_ke[d] + virial[d]) / V;
      eps[d] = -beta / (3 * b.tau_p) * (P0 - P - kT / V) * dt + std::sqrt(2 * kT * beta * dt / (3 * V * b.tau_p)) * rng.normal();
    }
  }
  double mu[3], inv[3];
  for (int d = 0; d < 3; ++d) mu[d] = std::exp(eps[d]), inv[d] = 1 / mu[d];
  // a diagonal strain x_d -> mu_d x_d: a = (xx,0,0), b = (xy,yy,0), c = (xz,yz,zz) follow
  s.box.xx *= mu[0], s.box.xy *= mu[0], s.box.xz *= mu[0];
  s.box.yy *= mu[1], s.box.yz *= mu[1];
  s.box.zz *= mu[2];
  mk::ScaleDiagonal<ExecSpace> fx{s.x}, fv{s.v};
  for (int d = 0; d < 3; ++d) fx.mu[d] = mu[d], fv.mu[d] = inv[d];
  Kokkos::parallel_for("md::strain_x", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()), fx);
  Kokkos::parallel_for("md::strain_v", Kokkos::RangePolicy<ExecSpace>(0, s.n_atoms()), fv);
  fc.strain(s, mu);
  double dE = P0 * (s.box.volume() - V);
  for (int d = 0; d < 3; ++d) dE += 0.5 * twice_ke[d] * (inv[d] * inv[d] - 1) - virial[d] * eps[d];
  return dE;
}

}  // namespace ionhop::md
