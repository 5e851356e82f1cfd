#pragma once
// Deferred displacement updates of the KMC event loop (doc/theory/kmc.md §8, fifth round).
// Each hop moves the ion's displacement record from its source site to its target site. Done at
// once, the record's load is a cache (and TLB) miss at large sizes that nothing else overlaps with,
// so it stalls the event for a full memory latency. Journalled and applied kCapacity hops at a
// time, the loads of independent records are in flight together. Replaying the hops in order gives
// exactly the same records (an ion that hopped twice is read after its first move was written).
#include <Kokkos_Core.hpp>

namespace ionhop::kernels {

struct HopJournal {
  static constexpr int kCapacity = 64;
  int from[kCapacity], to[kCapacity], kind[kCapacity];
  int n = 0;
  int capacity = kCapacity;  // 1 .. kCapacity

  // Returns true when the journal is full (the caller flushes it).
  KOKKOS_INLINE_FUNCTION bool add(int s, int t, int k) {
    from[n] = s;
    to[n] = t;
    kind[n] = k;
    return ++n >= capacity;
  }

  // disp(r, site, a): unwrapped displacement of the ion on the site (0 on empty sites), Å;
  // kind_vec(kind, a): hop vector of the hop kind, Å.
  template <class Disp, class KindVec>
  KOKKOS_INLINE_FUNCTION void flush(const Disp& disp, const KindVec& kind_vec, int r) {
    for (int i = 0; i < n; ++i)
      for (int a = 0; a < 3; ++a) {
        const double d = disp(r, from[i], a) + kind_vec(kind[i], a);
        disp(r, from[i], a) = 0.0;
        disp(r, to[i], a) = d;
      }
    n = 0;
  }
};

}  // namespace ionhop::kernels
