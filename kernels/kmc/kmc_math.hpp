#pragma once
// exp/log callable in device code under Kokkos 3.4 (Kokkos::Experimental::) and 4.x (Kokkos::).
#include <Kokkos_Core.hpp>

namespace ionhop::kernels {

#if KOKKOS_VERSION >= 40000
KOKKOS_INLINE_FUNCTION double kmc_exp(double x) { return Kokkos::exp(x); }
KOKKOS_INLINE_FUNCTION double kmc_log(double x) { return Kokkos::log(x); }
#else
KOKKOS_INLINE_FUNCTION double kmc_exp(double x) { return Kokkos::Experimental::exp(x); }
KOKKOS_INLINE_FUNCTION double kmc_log(double x) { return Kokkos::Experimental::log(x); }
#endif

}  // namespace ionhop::kernels
