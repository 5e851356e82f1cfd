// Crystal and CrystalSite queries: occupancy, composition, formal charge, reduced formula.
#include "engine/crystal/crystal.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <fmt/format.h>

#include "engine/crystal/elements.hpp"

namespace ionhop {

double CrystalSite::total_occupancy() const {
  double s = 0.0;
  for (const Occupant& o : occupants) s += o.occupancy;
  return s;
}

const Occupant* CrystalSite::find(const std::string& element) const {
  for (const Occupant& o : occupants)
    if (o.element == element) return &o;
  return nullptr;
}

std::map<std::string, double> Crystal::composition() const {
  std::map<std::string, double> comp;
  for (const CellAtom& a : atoms)
    for (const Occupant& o : sites.at(a.site).occupants) comp[o.element] += o.occupancy;
  return comp;
}

double Crystal::formal_charge() const {
  double q = 0.0;
  for (const CellAtom& a : atoms)
    for (const Occupant& o : sites.at(a.site).occupants) q += o.occupancy * o.oxidation;
  return q;
}

int Crystal::oxidation_of(const std::string& element) const {
  for (const auto& s : sites)
    for (const auto& o : s.occupants)
      if (o.element == element) return o.oxidation;
  return 0;
}

bool Crystal::has_element(const std::string& element) const {
  for (const CrystalSite& s : sites)
    if (s.find(element)) return true;
  return false;
}

namespace {

// Counts per cell carry the rounding of the file's occupancies (0.667 for 2/3): a count within
// kCountTol of an integer is taken as that integer.
constexpr double kCountTol = 0.01;
bool near_integer(double x, double tol) { return std::abs(x - std::round(x)) < tol; }

// Count as printed: up to 3 decimals, trailing zeros trimmed; a count of 1 is omitted.
std::string format_count(double n) {
  std::string s = fmt::format("{:.3f}", n);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "1" ? std::string() : s;
}

}  // namespace

std::string Crystal::formula() const {
  std::map<std::string, double> comp = composition();
  for (auto& [el, n] : comp)
    if (near_integer(n, kCountTol)) n = std::round(n);
  // Formula units per cell: the largest divisor u of the gcd of the integer counts that leaves
  // every count with at most two decimals (partial occupancies then print as decimals,
  // e.g. Li6.4La3Zr1.4Ta0.6O12 from Li51.2 La24 Zr11.2 Ta4.8 O96).
  long g = 0;
  for (const auto& [el, n] : comp)
    if (near_integer(n, kCountTol) && std::lround(n) > 0) g = std::gcd(g, std::lround(n));
  long units = 1;
  // The file's Z, when every count per formula unit stays a short decimal: the standard form
  // (Na2.6Zr2Si1.6P1.4O12 for NASICON x = 1.6, not the gcd's Na1.3ZrSi0.8P0.7O6).
  bool z_fits = formula_units > 0;
  for (const auto& [el, n] : comp) z_fits = z_fits && near_integer(1000.0 * n / formula_units, 0.01);
  if (z_fits) units = formula_units;
  for (long u = std::max(g, 1L); u >= 1 && !z_fits; --u) {
    if (g % u != 0) continue;
    bool ok = true;
    for (const auto& [el, n] : comp) ok = ok && near_integer(100.0 * n / u, 0.1);
    if (ok) {
      units = u;
      break;
    }
  }
  std::vector<std::pair<std::string, double>> order(comp.begin(), comp.end());
  // Element order: increasing Pauling electronegativity (cations first), ties by symbol.
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return electronegativity(a.first) < electronegativity(b.first);
  });
  std::string f;
  for (const auto& [el, n] : order) {
    if (n < 1e-9) continue;
    const double per_unit = n / static_cast<double>(units);
    f += el + format_count(per_unit);
  }
  return f;
}

}  // namespace ionhop
