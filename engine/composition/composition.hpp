#pragma once
// Decorating a supercell (ARCHITECTURE.md §2 composition/): which species sits on each mixed
// framework site, which dopants replace which hosts, how many mobile ions there are and where.
// Each replica gets its own decoration, from (seed, global replica id): disorder average.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/crystal/crystal.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop {

struct DopantSpec {
  std::string host;            // element replaced, e.g. "Zr"; the mobile species (e.g. "Li"): its sites
  std::string dopant;          // element put in, e.g. "Sc"
  double fraction = -1;        // fraction of host atoms (or of all mobile sites) replaced (or use count)
  int count = -1;              // number of host atoms replaced per supercell
  int oxidation = 0;           // oxidation state of the dopant
};

struct CompositionSpec {
  std::vector<DopantSpec> dopants;
  std::optional<int> ions;       // mobile ions per supercell, given directly
  std::optional<int> vacancies;  // or as vacancies on the mobile sites
  // otherwise: the number of mobile ions follows charge neutrality of the decorated supercell
  // Initial placement of the mobile ions: "random" (uniform) or "boltzmann" (the exact canonical
  // distribution of non-interacting ions, P ∝ Π exp(-E_site/kT) at the run temperature;
  // doc/theory/kmc.md §1).
  std::string placement = "random";
  // Occupancy override of framework sites: site label -> element -> fraction (sum 1). Applied to
  // the unit cell by apply_occupancy before the supercell is built (decorate() never sees it).
  std::map<std::string, std::map<std::string, double>> occupancy;
};

// One decorated supercell (one replica).
struct Decoration {
  // Per supercell atom (index as in make_supercell): chosen element, "" where the site is empty
  // (partially occupied framework site left vacant).
  std::vector<std::string> framework_element;
  std::vector<std::uint8_t> occupied;  // per mobile site of the supercell network: 1 if an ion sits there
  // Dopants on mobile sites (host = the mobile species): per mobile site 0 = free, else 1 + the
  // dopant's index in spec.dopants; immobile, never entered by an ion. Empty if there are none.
  std::vector<std::uint8_t> site_dopant;
  std::vector<std::string> site_dopant_element;  // per dopant index ("" for framework dopants)
  std::vector<int> site_dopant_oxidation;        // per dopant index
  int n_ions = 0;
  double charge = 0;                   // total formal charge of the decorated cell, e (0 when neutral)
};

// Site energies (eV, per mobile site of the network) and temperature for placement = "boltzmann".
struct PlacementWeights {
  const std::vector<double>* site_energy = nullptr;
  double temperature = 0;  // K
};

// The decoration of one replica from (seed, global replica id): counter-based Philox, so it does
// not depend on which rank or block builds it. `supercell` is the supercell Crystal (atom index as
// in make_supercell; may have no atoms for bare lattices), `net` its mobile-site network.
// Rules (doc/theory/kmc.md): per crystallographic site, round(occupancy x atoms) atoms of each
// framework element (largest remainders keep the site total), placed at random; dopants replace
// random host atoms, or (host = the mobile species) random mobile sites, which then hold no ion;
// n_ions from charge neutrality unless ions/vacancies are given; ions placed on random free mobile
// sites. Impossible requests throw ionhop::Error.
Decoration decorate(const Crystal& supercell, const SiteNetwork& net, const CompositionSpec& spec,
                    std::uint64_t seed, std::uint64_t replica, const PlacementWeights& weights = {});

// Number of mobile ions the spec gives for this supercell (same for every replica).
int count_mobile_ions(const Crystal& supercell, const SiteNetwork& net, const CompositionSpec& spec);

}  // namespace ionhop
