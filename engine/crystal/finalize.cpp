// finalize_crystal: validation of a Crystal (cell, species, occupancies, distances) and its
// symmetry (space group, Wyckoff letters, multiplicities) from spglib.
#include <cmath>
#include <cstring>
#include <set>

#include <fmt/format.h>
#include <spglib.h>

#include "engine/core/error.hpp"
#include "engine/crystal/elements.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/spglib_cell.hpp"

namespace ionhop {

namespace {

constexpr double kOccTol = 1e-3;  // occupancy sums may exceed 1 by this (rounded CIF values)

bool finite(const Vec3& v) { return std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]); }
std::string fmt_frac(const Vec3& f) { return fmt::format("({:.4f}, {:.4f}, {:.4f})", f[0], f[1], f[2]); }

void validate_cell(const Crystal& c) {
  const std::string& src = c.source;
  for (const Vec3& r : c.lattice.rows)
    if (!finite(r)) fail("{}: cell vectors are not finite numbers", src);
  const double v = c.lattice.volume();
  if (v < -1e-6) fail("{}: cell is left-handed (volume {:.4g} Å^3 < 0); use a right-handed cell", src, v);
  const double abc = norm(c.lattice.rows[0]) * norm(c.lattice.rows[1]) * norm(c.lattice.rows[2]);
  if (!(v > 1e-6 * abc))  // relative to a*b*c, so a flat cell is caught whatever its size
    fail("{}: cell volume is zero ({:.4g} Å^3): missing or degenerate cell (impossible angles?)", src, v);
}

void validate_sites(const Crystal& c) {
  const std::string& src = c.source;
  if (c.sites.empty() || c.atoms.empty()) fail("{}: no atoms in the structure", src);
  for (const CrystalSite& s : c.sites) {
    if (s.occupants.empty()) fail("{}: site '{}' has no species", src, s.label);
    std::set<std::string> seen;
    for (const Occupant& o : s.occupants) {
      if (!is_element_symbol(o.element))
        fail("{}: site '{}': unknown element '{}'", src, s.label, o.element);
      if (!seen.insert(o.element).second)
        fail("{}: site '{}': element {} given twice on one position (duplicate atom rows?)", src, s.label,
             o.element);
      if (!(o.occupancy > 0.0 && o.occupancy <= 1.0 + 1e-9))
        fail("{}: site '{}': occupancy {} of {} is outside (0, 1]", src, s.label, o.occupancy, o.element);
    }
    const double sum = s.total_occupancy();
    if (sum > 1.0 + kOccTol)
      fail("{}: site '{}' at {}: occupancies sum to {:.4f} > 1 on one position", src, s.label, fmt_frac(s.frac),
           sum);
  }
  std::vector<int> count(c.sites.size(), 0);
  for (const CellAtom& a : c.atoms) {
    if (a.site < 0 || a.site >= static_cast<int>(c.sites.size()))
      fail("{}: atom refers to site {} of {}", src, a.site, c.sites.size());
    if (!finite(a.frac)) fail("{}: site '{}': position is not a finite number", src, c.sites[a.site].label);
    ++count[a.site];
  }
  for (size_t i = 0; i < c.sites.size(); ++i)
    if (count[i] == 0) fail("{}: site '{}' has no atoms in the cell", src, c.sites[i].label);
}

