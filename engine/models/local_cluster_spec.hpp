#pragma once
// Energy model "local_cluster_expansion" (doc/theory/kmc.md §10, file format doc/model-files.md):
// host-side parameters as read from an ionhop TOML model file or a kMCpy model file (JSON).
// Each hop joins a centre site (crystallographic label `centre`) and one mobile site of the
// centre's local environment; its barrier comes from two cluster expansions over that
// environment (Deng et al., Nat. Commun. 13, 4470 (2022); the kMCpy code):
//   σ_k = -1 if environment site k holds its species (the mobile ion, or a framework element),
//         +1 otherwise (vacancy, or any other element);
//   E_X = empty_cluster_X + Σ_orbits ECI_o Σ_{clusters c in o} Π_{k in c} σ_k   (X = KRA, site);
//   E_a = E_KRA + dir · E_site / 2,  dir = +1 from the centre, -1 towards it;  Γ = ν exp(-E_a / kT).
// The device form is kernels/kmc/local_cluster.hpp; engine/models/local_environments.hpp maps the
// environment onto a supercell.
#include <string>
#include <vector>

#include "engine/core/vec3.hpp"

namespace ionhop {

struct ClusterExpansionSpec {
  double empty_cluster = 0;                            // eV
  std::vector<double> eci;                             // eV, one per orbit
  std::vector<std::vector<std::vector<int>>> orbits;   // per orbit its clusters (environment indices)
};

struct EnvironmentSiteSpec {
  Vec3 offset{};        // Cartesian Å from the centre (the structure's standard orientation)
  std::string species;  // σ = -1 when this species sits on the site
};

struct LocalClusterSpec {
  std::string source;              // file it was read from ("" if built in code)
  std::string species;             // mobile species, e.g. "Na"
  double attempt_frequency = 0;    // ν, Hz
  std::string centre;              // label of the centre sites, e.g. "Na1"
  // Where the environment's σ of a hop towards the centre is read (doc/theory/kmc.md §10):
  // "canonical": in the state with the ion on the centre (E_KRA, E_site of a hop pair are one
  // pair of numbers; forward/backward rates obey detailed balance with E_site); "current": in the
  // present state, as kMCpy evaluates it (the target of a backward hop counts as occupied).
  std::string environment_rule = "canonical";
  std::vector<EnvironmentSiteSpec> environment;
  bool has_template_centre = false;
  Vec3 template_centre{};          // Cartesian Å of the centre whose environment `environment` lists
  double tolerance = 0.3;          // Å, matching environment sites to the structure
  ClusterExpansionSpec kra, site;

  // Largest distance of a mobile environment site from the centre, Å.
  double mobile_range() const;
};

// Checks indices, sizes and the limit of 16 environment sites; throws ionhop::Error naming `where`.
void check_local_cluster(const LocalClusterSpec& spec, const std::string& where);

// Correlation vector of an expansion (one Σ_clusters Π σ per orbit) for the environment code
// `code` (bit k set: σ_k = -1), and E of the expansion there (eV).
std::vector<double> cluster_correlations(const ClusterExpansionSpec& x, unsigned code);
double cluster_energy(const ClusterExpansionSpec& x, unsigned code);

// A kMCpy model file (filetype "kmcpy.model_file", model_type "composite_lce"; ECIs in meV), as a
// spec; `nu` and `rule` are not in that file and come from the caller.
LocalClusterSpec read_kmcpy_model(const std::string& file, double nu, const std::string& rule);

// ECIs (meV in the file) of the form of Deng et al.'s published parameter file
// (nasicon_model_parameters.json: kra/site -> empty_cluster_meV, keci_meV) into `spec`; the
// number of ECIs must match the orbits.
void read_eci_json(const std::string& file, LocalClusterSpec& spec, const std::string& where);

}  // namespace ionhop
