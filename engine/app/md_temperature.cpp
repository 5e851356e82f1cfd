#include "engine/app/md_temperature.hpp"

#include <cmath>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "engine/app/md_results.hpp"
#include "engine/app/md_trajectory.hpp"
#include "engine/core/error.hpp"
#include "engine/core/log.hpp"
#include "engine/parallel/mpi.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/md_composition.hpp"
#include "engine/md/md_gather.hpp"
#include "engine/md/md_state.hpp"
#include "engine/md/md_structure.hpp"

namespace ionhop::app {

namespace {

// MD atoms: the composition code's decoration when [composition] is given (doc/theory/md.md §6b),
// otherwise the ordered fill of §6 (unchanged: same seed, same atoms). Builds `net` if empty.
md::MdAtoms build_atoms(const MdInput& in, const Crystal& unit, const md::ForceField& ff, SiteNetwork& net) {
  if (!in.composition)
    return md::md_atoms(unit, in.supercell, in.mobile, in.composition, ff, in.decoration_seed, in.decoration, net);
  md::CompositionAtoms ca;
  md::MdAtoms atoms;
  try {  // the composition code names the key (composition.dopants[0]...), this adds the input file
    atoms = md::md_atoms(unit, in.supercell, in.mobile, in.composition, ff, in.decoration_seed, in.decoration, net, &ca);
  } catch (const Error& e) {
    fail("{}: {}", in.path, e.what());
  }
  log::info("md: composition decoration: {} dopant atoms, {} {} ions on {} network sites{}", ca.n_dopants, ca.n_ions,
            in.mobile, net.n_sites(),
            ca.replaced ? " (re-placed under the minimum distance, doc/theory/md.md §6b)" : "");
  return atoms;
}

}  // namespace

MdTemperature::MdTemperature(const MdInput& in, double T, const Crystal& unit, const md::ForceField& ff,
                             SiteNetwork& net, std::string base)
    : in_(in), T_(T), base_(std::move(base)), unit_(unit), net_(net) {
  in_.integ.temperature = T;
  s_ = std::make_unique<md::MdSystem>(md::system_from_atoms(build_atoms(in_, unit, ff, net_), ff));
  for (int t = 0; t < s_->n_types(); ++t)
    if (s_->species[t] == in_.mobile) mobile_type_ = t;
  if (mobile_type_ < 0) fail("{}: md.mobile = \"{}\" is not in the structure", in_.path, in_.mobile);
  // Ewald and DSF assume a neutral cell; a charge left over means the force field's charges do not
  // fit this composition.
  if (const double q = s_->total_charge(); std::abs(q) > 1e-6 * s_->n_atoms())
    fail("{}: with the charges of {} the supercell carries {:.6g} e, not 0: Coulomb sums need a neutral cell "
         "(check [charges] against the composition)",
         in_.path, ff.source, q);
  log::info("md: {} atoms ({} mobile), box volume {:.1f} Å^3, force field {}", s_->n_atoms(), in_.mobile,
            s_->box.volume(), ff.name);
  if (mpi::size() > 1) {
    if (in_.h5_every > 0 && !parallel_hdf5())
      fail("{}: output.h5_every: this build's HDF5 has no parallel I/O, so a run on {} ranks cannot write the HDF5 "
           "trajectory (build against libhdf5-openmpi, or set h5_every = 0)",
           in_.path, mpi::size());
    const double rl = in_.force.interaction_cutoff() + in_.force.skin;
    try {
      domain_ = std::make_shared<md::MdDomain>(mpi::Comm(), s_->box, rl, in_.grid, "[parallel] grid", in_.gpu_aware_mpi);
    } catch (const Error& e) {
      fail("{}: {}", in_.path, e.what());
    }
    whole_ = std::move(s_);
    s_ = std::make_unique<md::MdSystem>(md::MdDomain::distribute(*whole_, domain_));
  }
  fc_ = std::make_unique<md::ForceCompute>(ff, *s_, in_.force);
}

MdTemperature::~MdTemperature() = default;

bool MdTemperature::root() const { return !domain_ || domain_->grid().rank() == 0; }

md::MdSystem& MdTemperature::analysed() { return domain_ ? *whole_ : *s_; }

void MdTemperature::release_whole() {
  if (domain_ && !root()) whole_.reset();
}

void MdTemperature::log_decomposition() const {
  if (!domain_) return;
  const auto& p = domain_->grid().dims();
  const std::vector<int> mx = mpi::max_over_ranks({s_->n_atoms(), s_->n_ghost});
  log::info("md: {} ranks as a {} x {} x {} grid over a, b, c; at most {} atoms and {} ghosts per rank", domain_->grid().size(),
            p[0], p[1], p[2], mx[0], mx[1]);
}

void MdTemperature::start() {
  md::initialize_velocities(*s_, in_.initial_temperature > 0 ? in_.initial_temperature : T_, in_.integ.seed);
  integ_ = std::make_unique<md::Integrator>(*s_, *fc_, in_.integ);
  log_decomposition();
  release_whole();
  if (root()) {
    thermo_ = std::make_unique<AppendFile>(base_ + "_thermo.csv");
    thermo_->write("step,time_ps,temperature_K,ke_eV,pe_eV,pressure_GPa,conserved_eV,volume_A3,a_A,b_A,c_A,pxx_GPa,"
                   "pyy_GPa,pzz_GPa\n");
  }
  log_thermo();
  check_thermo();
}

void MdTemperature::log_thermo() {
  const md::Thermo t = integ_->thermo();
  if (thermo_)
    thermo_->write(fmt::format("{},{:.6f},{:.3f},{:.8f},{:.8f},{:.6f},{:.8f},{:.6f},{:.8f},{:.8f},{:.8f},{:.6f},{:.6f},{:.6f}\n",
                               t.step, t.time, t.temperature, t.ke, t.pe, t.pressure, t.conserved, t.volume, t.cell[0],
                               t.cell[1], t.cell[2], t.p_diag[0], t.p_diag[1], t.p_diag[2]));
  log::info("step {:>9} t {:>9.3f} ps  T {:>8.2f} K  PE {:>14.4f} eV  P {:>8.3f} GPa  V {:>10.1f} Å^3  Econs {:>14.4f} eV",
            t.step, t.time, t.temperature, t.pe, t.pressure, t.volume, t.conserved);
}

void MdTemperature::check_thermo() const {
  const md::Thermo t = integ_->thermo();
  const double ref = std::max(T_, in_.initial_temperature);
  if (!std::isfinite(t.temperature) || !std::isfinite(t.pe) || !std::isfinite(t.pressure))
    fail("md: T = {} K, step {}: the state is not finite (T {} K, PE {} eV, P {} GPa): the time step ({} ps) is too "
         "large or atoms overlap",
         T_, t.step, t.temperature, t.pe, t.pressure, in_.integ.dt);
  if (t.temperature > 10 * ref && t.temperature > 5000)
    fail("md: T = {} K, step {}: the temperature reached {:.4g} K, more than 10x the target: the system is exploding "
         "(time step {} ps too large, atoms too close, or a force field unsuited to this structure)",
         T_, t.step, t.temperature, in_.integ.dt);
}

void MdTemperature::begin_production(double time, std::int64_t xyz_resume_at) {
  production_ = true;
  // collective under mpiexec: each rank samples and screens its own ions (mobile_sampler.hpp,
  // hop_tracker.hpp)
  sampler_ = std::make_unique<md::MobileSampler>(*s_, mobile_type_);
  if (in_.hops) {
    NetworkOptions no;
    no.species = in_.mobile;
    // the site network of the same supercell: same lattice, same fractional frame as the MD box
    if (net_.n_sites() == 0) net_ = make_supercell_network(build_network(unit_, no), in_.supercell);
    tracker_ = std::make_unique<md::HopTracker>(*s_, mobile_type_, net_, in_.hop_capture_radius, time);
  }
  if (in_.h5_every > 0) h5_frames_ = std::make_unique<md::FrameStore>(*s_, -1);
  if (!root()) return;  // the text files are rank 0's
  if (in_.xyz_every > 0) xyz_ = std::make_unique<md::XyzWriter>(base_ + ".xyz", xyz_resume_at);
}

void MdTemperature::gather_for_output() {
  if (domain_) md::gather_unwrapped(*s_, whole_ ? *whole_ : *s_);
}

bool MdTemperature::advance() {
  thermo_due_ = false;
  if (!production_ && eq_done_ < in_.equilibration) {
    const long n = std::min(in_.thermo_every, in_.equilibration - eq_done_);
    integ_->run(n);
    eq_done_ += n;
    log_thermo();
    check_thermo();
    thermo_due_ = true;
    return false;
  }
  if (!production_) {
    begin_production(integ_->thermo().time);
    sampler_->sample(*s_);
    if (h5_frames_) {
      h5_frames_->add(*s_);
      h5_time_.push_back(integ_->thermo().time);
    }
  }
  const long k = ++prod_done_;
  integ_->run(1);
  const double time = integ_->thermo().time;
  const bool sample = k % in_.sample_every == 0;
  // hop detection on its own stride: an ion must not cross a site's capture sphere unseen
  const bool hops = in_.hops && k % in_.hop_every == 0;
  const bool xyz = in_.xyz_every > 0 && k % in_.xyz_every == 0;
  const bool h5 = in_.h5_every > 0 && k % in_.h5_every == 0;
  if (sample) {
    sampler_->sample(*s_);
    const md::Thermo& t = integ_->thermo();
    for (double v : {t.pressure, t.volume, t.cell[0], t.cell[1], t.cell[2], t.p_diag[0], t.p_diag[1], t.p_diag[2]})
      cell_samples_.push_back(v);
  }
  if (hops) tracker_->update(*s_, time);
  if (h5) {
    h5_frames_->add(*s_);
    h5_time_.push_back(time);
  }
  if (xyz) {
    gather_for_output();
    if (root()) xyz_->write_frame(analysed(), integ_->step(), time);
  }
  if (k % in_.thermo_every == 0) {
    log_thermo();
    check_thermo();
    thermo_due_ = true;
  }
  return k >= in_.steps;
}

void MdTemperature::save(StateArrays& a) {
  // collective under mpiexec: every rank's atoms go into rank 0's copy; only rank 0's `a` is written
  if (domain_) md::gather_state(*s_, whole_ ? *whole_ : *s_);
  if (production_) sampler_->save(a);  // collective: the ranks' histories into rank 0's `a`
  if (h5_frames_) h5_frames_->save(a, "md/h5_positions");
  if (!root()) return;
  thermo_->flush();
  a.f64["md/temperature"] = {T_};
  a.i64["md/steps_done"] = {eq_done_, prod_done_, production_ ? 1 : 0};
  a.i64["md/thermo_bytes"] = {thermo_->offset()};
  md::save_system(a, analysed());
  integ_->save(a);
  if (domain_) {
    // the positions now as those of a list build: a valid list for a serial restart, which
    // rebuilds its list from them (a decomposed restart rebuilds its own)
    a.f64["neighbor/x_ref"] = md::to_vector(whole_->x);
    a.i64["neighbor/builds"] = {fc_->neighbor_list().n_builds()};
  } else {
    fc_->neighbor_list().save(a);
  }
  if (!production_) return;
  if (tracker_) tracker_->save(a);
  if (xyz_) {
    xyz_->file().flush();
    a.i64["md/xyz_bytes"] = {xyz_->file().offset()};
  }
  a.f64["md/h5_time"] = h5_time_;
  a.f64["md/cell_samples"] = cell_samples_;
}

void MdTemperature::restore(const StateArrays& a) {
  if (a.scalar("md/temperature") != T_) fail("checkpoint: it is of T = {} K, not {} K", a.scalar("md/temperature"), T_);
  const auto& done = a.ints("md/steps_done", 3);
  integ_ = std::make_unique<md::Integrator>(*s_, *fc_, in_.integ);
  if (domain_) {
    // every rank read the checkpoint: the whole state, then this rank's part of it; the ghosts and
    // the list come with the next force computation
    md::restore_system(a, *whole_);
    *s_ = md::MdDomain::distribute(*whole_, domain_);
    integ_->restore(a);
    fc_->neighbor_list().restore_count(a);
  } else {
    md::restore_system(a, *s_);
    fc_->set_box(*s_);  // a barostat may have changed the cell
    integ_->restore(a);
    fc_->neighbor_list().restore(a, *s_);
  }
  log_decomposition();
  eq_done_ = static_cast<long>(done[0]);
  prod_done_ = static_cast<long>(done[1]);
  if (root()) thermo_ = std::make_unique<AppendFile>(base_ + "_thermo.csv", a.integer("md/thermo_bytes"));
  if (done[2] != 0) {
    begin_production(0, in_.xyz_every > 0 ? a.integer("md/xyz_bytes") : -1);  // its objects, then their saved state
    sampler_->restore(a);
    if (a.f64.count("md/cell_samples")) cell_samples_ = a.doubles("md/cell_samples");
    if (tracker_) tracker_->restore(*s_, a);
    if (h5_frames_) {
      h5_frames_->restore(a, "md/h5_positions");
      h5_time_ = a.doubles("md/h5_time");
    }
  }
  release_whole();
}

std::vector<std::string> MdTemperature::finish(bool partial, std::vector<md::DirectedRates>& rates) {
  // the transport sums are collective: every rank adds its ions' part
  const bool enough = production_ && sampler_->n_samples() >= md::MobileSampler::min_samples(std::max(in_.blocks, 2));
  const md::HopDetector* hops = tracker_ && tracker_->holds_detector() ? &tracker_->detector() : nullptr;
  // the block count must be the same on every rank (block_msd is collective); the hops are rank 0's
  const double sample_ps = in_.sample_every * in_.integ.dt, prod_ps = prod_done_ * in_.integ.dt;
  const long n_hops = in_.hops ? mpi::max_over_ranks({hops ? static_cast<int>(hops->events().size()) : 0})[0] : 0;
  const double residence = in_.hops && production_ ? md::mean_residence_time(n_hops, sampler_->n_ions(), prod_ps) : -1.0;
  const md::BlockChoice blocks =
      md::choose_blocks(in_.blocks, production_ ? sampler_->n_samples() : 0, sample_ps, residence);
  TransportResult tr;
  if (enough) tr = md_transport(*sampler_, blocks.blocks, sample_ps, T_, s_->box.volume());
  // the HDF5 trajectory too (each rank writes its atoms); its failure is reported after the JSON
  std::optional<OutputError> h5_failed;
  if (enough && h5_frames_) try {
      write_h5_trajectory(base_ + "_traj.h5", *h5_frames_, h5_time_, root() ? analysed() : *s_, hops);
    } catch (const OutputError& e) {
      h5_failed = e;
    }
  if (!root()) {
    if (h5_failed) throw *h5_failed;
    return {};
  }
  std::vector<std::string> files{base_ + "_thermo.csv"};
  thermo_->close();
  if (xyz_) xyz_->file().close(), files.push_back(base_ + ".xyz");
  if (!enough) {
    log::warn("md: T = {} K: {} production samples, too few for {} blocks: no transport written", T_,
              production_ ? sampler_->n_samples() : 0, in_.blocks);
    return files;
  }
  md::MdSystem& w = analysed();
  MdSummary m{in_.path, T_, prod_done_, partial, integ_->thermo(), cell_samples_, blocks, residence};
  if (blocks.reliable != 1) log::warn("md: T = {} K: transport: {}", T_, blocks.note);
  write_md_json(base_ + "_md.json", m, in_, w, *sampler_, tr, hops, net_);
  files.push_back(base_ + "_md.json");
  if (h5_failed) throw *h5_failed;
  if (h5_frames_) files.push_back(base_ + "_traj.h5");
  if (hops)
    fmt::print("hops: {} on the network ({} of them through a third site's region), {} off the network (capture radius {} Å)\n",
               hops->events().size() - hops->off_network_hops(), hops->through_hops(), hops->off_network_hops(),
               in_.hop_capture_radius);
  fmt::print("blocks: {} of {:.4g} ps; mean residence time {}\n", blocks.blocks, blocks.block_ps,
             residence < 0 ? std::string("unknown (no hop detection)") : fmt::format("{:.4g} ps", residence));
  fmt::print("D* = {:.3e} ± {:.1e} cm²/s, D_J = {:.3e} ± {:.1e} cm²/s, H_R = {:.3f} ± {:.3f}, σ = {:.3e} ± {:.1e} S/cm{}\n",
             tr.d_tracer.value, tr.d_tracer.stderr_, tr.d_collective.value, tr.d_collective.stderr_, tr.haven.value,
             tr.haven.err, tr.sigma.value, tr.sigma.err, partial ? " (partial run)" : "");
  if (hops && !partial) rates.push_back({T_, hops->directed_hops(), hops->directed_exposure()});
  return files;
}

void MdTemperature::discard() {
  if (!root()) return;
  thermo_.reset();
  xyz_.reset();
  std::error_code ec;
  for (const char* suffix : {"_thermo.csv", ".xyz", "_md.json", "_traj.h5"}) std::filesystem::remove(base_ + suffix, ec);
}

}  // namespace ionhop::app
