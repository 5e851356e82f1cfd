#pragma once
// One temperature of `ionhop md`: equilibration then production, advanced a chunk at a time
// (equilibration: thermo_every steps; production: one step) so that the driver can stop, check the
// clock and checkpoint between chunks. Its state saves into a checkpoint and restores from one,
// and the run then continues as if never stopped (same steps, same files byte for byte). Under
// mpiexec the system is split over the ranks (md_domain.hpp); each rank samples and screens the
// ions it owns, the hop detector and the files are rank 0's, and a restart continues to round-off
// (the neighbour list is rebuilt), on any rank count.
#include <memory>
#include <string>
#include <vector>

#include "engine/app/md_input.hpp"
#include "engine/core/state_arrays.hpp"
#include "engine/crystal/crystal.hpp"
#include "engine/io/append_file.hpp"
#include "engine/md/force_field.hpp"
#include "engine/md/hop_tracker.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/md/mobile_sampler.hpp"
#include "engine/md/rate_model.hpp"
#include "engine/md/xyz_writer.hpp"

namespace ionhop::app {

class MdTemperature {
 public:
  // Builds the atoms (`net` is built on first use and shared by the temperatures); files <base>_*.
  MdTemperature(const MdInput& in, double T, const Crystal& unit, const md::ForceField& ff, SiteNetwork& net,
                std::string base);
  ~MdTemperature();
  void start();                          // velocities, new files, the first thermo line
  void restore(const StateArrays& a);    // continue from a checkpoint (files cut back to it)
  bool advance();                        // one chunk; true when production is complete
  bool thermo_due() const { return thermo_due_; }  // the last chunk ended on a thermo step
  void save(StateArrays& a);             // flushes the files, then their sizes and the state
  // Production complete (or stopped: partial): JSON, HDF5 trajectory, the printed summary; the
  // directed hop counts of a complete run are appended to `rates`.
  std::vector<std::string> finish(bool partial, std::vector<md::DirectedRates>& rates);
  void discard();                        // after an error: remove this temperature's files
  double temperature() const { return T_; }

 private:
  void log_thermo();
  void begin_production(double time, std::int64_t xyz_resume_at = -1);
  void check_thermo() const;             // NaN/inf or a runaway temperature end the run

  MdInput in_;
  double T_;
  std::string base_;
  const Crystal& unit_;
  SiteNetwork& net_;
  std::unique_ptr<md::MdSystem> s_;
  std::unique_ptr<md::ForceCompute> fc_;
  std::unique_ptr<md::Integrator> integ_;
  int mobile_type_ = -1;
  long eq_done_ = 0, prod_done_ = 0;     // steps
  bool production_ = false, thermo_due_ = false;
  std::unique_ptr<AppendFile> thermo_;
  std::unique_ptr<md::XyzWriter> xyz_;
  std::unique_ptr<md::MobileSampler> sampler_;
  std::unique_ptr<md::HopTracker> tracker_;
  std::unique_ptr<md::FrameStore> h5_frames_;  // HDF5 trajectory frames (spread over the ranks)
  std::vector<double> h5_time_;               // and their times (ps), written at the end
  std::vector<double> cell_samples_;          // per sample step: P, V, |a|, |b|, |c|, Pxx, Pyy, Pzz
  // Under mpiexec: the domain decomposition; s_ is this rank's part, whole_ the whole system, kept
  // on rank 0 for the trajectory files and checkpoints (gathered by id when they need it; md_gather.hpp).
  std::shared_ptr<md::MdDomain> domain_;
  std::unique_ptr<md::MdSystem> whole_;
  bool root() const;                      // the rank that analyses and writes
  md::MdSystem& analysed();               // the whole system as rank 0 sees it
  void release_whole();                   // ranks other than 0 drop their copy of the whole system
  void log_decomposition() const;
  void gather_for_output();               // rank 0's copy of all atoms, now (trajectories)
};

}  // namespace ionhop::app
