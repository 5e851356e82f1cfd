#pragma once
// Software prefetch of a byte range into the cache, for host backends (a no-op in GPU device
// code, where latency is hidden by other threads instead). Used by the KMC event loop to start
// the loads of an event's update set at once, so their misses overlap (doc/theory/kmc.md §8).
// Force-inlined, as must be every function around it: GCC deems a function that only prefetches
// free of side effects and deletes calls to it that are not inlined.
#include <cstdint>

#include <Kokkos_Core.hpp>

namespace ionhop::kernels {

#if defined(__GNUC__) && !defined(__CUDA_ARCH__) && !defined(__HIP_DEVICE_COMPILE__) && !defined(__SYCL_DEVICE_ONLY__)
#define IONHOP_HOST_PREFETCH 1  // code that only computes prefetch addresses is compiled only then
#else
#define IONHOP_HOST_PREFETCH 0
#endif

KOKKOS_FORCEINLINE_FUNCTION void prefetch_bytes(const void* p, int bytes) {
#if IONHOP_HOST_PREFETCH
  // every 64-byte line that holds a byte of [p, p + bytes)
  const auto first = reinterpret_cast<std::uintptr_t>(p) & ~std::uintptr_t(63);
  const auto last = reinterpret_cast<std::uintptr_t>(p) + static_cast<std::uintptr_t>(bytes) - 1;
  for (std::uintptr_t a = first; a <= last; a += 64) __builtin_prefetch(reinterpret_cast<const void*>(a));
#else
  (void)p;
  (void)bytes;
#endif
}

}  // namespace ionhop::kernels
