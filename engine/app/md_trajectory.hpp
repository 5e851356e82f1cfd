#pragma once
// The HDF5 trajectory of `ionhop md` (doc/output.md): /positions (frames x atoms x 3, unwrapped,
// Å, atoms by global id), /time_ps, /types, /species, /cell (rows a, b, c in the box frame, Å) and
// the hop events when detected. Under a domain decomposition every rank writes its block of atoms
// of every frame into /positions through parallel HDF5 (MPI-IO, one collective write); rank 0
// then adds the rest and renames the file into place.
#include <string>
#include <vector>

#include "engine/md/frame_store.hpp"
#include "engine/md/hop_detector.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::app {

// This HDF5 library can write one file from many ranks (MPI-IO); else a decomposed run cannot
// write the HDF5 trajectory, and is refused before it starts.
bool parallel_hdf5();

// Collective over the ranks of `frames` when decomposed. `whole` (types, species, cell) and `hops`
// are read on rank 0 only. Failures throw OutputError on every rank, and leave no file.
void write_h5_trajectory(const std::string& path, const md::FrameStore& frames, const std::vector<double>& time,
                         const md::MdSystem& whole, const md::HopDetector* hops);

}  // namespace ionhop::app
