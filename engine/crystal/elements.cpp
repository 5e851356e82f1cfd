// Element tables: default oxidation states and Pauling electronegativities.
#include "engine/crystal/elements.hpp"

#include <map>

#include <gemmi/elem.hpp>

#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"

namespace ionhop {

bool is_element_symbol(const std::string& symbol) {
  if (symbol.empty() || symbol.size() > 2) return false;
  const gemmi::El el = gemmi::find_element(symbol.c_str());
  return el != gemmi::El::X && symbol == gemmi::element_name(el);
}

double atomic_mass(const std::string& symbol) {
  if (!is_element_symbol(symbol)) fail("'{}' is not an element symbol (no atomic mass)", symbol);
  return gemmi::molecular_weight(gemmi::find_element(symbol.c_str()));
}

int default_oxidation_state(const std::string& element) {
  // The most common formal oxidation state in ionic conductors and their frameworks
  // (doc/structure-input.md lists this table). Ambiguous ones (Fe, Mn, Co, Cu...) are a
  // choice: override them in the input ([structure] oxidation) when the compound differs.
  static const std::map<std::string, int> table = {
      {"H", 1},   {"Li", 1},  {"Na", 1},  {"K", 1},   {"Rb", 1},  {"Cs", 1},  {"Ag", 1},
      {"Be", 2},  {"Mg", 2},  {"Ca", 2},  {"Sr", 2},  {"Ba", 2},  {"Zn", 2},  {"Cd", 2},
      {"Mn", 2},  {"Fe", 3},  {"Co", 2},  {"Ni", 2},  {"Cu", 2},  {"Pb", 2},
      {"B", 3},   {"Al", 3},  {"Ga", 3},  {"In", 3},  {"Sc", 3},  {"Y", 3},   {"La", 3},
      {"Ce", 3},  {"Nd", 3},  {"Gd", 3},  {"Bi", 3},  {"Cr", 3},
      {"C", 4},   {"Si", 4},  {"Ge", 4},  {"Sn", 4},  {"Ti", 4},  {"Zr", 4},  {"Hf", 4},
      {"N", -3},  {"P", 5},   {"As", 5},  {"Sb", 5},  {"V", 5},   {"Nb", 5},  {"Ta", 5},
      {"Mo", 6},  {"W", 6},
      {"O", -2},  {"S", -2},  {"Se", -2}, {"Te", -2},
      {"F", -1},  {"Cl", -1}, {"Br", -1}, {"I", -1},
  };
  const auto it = table.find(element);
  if (it == table.end())
    fail("no default oxidation state for element '{}': give it in the input (oxidation states)", element);
  return it->second;
}

double electronegativity(const std::string& symbol) {
  // Pauling scale (CRC Handbook of Chemistry and Physics, 97th ed., "Electronegativity").
  static const std::map<std::string, double> chi = {
      {"H", 2.20},  {"Li", 0.98}, {"Be", 1.57}, {"B", 2.04},  {"C", 2.55},  {"N", 3.04},
      {"O", 3.44},  {"F", 3.98},  {"Na", 0.93}, {"Mg", 1.31}, {"Al", 1.61}, {"Si", 1.90},
      {"P", 2.19},  {"S", 2.58},  {"Cl", 3.16}, {"K", 0.82},  {"Ca", 1.00}, {"Sc", 1.36},
      {"Ti", 1.54}, {"V", 1.63},  {"Cr", 1.66}, {"Mn", 1.55}, {"Fe", 1.83}, {"Co", 1.88},
      {"Ni", 1.91}, {"Cu", 1.90}, {"Zn", 1.65}, {"Ga", 1.81}, {"Ge", 2.01}, {"As", 2.18},
      {"Se", 2.55}, {"Br", 2.96}, {"Rb", 0.82}, {"Sr", 0.95}, {"Y", 1.22},  {"Zr", 1.33},
      {"Nb", 1.6},  {"Mo", 2.16}, {"Ru", 2.2},  {"Rh", 2.28}, {"Pd", 2.20}, {"Ag", 1.93},
      {"Cd", 1.69}, {"In", 1.78}, {"Sn", 1.96}, {"Sb", 2.05}, {"Te", 2.1},  {"I", 2.66},
      {"Cs", 0.79}, {"Ba", 0.89}, {"La", 1.10}, {"Ce", 1.12}, {"Pr", 1.13}, {"Nd", 1.14},
      {"Sm", 1.17}, {"Eu", 1.2},  {"Gd", 1.2},  {"Tb", 1.1},  {"Dy", 1.22}, {"Ho", 1.23},
      {"Er", 1.24}, {"Tm", 1.25}, {"Yb", 1.1},  {"Lu", 1.27}, {"Hf", 1.3},  {"Ta", 1.5},
      {"W", 2.36},  {"Re", 1.9},  {"Os", 2.2},  {"Ir", 2.20}, {"Pt", 2.28}, {"Au", 2.54},
      {"Hg", 2.00}, {"Tl", 1.62}, {"Pb", 2.33}, {"Bi", 2.02}, {"Th", 1.3},  {"U", 1.38},
  };
  const auto it = chi.find(symbol);
  return it == chi.end() ? 4.5 : it->second;
}

}  // namespace ionhop