// Pairs of atoms closer than min_distance over all periodic images (exact for skewed cells:
// only the integer shifts that can bring a pair within min_distance are tried).
void validate_distances(const Crystal& c, const ReadOptions& opt) {
  const Lattice& L = c.lattice;
  const Mat3 inv = inverse(L.rows);
  std::array<double, 3> reach{};
  for (int i = 0; i < 3; ++i)
    reach[i] = opt.min_distance * std::sqrt(inv[0][i] * inv[0][i] + inv[1][i] * inv[1][i] + inv[2][i] * inv[2][i]);
  const double tiny = std::min(opt.merge_distance, opt.min_distance);
  auto partial = [&](int site) { return c.sites[site].total_occupancy() < 1.0 - kOccTol; };
  const size_t n = c.atoms.size();
  for (size_t a = 0; a < n; ++a)
    for (size_t b = a; b < n; ++b) {
      const Vec3 d0 = min_image_frac(c.atoms[b].frac - c.atoms[a].frac);
      double best = 1e300;
      for (int i = int(std::ceil(-d0[0] - reach[0])); i <= int(std::floor(-d0[0] + reach[0])); ++i)
        for (int j = int(std::ceil(-d0[1] - reach[1])); j <= int(std::floor(-d0[1] + reach[1])); ++j)
          for (int k = int(std::ceil(-d0[2] - reach[2])); k <= int(std::floor(-d0[2] + reach[2])); ++k) {
            if (a == b && i == 0 && j == 0 && k == 0) continue;
            best = std::min(best, norm(L.to_cart({d0[0] + i, d0[1] + j, d0[2] + k})));
          }
      if (best >= opt.min_distance) continue;
      const int sa = c.atoms[a].site, sb = c.atoms[b].site;
      const std::string& la = c.sites[sa].label;
      const std::string& lb = c.sites[sb].label;
      if (a == b)
        fail("{}: site '{}' at {} is within {:.3f} Å of its own periodic image (cell too small)", c.source, la,
             fmt_frac(c.atoms[a].frac), best);
      if (best < tiny)
        fail("{}: sites '{}' and '{}' share the position {} (d = {:.4f} Å): duplicate atoms; write a mixed "
             "site as rows at exactly the same coordinates",
             c.source, la, lb, fmt_frac(c.atoms[a].frac), best);
      if (partial(sa) && partial(sb)) continue;  // split / alternative sites: legal
      fail("{}: atoms of sites '{}' at {} and '{}' at {} are {:.3f} Å apart (< {} Å) and not both partially "
           "occupied",
           c.source, la, fmt_frac(c.atoms[a].frac), lb, fmt_frac(c.atoms[b].frac), best, opt.min_distance);
    }
}

std::string trimmed(const char* s) {
  std::string r(s);
  while (!r.empty() && r.back() == ' ') r.pop_back();
  return r;
}

}  // namespace

void finalize_crystal(Crystal& c, const ReadOptions& opt) {
  if (!(opt.symprec > 0.0)) fail("{}: symmetry tolerance must be > 0 (got {})", c.source, opt.symprec);
  validate_cell(c);
  validate_sites(c);
  for (CellAtom& a : c.atoms) a.frac = wrap01(a.frac);
  validate_distances(c, opt);

  const SpglibDatasetPtr ds = spglib_dataset(c, opt.symprec);
  SymmetryInfo& sym = c.symmetry;
  sym.number = ds->spacegroup_number;
  sym.international = trimmed(ds->international_symbol);
  sym.hall = trimmed(ds->hall_symbol);
  sym.symprec = opt.symprec;
  sym.ops.clear();
  for (int o = 0; o < ds->n_operations; ++o) {
    SymOp op;
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) op.rot[i][j] = ds->rotations[o][i][j];
      op.trans[i] = ds->translations[o][i];
    }
    sym.ops.push_back(op);
  }
  std::vector<int> first_atom(c.sites.size(), -1);
  for (CrystalSite& s : c.sites) s.multiplicity = 0;
  for (size_t i = 0; i < c.atoms.size(); ++i) {
    const int s = c.atoms[i].site;
    ++c.sites[s].multiplicity;
    if (first_atom[s] < 0) first_atom[s] = static_cast<int>(i);
  }
  for (size_t s = 0; s < c.sites.size(); ++s) {
    const int a = first_atom[s];
    c.sites[s].wyckoff = static_cast<char>('a' + ds->wyckoffs[a]);
    if (ds->wyckoffs[a] == 26) c.sites[s].wyckoff = 'A';  // ITA's 27th letter (alpha), only in Pm-3m
    c.sites[s].site_symmetry = trimmed(ds->site_symmetry_symbols[a]);
  }
}

}  // namespace ionhop
