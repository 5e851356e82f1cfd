#pragma once
// Math functions callable in device code under Kokkos 3.4 (Kokkos::Experimental::) and 4.x (Kokkos::).
#include <Kokkos_Core.hpp>

namespace ionhop::kernels::bvse {

#if KOKKOS_VERSION >= 40000
KOKKOS_INLINE_FUNCTION double k_exp(double x) { return Kokkos::exp(x); }
KOKKOS_INLINE_FUNCTION double k_erfc(double x) { return Kokkos::erfc(x); }
KOKKOS_INLINE_FUNCTION double k_sqrt(double x) { return Kokkos::sqrt(x); }
KOKKOS_INLINE_FUNCTION double k_floor(double x) { return Kokkos::floor(x); }
#else
KOKKOS_INLINE_FUNCTION double k_exp(double x) { return Kokkos::Experimental::exp(x); }
KOKKOS_INLINE_FUNCTION double k_erfc(double x) { return Kokkos::Experimental::erfc(x); }
KOKKOS_INLINE_FUNCTION double k_sqrt(double x) { return Kokkos::Experimental::sqrt(x); }
KOKKOS_INLINE_FUNCTION double k_floor(double x) { return Kokkos::Experimental::floor(x); }
#endif

}  // namespace ionhop::kernels::bvse
