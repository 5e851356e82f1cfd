#pragma once
// MD atoms from the composition code (engine/composition decorate(), the same [composition]
// table as `ionhop run`): framework species per supercell atom, dopants included, and the mobile
// ions on the network sites decorate() occupies, kept at the same-element minimum distance
// (doc/theory/md.md §6b). Without a [composition] table `ionhop md` uses decorate_ordered instead.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/composition/composition.hpp"
#include "engine/md/force_field.hpp"
#include "engine/md/md_structure.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::md {

struct CompositionAtoms {
  MdAtoms atoms;            // framework atoms in supercell order, then the mobile ions (network-site order)
  int n_ions = 0;           // mobile ions placed
  int n_dopants = 0;        // framework atoms that are dopants
  bool replaced = false;    // decorate()'s ion placement broke the minimum distance and was redone
  double md_charge = 0;     // Σ force-field charges, e (checked to be 0)
};

// `supercell` and `net` (mobile species = net.species) must describe the same supercell.
// Errors (ionhop::Error): a framework or dopant element without a charge in the force field
// (names the element and the potential file), a dopant whose oxidation state does not match the
// force field's charge scale, a non-neutral decoration (formal or force-field charges),
// placement other than "random", or ions that cannot be placed under the minimum distance.
CompositionAtoms decorate_with_composition(const Crystal& supercell, const SiteNetwork& net,
                                           const CompositionSpec& spec, const ForceField& ff, std::uint64_t seed,
                                           const DecorationOptions& opt = {});

// The atoms `ionhop md` simulates: with a composition, decorate_with_composition on the
// supercell and its network of `mobile` (built into `net` when empty); without one, exactly
// decorate_ordered(make_supercell(unit, n), seed, opt) as before the composition code was wired in.
MdAtoms md_atoms(const Crystal& unit, std::array<int, 3> n, const std::string& mobile,
                 const std::optional<CompositionSpec>& composition, const ForceField& ff, std::uint64_t seed,
                 const DecorationOptions& opt, SiteNetwork& net, CompositionAtoms* info = nullptr);

// Seeded exclusion-aware fill of `n` of the candidate positions (fractional, in `cell`): the same
// rule as decorate_ordered (Fisher–Yates order from std::mt19937_64(seed), greedy skip of any
// position closer than dmin to one already taken, up to `attempts` reshuffles). Returns the chosen
// candidate indices, or an empty vector with `best` = most placed when it fails.
std::vector<int> exclusion_fill(const Mat3& cell, const std::vector<Vec3>& candidates, int n, double dmin,
                                std::uint64_t seed, int attempts, int& best);

}  // namespace ionhop::md
