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
  std::string host;            // element replaced, e.g. "Zr"
  std::string dopant;          // element put in, e.g. "Sc"
  double fraction = -1;        // fraction of host atoms replaced (or use count)
  int count = -1;              // number of host atoms replaced per supercell
  int oxidation = 0;           // oxidation state of the dopant
};

struct CompositionSpec {
  std::vector<DopantSpec> dopants;
  std::optional<int> ions;       // mobile ions per supercell, given directly
  std::optional<int> vacancies;  // or as vacancies on the mobile sites
  // otherwise: the number of mobile ions follows charge neutrality of the decorated supercell
};

// One decorated supercell (one replica).
struct Decoration {
  // Per supercell atom (index as in make_supercell): chosen element, "" where the site is empty
  // (partially occupied framework site left vacant).
  std::vector<std::string> framework_element;
  std::vector<std::uint8_t> occupied;  // per mobile site of the supercell network: 1 if an ion sits there
  int n_ions = 0;
  double charge = 0;                   // total formal charge of the decorated cell, e (0 when neutral)
};

}  // namespace ionhop
