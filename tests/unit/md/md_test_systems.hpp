#pragma once
// Test systems for the MD unit tests: Na2O (antifluorite) in its primitive fcc cell — a genuinely
// triclinic box (60° angles) — replicated n x n x n and randomly perturbed, with Teter/Du or
// Pedone charges (Na +0.6, O -1.2: neutral).
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/md/force_field.hpp"
#include "engine/md/md_structure.hpp"
#include "engine/md/md_system.hpp"

namespace ionhop::md::test {

inline std::string potential(const std::string& name) { return std::string(IONHOP_REPO_DIR) + "/potentials/" + name; }

// How many atoms of element `el` the structure holds.
inline int count_element(const MdAtoms& at, const std::string& el) {
  return static_cast<int>(std::count(at.element.begin(), at.element.end(), el));
}

// a: cubic lattice constant (Å); perturb: max displacement per Cartesian component (Å).
inline MdAtoms na2o_atoms(int n, double perturb, unsigned seed, double a = 5.55) {
  MdAtoms at;
  const Mat3 prim{{{0, a / 2, a / 2}, {a / 2, 0, a / 2}, {a / 2, a / 2, 0}}};
  for (int d = 0; d < 3; ++d) at.cell[d] = static_cast<double>(n) * prim[d];
  const Vec3 basis[3] = {{0, 0, 0}, {0.25, 0.25, 0.25}, {0.75, 0.75, 0.75}};
  const char* el[3] = {"O", "Na", "Na"};
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  const Mat3 inv_t = inverse(transpose(at.cell));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        for (int b = 0; b < 3; ++b) {
          Vec3 f{(basis[b][0] + i) / n, (basis[b][1] + j) / n, (basis[b][2] + k) / n};
          const Vec3 dr{perturb * u(rng), perturb * u(rng), perturb * u(rng)};
          f += matvec(inv_t, dr);
          at.frac.push_back(f);
          at.element.push_back(el[b]);
        }
  return at;
}

}  // namespace ionhop::md::test
