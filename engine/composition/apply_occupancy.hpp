#pragma once
// [composition] occupancy: new occupants for mixed framework sites of the unit cell, e.g.
// Na(1+x)Zr2Si(x)P(3-x)O12 for any x from the one Na3Zr2Si2PO12 structure file.
#include <map>
#include <string>

#include "engine/composition/composition.hpp"

namespace ionhop {

// Replaces the occupants of every site named in spec.occupancy (a site label of the structure
// file, or the label of any CIF row merged into that mixed site) by the given elements and
// fractions. Oxidation state of an element: `oxidation` (the input's [structure] oxidation) >
// the site's old occupant of that element > another site's > default_oxidation_state. A site
// that holds the mobile species, or would get it, is refused: the ion count follows from
// [composition] ions/vacancies or charge neutrality. Errors name "<where>.occupancy.<label>".
void apply_occupancy(Crystal& unit, const CompositionSpec& spec, const std::string& mobile, const std::string& where,
                     const std::map<std::string, int>& oxidation = {});

// "" or why a supercell of `cells` unit cells cannot hold the fractions of spec.occupancy exactly
// (decorate() rounds per site, so the ion count follows the rounded framework): for a warning.
std::string occupancy_rounding(const Crystal& unit, const CompositionSpec& spec, int cells);

// Reduced formula of `unit` with `ions_per_cell` mobile ions per cell (the count a run uses, from
// the decorated supercell) instead of the structure file's occupancy of the mobile sites.
std::string simulated_formula(const Crystal& unit, const std::string& mobile, double ions_per_cell);

}  // namespace ionhop
