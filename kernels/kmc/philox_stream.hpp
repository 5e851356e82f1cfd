#pragma once
// Counter-based random numbers (Random123 Philox4x32-10), keyed by (seed, global replica id,
// counter, stream): the same numbers on any device, thread or rank count. Device-legal.
#include <cstdint>

#include <Kokkos_Core.hpp>
#include <Random123/philox.h>

namespace ionhop::kernels {

// Streams keep independent uses of one (seed, replica) apart.
enum PhiloxStreamId : std::uint32_t {
  kStreamKmc = 0,
  kStreamDecoration = 1,
  kStreamKmcDomains = 2,   // domain KMC: replica word = (replica, domain rank) (sector_advance.hpp)
  kStreamSectorOrder = 3,  // domain KMC: the order of the sectors in a cycle, replica word = 0
};

struct Uniform4 {
  double u[2];  // two uniforms in (0, 1), 53 random bits each
};

KOKKOS_INLINE_FUNCTION double u01_from_bits(std::uint32_t hi, std::uint32_t lo) {
  const std::uint64_t x = (static_cast<std::uint64_t>(hi) << 21) ^ (static_cast<std::uint64_t>(lo) >> 11);
  return (static_cast<double>(x & ((std::uint64_t(1) << 53) - 1)) + 0.5) * (1.0 / 9007199254740992.0);
}

// Two uniforms in (0, 1) for draw number `counter` of (seed, replica, stream).
KOKKOS_INLINE_FUNCTION Uniform4 philox_uniform2(std::uint64_t seed, std::uint64_t replica,
                                                std::uint64_t counter, std::uint32_t stream) {
  r123::Philox4x32 rng;
  r123::Philox4x32::ctr_type c = {{static_cast<std::uint32_t>(counter),
                                   static_cast<std::uint32_t>(counter >> 32),
                                   static_cast<std::uint32_t>(replica), stream}};
  r123::Philox4x32::key_type k = {{static_cast<std::uint32_t>(seed),
                                   static_cast<std::uint32_t>(seed >> 32)}};
  const r123::Philox4x32::ctr_type r = rng(c, k);
  Uniform4 out;
  out.u[0] = u01_from_bits(r[0], r[1]);
  out.u[1] = u01_from_bits(r[2], r[3]);
  return out;
}

}  // namespace ionhop::kernels
