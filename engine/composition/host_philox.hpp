#pragma once
// Sequential host-side stream of the counter-based Philox generator for one (seed, replica,
// stream): used to decorate replicas reproducibly, independent of how replicas are distributed.
#include <cstdint>

#include <Random123/philox.h>

namespace ionhop {

class HostPhilox {
 public:
  HostPhilox(std::uint64_t seed, std::uint64_t replica, std::uint32_t stream)
      : seed_(seed), replica_(replica), stream_(stream) {}
  // Uniform in (0, 1).
  double uniform() {
    if (have_ == 0) {
      r123::Philox4x32 rng;
      const r123::Philox4x32::ctr_type c = {{static_cast<std::uint32_t>(counter_),
                                             static_cast<std::uint32_t>(counter_ >> 32),
                                             static_cast<std::uint32_t>(replica_), stream_}};
      const r123::Philox4x32::key_type k = {{static_cast<std::uint32_t>(seed_),
                                             static_cast<std::uint32_t>(seed_ >> 32)}};
      buf_ = rng(c, k);
      ++counter_;
      have_ = 2;
    }
    --have_;
    // 53 random bits -> (0, 1)
    const std::uint64_t x = (static_cast<std::uint64_t>(buf_[2 * have_]) << 21) ^
                            (static_cast<std::uint64_t>(buf_[2 * have_ + 1]) >> 11);
    return (static_cast<double>(x & ((std::uint64_t(1) << 53) - 1)) + 0.5) * (1.0 / 9007199254740992.0);
  }
  // Uniform integer in [0, n), n >= 1.
  std::uint64_t below(std::uint64_t n) {
    const auto k = static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
    return k < n ? k : n - 1;
  }

 private:
  std::uint64_t seed_, replica_;
  std::uint32_t stream_;
  std::uint64_t counter_ = 0;
  r123::Philox4x32::ctr_type buf_{};
  int have_ = 0;
};

}  // namespace ionhop
