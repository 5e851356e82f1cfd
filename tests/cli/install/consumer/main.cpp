// A user's program built against an installed ionhop: uses a library type and Kokkos.
#include <cstdio>

#include <Kokkos_Core.hpp>

#include "engine/core/vec3.hpp"

int main(int argc, char** argv) {
  Kokkos::ScopeGuard guard(argc, argv);
  Kokkos::View<double*> v("v", 3);
  Kokkos::deep_copy(v, 2.0);
  const ionhop::Vec3 a{1, 2, 2};
  std::printf("ok: ionhop consumer |a| = %.1f, kokkos view size %d\n", ionhop::norm(a), int(v.extent(0)));
  return 0;
}
