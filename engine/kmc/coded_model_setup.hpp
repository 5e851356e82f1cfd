#pragma once
// Private to engine/kmc: the coded device form of the lattice-gas model
// (kernels/kmc/coded_lattice_gas.hpp, doc/theory/kmc.md §8) from the weight form's tables.
#include <vector>

#include "engine/kmc/cell_templates.hpp"
#include "engine/kmc/ensemble_impl.hpp"
#include "kernels/kmc/coded_lattice_gas.hpp"

namespace ionhop {

// `base`: rates, partner lists (template nbr_t with J per template entry in nbr_j) and site
// energies (replica, device site). Fills `out` and returns true if (distinct site energies) ×
// (partner codes of all basis sites) fits in 15 bits; otherwise returns false (the weight form
// is used).
bool make_coded_model(const kernels::LatticeGasBase<KmcMem>& base, const SiteTemplate& nbr_t,
                      const std::vector<double>& nbr_j, kernels::CodedLatticeGasModel<KmcMem>& out);

}  // namespace ionhop
