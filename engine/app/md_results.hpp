#pragma once
// The files of one `ionhop md` temperature besides the thermo table and XYZ trajectory
// (doc/md-input.md, Output): the JSON summary (transport from block MSDs, hop statistics) and the
// HDF5 trajectory. Each is written atomically with its status checked (OutputError on failure).
#include <string>
#include <vector>

#include "engine/analysis/transport.hpp"
#include "engine/md/hop_detector.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/md_system.hpp"
#include "engine/md/mobile_sampler.hpp"
#include "engine/md/transport_blocks.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::app {

struct MdInput;

// D*, D_J, H_R and σ from the sampler's blocks (KMC's estimators: blocks act as replicas); samples
// every sample_ps ps.
TransportResult md_transport(const md::MobileSampler& sampler, int blocks, double sample_ps, double T, double volume);

struct MdSummary {
  std::string input_path;
  double temperature = 0;
  long production_steps = 0;   // done (fewer than asked when partial)
  bool partial = false;
  md::Thermo final_thermo;
  std::vector<double> cell_samples;  // per production sample: P, V, |a|, |b|, |c|, Pxx, Pyy, Pzz
  md::BlockChoice blocks;            // blocks used, their length and whether they span enough hops
  double residence_ps = -1;          // mean residence time (< 0: unknown, inf: no hops)
};
void write_md_json(const std::string& path, const MdSummary& m, const MdInput& in, const md::MdSystem& s,
                   const md::MobileSampler& sampler, const TransportResult& tr, const md::HopDetector* hops,
                   const SiteNetwork& net);

}  // namespace ionhop::app
