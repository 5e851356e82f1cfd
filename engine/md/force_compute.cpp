#include "engine/md/force_compute.hpp"
#include "engine/md/md_domain.hpp"

#include <cmath>

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "kernels/md/pair_force.hpp"

namespace ionhop::md {

namespace mk = md_kernels;

namespace {
// Unshifted pair energy at r, evaluated with the device kernel on the host.
template <class P, template <class> class Style>
double pair_energy(const P& q, double r) {
  Kokkos::View<P*, Kokkos::HostSpace> v("p", 1);
  v(0) = q;
  v(0).offset = 0;
  Style<Kokkos::HostSpace> st{v, 1, 2 * r * r};
  double e = 0, f = 0;
  st.eval(0, 0, r * r, r, 1 / r, e, f);
  return e;
}
double short_range_energy(const mk::BuckinghamParams& q, double r) { return pair_energy<mk::BuckinghamParams, mk::Buckingham>(q, r); }
double short_range_energy(const mk::MorseParams& q, double r) { return pair_energy<mk::MorseParams, mk::Morse>(q, r); }

// Per-type-pair parameters, energy-shifted at the cutoff if asked, copied to the device.
template <class P>
Kokkos::View<P*, MemSpace> pair_table_on_device(std::vector<P> t, const ForceSettings& fs, const char* label) {
  if (fs.shift_sr)
    for (auto& q : t) q.offset = short_range_energy(q, fs.cutoff_sr);
  Kokkos::View<P*, MemSpace> p(std::string(label), t.size());
  auto h = Kokkos::create_mirror_view(p);
  for (size_t k = 0; k < t.size(); ++k) h(k) = t[k];
  Kokkos::deep_copy(p, h);
  return p;
}
}  // namespace

ForceCompute::ForceCompute(const ForceField& ff, const MdSystem& s, const ForceSettings& fs)
    : fs_(fs),
      nlist_(fs.interaction_cutoff(), fs.skin) {
  if (!(fs.cutoff_sr > 0)) fail("MD: short-range cutoff must be > 0 (got {})", fs.cutoff_sr);
  const int nt = s.n_types();
  const double cut2 = fs.cutoff_sr * fs.cutoff_sr;
  if (ff.style == ShortRangeStyle::Buckingham) {
    sr_ = mk::Buckingham<MemSpace>{pair_table_on_device(buckingham_table(ff, s.species), fs, "md::buck"), nt, cut2};
  } else {
    sr_ = mk::Morse<MemSpace>{pair_table_on_device(morse_table(ff, s.species), fs, "md::morse"), nt, cut2};
  }

  const double rc = fs.cutoff_coul, rc2 = rc * rc;
  if (fs.coulomb == CoulombKind::Dsf) {
    const double a = fs.dsf_alpha;
    if (!(a >= 0)) fail("MD: DSF alpha must be >= 0 (got {})", a);
    if (!(rc > 0)) fail("MD: Coulomb cutoff must be > 0 (got {})", rc);
    const double erfcc = std::erfc(a * rc), erfcd = std::exp(-a * a * rc2);
    f_shift_ = -(erfcc / rc2 + mk::two_over_sqrt_pi * a * erfcd / rc);
    e_shift_ = erfcc / rc - f_shift_ * rc;
    double q2 = 0;
    auto hq = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.q);
    for (int i = 0; i < s.n_atoms(); ++i) q2 += hq(i) * hq(i);
    q2 = sum_over_ranks(s, q2);
    e_self_dsf_ = -(e_shift_ / 2 + a / std::sqrt(M_PI)) * q2 * fs.coulomb_constant;
    coul_ = mk::CoulombDsf<mk::ErfcExact>{a, rc2, e_shift_, f_shift_};
  } else if (fs.coulomb == CoulombKind::Ewald) {
    EwaldParams ep = ewald_params(rc, fs.ewald_accuracy);
    if (fs.ewald_alpha > 0) {
      ep.alpha = fs.ewald_alpha;
      ep.kcut = ewald_kcut(ep.alpha, fs.ewald_accuracy);
    }
    if (fs.ewald_kcut > 0) ep.kcut = fs.ewald_kcut;
    kspace_.emplace(s.box, ep.alpha, ep.kcut, fs.coulomb_constant);
    if (fs.lammps_coul_long) coul_ = mk::CoulombEwaldReal<mk::ErfcPoly>{ep.alpha, rc2, 1.12837917};
    else coul_ = mk::CoulombEwaldReal<mk::ErfcExact>{ep.alpha, rc2};
  } else {
    coul_ = mk::CoulombNone{};
  }
  scatter_target_ = s.f;
  scatter_ = ScatterF(s.f);
}

mk::EnergyVirial ForceCompute::compute(MdSystem& s, bool need_ev) {
  nlist_.update(s);
  // migration and new ghosts reallocate s.f
  // (scatter_target_ holds the old allocation, so a new s.f never has its address)
  if (scatter_target_.data() != s.f.data()) scatter_target_ = s.f, scatter_ = ScatterF(s.f);
  // contribute() adds the per-thread copies into s.f, so s.f is zeroed here and every copy that
  // does not alias it (OpenMP duplication) is reset; on Serial and CUDA the ScatterView is s.f itself.
  Kokkos::deep_copy(s.f, 0.0);
  scatter_.reset_except(s.f);
  const double cut2 = std::pow(nlist_.cutoff(), 2);
  mk::EnergyVirial ev;
  const int n = s.n_atoms();
  std::visit(
      [&](const auto& sr, const auto& coul) {
        using SR = std::decay_t<decltype(sr)>;
        using CO = std::decay_t<decltype(coul)>;
        auto launch = [&](auto ev_tag) {
          constexpr bool EV = decltype(ev_tag)::value;
          mk::PairForce<ExecSpace, SR, CO, EV> fn;
          fn.x = s.x;
          fn.q = s.q;
          fn.type = s.type;
          fn.offsets = nlist_.offsets;
          fn.entries = nlist_.entries;
          fn.shifts = nlist_.shifts();
          fn.sr = sr;
          fn.coul = coul;
          fn.ke = fs_.coulomb_constant;
          fn.cut2 = cut2;
          fn.f = scatter_;
          if (EV)
            Kokkos::parallel_reduce("md::pair_ev", Kokkos::RangePolicy<ExecSpace>(0, n), fn,
                                    Kokkos::Sum<mk::EnergyVirial>(ev));
          else
            Kokkos::parallel_for("md::pair", Kokkos::RangePolicy<ExecSpace>(0, n), fn);
        };
        if (need_ev) launch(std::true_type{});
        else launch(std::false_type{});
      },
      sr_, coul_);
  Kokkos::Experimental::contribute(s.f, scatter_);
  if (s.domain) s.domain->reverse(s);  // forces on ghosts to their owners
  if (need_ev && adds_global_terms(s)) ev.e += e_self_dsf_;
  if (kspace_) {
    const mk::EnergyVirial k = kspace_->compute(s, need_ev);
    ev += k;
  }
  if (need_ev && s.domain) {
    const auto all = sum_over_ranks(s, {ev.e, ev.v[0], ev.v[1], ev.v[2], ev.v[3], ev.v[4], ev.v[5]});
    ev.e = all[0];
    for (int k = 0; k < 6; ++k) ev.v[k] = all[k + 1];
  }
  return ev;
}

void ForceCompute::strain(const MdSystem& s, const double mu[3]) {
  nlist_.strain(s, mu);
  set_box(s);
}

void ForceCompute::set_box(const MdSystem& s) {
  if (kspace_) kspace_->set_box(s.box);
}

}  // namespace ionhop::md
