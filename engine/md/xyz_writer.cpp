#include "engine/md/xyz_writer.hpp"

#include <fmt/format.h>

#include "engine/core/error.hpp"
#include "engine/md/mobile_sampler.hpp"

namespace ionhop::md {

XyzWriter::XyzWriter(const std::string& path, std::int64_t resume_at) : f_(path, resume_at) {}

void XyzWriter::write_frame(const MdSystem& s, long step, double time_ps) {
  const auto u = unwrapped_positions(s);
  auto t = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.type);
  const auto& b = s.box;
  std::string text = fmt::format("{}\n", s.n_atoms());
  text += fmt::format(
             "Lattice=\"{:.10g} 0 0 {:.10g} {:.10g} 0 {:.10g} {:.10g} {:.10g}\" Properties=species:S:1:pos:R:3 "
             "Step={} Time={:.6g} pbc=\"T T T\"\n",
             b.xx, b.xy, b.yy, b.xz, b.yz, b.zz, step, time_ps);
  for (int i = 0; i < s.n_atoms(); ++i)
    text += fmt::format("{} {:.6f} {:.6f} {:.6f}\n", s.species[t(i)], u[3 * i], u[3 * i + 1], u[3 * i + 2]);
  f_.write(text);
}

}  // namespace ionhop::md
