#pragma once
// Whether the executed hops happen next to dopants (doc/theory/transport.md §10): the fraction of
// executed production hops that pass near a dopant, against the fraction of the network's directed
// hops that do (the enrichment: > 1 means hops next to dopants are used more than their share).
#include <cstdint>

#include "engine/kmc/kmc_samples.hpp"

namespace ionhop {

struct DopantHopStats {
  bool present = false;               // the run counted hops near dopants (else every field is unset)
  std::int64_t executed_near = 0;     // production hops near a dopant, summed over replicas
  std::int64_t executed_far = 0;      // and far from one
  std::int64_t available_near = 0;    // directed network hops near a dopant, summed over replicas
  std::int64_t available = 0;         // directed network hops, summed over replicas
  int replicas_used = 0;              // replicas with at least one executed hop (the means below)
  double near_fraction = 0;           // f: mean over replicas of near / (near + far)
  double near_fraction_err = 0;       // its standard error over replicas (0 with one replica)
  double available_fraction = 0;      // a: mean over replicas of available_near / available
  double enrichment = 0;              // f / a (NaN if a = 0 or no hop was executed)
  double enrichment_err = 0;          // standard error of f / a over replicas (delta method)
};

// From the per-replica counts of the samples; present = false when they are empty. Throws Error
// when their sizes do not match the replicas.
DopantHopStats dopant_hop_stats(const KmcSamples& s);

}  // namespace ionhop
