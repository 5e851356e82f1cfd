#include "engine/app/md_trajectory.hpp"

#include <hdf5.h>

#include <filesystem>

#include "engine/core/error.hpp"
#include "engine/io/hdf5_handles.hpp"
#include "engine/io/writers.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/parallel/mpi.hpp"
#include "engine/parallel/mpi_handle.hpp"

namespace ionhop::app {

namespace {

// /positions into a new file `tmp`, each rank its block of atoms of every frame (collective when
// decomposed: parallel HDF5 over MPI-IO; a serial run writes its one block).
void write_positions(const std::string& tmp, const md::FrameStore& frames) {
  const md::MdDomain* domain = frames.domain();
  h5::Handle fapl(h5::checked(H5Pcreate(H5P_FILE_ACCESS), "create file properties"), H5Pclose);
  h5::Handle dxpl(h5::checked(H5Pcreate(H5P_DATASET_XFER), "create transfer properties"), H5Pclose);
  if (domain) {
#ifndef H5_HAVE_PARALLEL
    fail("{}: this HDF5 has no parallel I/O", tmp);  // refused before the run (parallel_hdf5())
#else
    if (H5Pset_fapl_mpio(fapl.id(), mpi::raw(domain->grid().comm()), MPI_INFO_NULL) < 0 ||
        H5Pset_dxpl_mpio(dxpl.id(), H5FD_MPIO_COLLECTIVE) < 0)
      fail("{}: HDF5 cannot use MPI-IO", tmp);
#endif
  }
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  h5::Handle f(h5::checked(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), "create file " + tmp), H5Fclose);
  const hsize_t nf = static_cast<hsize_t>(frames.n_frames()), na = static_cast<hsize_t>(frames.n_items());
  const hsize_t dims[3] = {nf, na, 3};
  h5::Handle space(h5::checked(H5Screate_simple(3, dims, nullptr), "create the positions' dataspace"), H5Sclose);
  h5::Handle set(h5::checked(H5Dcreate2(f.id(), "positions", H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT,
                                        H5P_DEFAULT),
                             "create dataset positions"),
                 H5Dclose);
  // this rank's atoms of every frame: frame-major, then atom, then x y z, as in the file
  const hsize_t n = static_cast<hsize_t>(frames.count());
  std::vector<double> block;
  block.reserve(nf * n * 3);
  for (int t = 0; t < frames.n_frames(); ++t) block.insert(block.end(), frames.frame(t).begin(), frames.frame(t).end());
  const hsize_t start[3] = {0, static_cast<hsize_t>(frames.first()), 0}, count[3] = {nf, n, 3};
  const hsize_t mem_dims[3] = {nf, n, 3};
  h5::Handle mem(h5::checked(H5Screate_simple(3, mem_dims, nullptr), "create a memory dataspace"), H5Sclose);
  if (nf * n == 0) {
    H5Sselect_none(space.id());
    H5Sselect_none(mem.id());
  } else if (H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0) {
    fail("{}: cannot select this rank's atoms", tmp);
  }
  double dummy = 0;
  if (H5Dwrite(set.id(), H5T_NATIVE_DOUBLE, mem.id(), space.id(), dxpl.id(), block.empty() ? &dummy : block.data()) < 0)
    fail("{}: cannot write the positions", tmp);
  set.reset();
  h5::close_file(f, tmp);
}

}  // namespace

bool parallel_hdf5() {
#ifdef H5_HAVE_PARALLEL
  return true;
#else
  return false;
#endif
}

void write_h5_trajectory(const std::string& path, const md::FrameStore& frames, const std::vector<double>& time,
                         const md::MdSystem& whole, const md::HopDetector* hops) {
  const md::MdDomain* domain = frames.domain();
  const bool root = !domain || domain->grid().rank() == 0;
  const std::string tmp = path + ".tmp";  // write_atomically's name: it finishes the file below
  std::string why;
  try {
    write_positions(tmp, frames);
  } catch (const Error& e) {
    why = e.what();
  }
  // every rank knows whether any failed, so that all stop together
  if (domain ? mpi::any_over_ranks(!why.empty(), domain->grid().comm()) : !why.empty()) {
    if (!root) throw OutputError(fmt::format("{}: another rank could not write its part", path));
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw OutputError(why.empty() ? fmt::format("{}: another rank could not write its part", path) : why);
  }
  if (!root) return;
  try {
    write_atomically(path, [&](const std::string& file) {
      H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
      h5::Handle f(h5::checked(H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "reopen file " + file), H5Fclose);
      h5::attr(h5::open_dataset(f.id(), "positions").id(), "unit", std::string("angstrom (unwrapped)"));
      h5::write(f.id(), "time_ps", time);
      auto t = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), whole.type);
      std::vector<int> types(t.data(), t.data() + whole.n_atoms());
      h5::write(f.id(), "types", types);
      h5::write(f.id(), "species", whole.species);
      std::vector<double> cell;
      for (const auto& row : whole.cell())
        for (double x : row) cell.push_back(x);
      h5::write(f.id(), "cell", cell, {3, 3});
      const std::vector<double>& cells = frames.cells();  // per frame: the cell moves under NPT
      if (cells.size() == 9 * static_cast<size_t>(frames.n_frames()) && frames.n_frames() > 0)
        h5::write(f.id(), "cell_per_frame", cells, {static_cast<hsize_t>(frames.n_frames()), 3, 3});
      if (hops) {
        std::vector<std::int64_t> ev;
        std::vector<double> et;
        for (const auto& e : hops->events()) {
          ev.insert(ev.end(), {e.ion, e.from, e.to, e.hop_class});
          et.push_back(e.time);
        }
        h5::Handle g = h5::create_group(f.id(), "hops");
        h5::write(g.id(), "events", ev, {et.size(), 4});
        h5::attr(h5::open_dataset(g.id(), "events").id(), "columns",
                 std::string("ion, from_site, to_site, hop_class (-1: off network)"));
        h5::write(g.id(), "time_ps", et);
      }
      h5::close_file(f, file);
    });
  } catch (const OutputError&) {
    throw;
  } catch (const Error& e) {
    throw OutputError(e.what());
  }
}

}  // namespace ionhop::app
