#pragma once
// A host lattice-gas model of two sites and one hop kind (E_KRA, J between the two sites), for
// rate tests of kernels/kmc/lattice_gas.hpp. Weights start at +w for e = 0 (both sites empty);
// set_energy() sets them.
#include <Kokkos_Core.hpp>

#include "kernels/kmc/lattice_gas.hpp"

namespace ionhop::kmctest {

inline kernels::LatticeGasModel<Kokkos::HostSpace> two_site_model(double nu, double beta, double e_kra, double J) {
  kernels::LatticeGasModel<Kokkos::HostSpace> m;
  m.nu = nu;
  m.beta = beta;
  Kokkos::View<double*, Kokkos::HostSpace> ek("ek", 1), jp("jp", 1), nj("nj", 0);
  ek(0) = e_kra;
  jp(0) = J;
  m.kind_ekra = ek;
  m.kind_pair = jp;
  m.nbr_j = nj;
  kernels::set_kind_tables(m);
  m.weight = decltype(m)::d2("w", 1, 2);
  return m;
}

}  // namespace ionhop::kmctest
