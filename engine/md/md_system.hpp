#pragma once
// MdSystem: the state of an MD run as Kokkos Views (positions, velocities, forces, image counters,
// types, charges, masses) in a triclinic periodic box in LAMMPS orientation. Units: Å, Å/ps, eV/Å,
// e, amu (engine/core/units.hpp).
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Kokkos_Core.hpp>

#include "engine/core/vec3.hpp"
#include "kernels/md/md_common.hpp"

namespace ionhop::md {

using ExecSpace = Kokkos::DefaultExecutionSpace;
using MemSpace = ExecSpace::memory_space;

class MdDomain;

// One rank's part of the system. Serial: every atom is owned (rows 0 .. n_atoms()). Domain
// decomposition (md_domain.hpp): rows 0 .. n_owned are the atoms this rank owns and integrates,
// rows n_owned .. n_owned + n_ghost are ghost copies (periodic images included) of atoms within
// cutoff + skin of its sub-box: positions, types, charges and ids are kept current, velocities,
// forces and image counters of ghosts are not used. Views may hold spare rows beyond those.
struct MdSystem {
  md_kernels::Box box;
  std::vector<std::string> species;  // name of each type
  std::vector<double> type_charge;   // e
  std::vector<double> type_mass;     // amu
  Kokkos::View<double* [3], MemSpace> x, v, f;
  Kokkos::View<int* [3], MemSpace> image;  // periodic crossings: unwrapped = x + image·h
  Kokkos::View<int*, MemSpace> type;
  Kokkos::View<double*, MemSpace> q, mass;
  Kokkos::View<std::int64_t*, MemSpace> id;  // global atom id: the index in the whole system
  // Hop detection (hop_tracker.hpp): the site a mobile ion is assigned to (-1: none, or not
  // tracked) and 1 while it is on an excursion. They travel with the atom between ranks.
  Kokkos::View<int*, MemSpace> hop_site, hop_watch;
  int n_owned = 0, n_ghost = 0;
  std::shared_ptr<MdDomain> domain;  // null: serial, periodic images by minimum image

  int n_atoms() const { return n_owned; }  // owned atoms (all of them when serial)
  int n_local() const { return n_owned + n_ghost; }
  long n_global() const;  // atoms of the whole system (over all ranks)
  int n_types() const { return static_cast<int>(species.size()); }
  double total_charge() const;  // whole system
  // Cell vectors a, b, c as rows (Cartesian Å, LAMMPS orientation).
  Mat3 cell() const;
};

// Box in LAMMPS orientation from any right-handed cell (rows a, b, c); throws if left-handed or
// degenerate. Cartesian positions given in the original frame are rotated by `to_box_frame`.
md_kernels::Box box_from_cell(const Mat3& rows);
Vec3 to_box_frame(const Mat3& rows, const md_kernels::Box& box, const Vec3& cart);

// Build a system from fractional coordinates and a type per atom. Charges and masses per type.
MdSystem make_system(const Mat3& cell_rows, const std::vector<Vec3>& frac, const std::vector<int>& types,
                     const std::vector<std::string>& species, const std::vector<double>& type_charge,
                     const std::vector<double>& type_mass);

// Sums over the ranks of a domain-decomposed system (rank order, the same bits on every rank);
// the values themselves when serial.
double sum_over_ranks(const MdSystem& s, double local);
std::vector<double> sum_over_ranks(const MdSystem& s, const std::vector<double>& local);
// True on the rank that adds the system-wide terms (k-space energy, self energies) to sums.
bool adds_global_terms(const MdSystem& s);

// Perpendicular widths of the box along a, b, c (Å).
std::array<double, 3> perpendicular_widths(const md_kernels::Box& box);

// Smallest perpendicular width of the box (Å): a cutoff must stay below half of it.
double min_perpendicular_width(const md_kernels::Box& box);


}  // namespace ionhop::md
