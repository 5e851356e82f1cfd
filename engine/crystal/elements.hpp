#pragma once
// Per-element facts used by the crystal readers: symbol check and atomic mass (gemmi's periodic table),
// default oxidation states (default_oxidation_state in read_structure.hpp) and Pauling
// electronegativities (element order in formulas).
#include <string>

namespace ionhop {

// True if `symbol` is a chemical element written canonically ("Na", not "NA" or "Na1").
bool is_element_symbol(const std::string& symbol);
// Standard atomic weight, u (gemmi's table, as the MD masses: Li 6.941, Na 22.98977); errors on a
// symbol that is not an element.
double atomic_mass(const std::string& symbol);
// Pauling electronegativity; elements without a value (noble gases) sort last (4.5).
double electronegativity(const std::string& symbol);

}  // namespace ionhop
