#pragma once
// ForceCompute: forces, potential energy and virial of an MdSystem for one force field — a
// short-range pair style (Buckingham or Morse) plus Coulomb by DSF or Ewald — dispatched at run
// time onto one generic pair kernel templated on (style, Coulomb, energy flag).
#include <algorithm>
#include <memory>
#include <optional>
#include <variant>

#include <Kokkos_ScatterView.hpp>

#include "engine/core/units.hpp"
#include "engine/md/ewald.hpp"
#include "engine/md/force_field.hpp"
#include "engine/md/md_system.hpp"
#include "engine/md/neighbor_list.hpp"
#include "kernels/md/coulomb.hpp"
#include "kernels/md/erfc.hpp"

namespace ionhop::md {

enum class CoulombKind { None, Dsf, Ewald };

struct ForceSettings {
  double cutoff_sr = 10.0;      // short-range cutoff, Å
  double cutoff_coul = 10.0;    // real-space Coulomb cutoff, Å
  double skin = 1.0;            // Verlet skin, Å
  bool shift_sr = false;        // shift the short-range energy to zero at cutoff_sr (forces unchanged)
  CoulombKind coulomb = CoulombKind::Dsf;
  double dsf_alpha = 0.2;       // DSF damping, 1/Å
  double ewald_accuracy = 1e-6; // relative accuracy target of the Ewald sum
  double ewald_alpha = 0;       // 0: from the accuracy and cutoff_coul
  double ewald_kcut = 0;        // 0: from the accuracy and alpha
  // Ewald real space as LAMMPS coul/long (table 0): A&S polynomial erfc and 2/sqrt(pi) rounded to
  // 1.12837917; off (default): exact erfc and constant. DSF always uses the exact erfc.
  bool lammps_coul_long = false;
  // e^2/(4 pi eps0) in eV·Å; LAMMPS metal units use 14.399645 (set it to compare with LAMMPS)
  double coulomb_constant = units::coulomb_eV_A;

  // The largest interaction cutoff (Å): what the neighbour list and the ghost layer must reach,
  // plus the skin.
  double interaction_cutoff() const { return std::max(cutoff_sr, coulomb == CoulombKind::None ? 0.0 : cutoff_coul); }
};

class ForceCompute {
 public:
  ForceCompute(const ForceField& ff, const MdSystem& s, const ForceSettings& fs);

  // Zero and recompute s.f (rebuilding the neighbour list when needed); with need_ev also the
  // potential energy and virial of the whole system (summed over ranks; else zero).
  md_kernels::EnergyVirial compute(MdSystem& s, bool need_ev);

  // The box of s was strained by diag(mu) about the origin (barostat): neighbour list and Ewald
  // k vectors follow. set_box: the box was replaced (restart); the list is rebuilt by the caller.
  void strain(const MdSystem& s, const double mu[3]);
  void set_box(const MdSystem& s);

  NeighborList& neighbor_list() { return nlist_; }
  const ForceSettings& settings() const { return fs_; }
  double ewald_alpha() const { return kspace_ ? kspace_->alpha() : 0.0; }
  int ewald_kvectors() const { return kspace_ ? kspace_->n_kvectors() : 0; }
  double dsf_e_shift() const { return e_shift_; }
  double dsf_f_shift() const { return f_shift_; }

 private:
  using ScatterF = Kokkos::Experimental::ScatterView<double* [3], Kokkos::View<double* [3], MemSpace>::array_layout,
                                                     ExecSpace, Kokkos::Experimental::ScatterSum>;
  using SrVariant = std::variant<md_kernels::Buckingham<MemSpace>, md_kernels::Morse<MemSpace>>;
  using CoulVariant =
      std::variant<md_kernels::CoulombNone, md_kernels::CoulombDsf<md_kernels::ErfcExact>,
                   md_kernels::CoulombEwaldReal<md_kernels::ErfcExact>,
                   md_kernels::CoulombEwaldReal<md_kernels::ErfcPoly>>;

  ForceSettings fs_;
  NeighborList nlist_;
  SrVariant sr_;
  CoulVariant coul_;
  std::optional<EwaldKSpace> kspace_;
  double e_shift_ = 0, f_shift_ = 0;
  double e_self_dsf_ = 0;  // constant DSF self energy, eV
  ScatterF scatter_;
  Kokkos::View<double* [3], MemSpace> scatter_target_;  // the s.f scatter_ was made for
};

}  // namespace ionhop::md
