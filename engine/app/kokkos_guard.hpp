#pragma once
// Kokkos for one command: initialise on entry unless the host program (a test, a user's code)
// already did, finalise on exit only what we initialised. Every View of the command must live
// inside the guard's scope.
#include <Kokkos_Core.hpp>

namespace ionhop::app {

class KokkosGuard {
 public:
  KokkosGuard() {
    if (!Kokkos::is_initialized()) {
      Kokkos::initialize();
      owns_ = true;
    }
  }
  ~KokkosGuard() {
    if (owns_) Kokkos::finalize();
  }
  KokkosGuard(const KokkosGuard&) = delete;
  KokkosGuard& operator=(const KokkosGuard&) = delete;

 private:
  bool owns_ = false;
};

}  // namespace ionhop::app
