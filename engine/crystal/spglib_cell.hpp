#pragma once
// Internal to engine/crystal: spglib on the expanded cell of a Crystal.
#include <memory>
#include <vector>

#include "engine/crystal/crystal.hpp"

#include <spglib.h>

namespace ionhop {

struct SpglibDatasetDeleter {
  void operator()(SpglibDataset* d) const;
};
using SpglibDatasetPtr = std::unique_ptr<SpglibDataset, SpglibDatasetDeleter>;

// spg_get_dataset on c.atoms; the atom type is the site's occupant signature (elements and
// occupancies), so mixed and partial sites are distinct types. Throws naming c.source.
SpglibDatasetPtr spglib_dataset(const Crystal& c, double symprec);

// Merge the sites of c whose atoms spglib finds symmetry-equivalent (one site per orbit,
// labelled element + running number: Na1, Na2, ...). For inputs without site labels (POSCAR).
void group_sites_by_symmetry(Crystal& c, double symprec);

}  // namespace ionhop
