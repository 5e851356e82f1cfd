// MD domain decomposition (issue 11) on however many ranks it is started with (ctest: 1 rank, and
// mpiexec -n 2, 4, 8): forces, energy and virial of one configuration equal the serial ones (DSF
// and Ewald, a triclinic box, ghosts across periodic faces), also after atoms jumped across
// several sub-boxes, and in a box only just wide enough for the grid; velocities do not depend on
// the rank count; NVE and Bussi NVT trajectories follow the serial one; hop detection and the MSD
// sums of ions that move between ranks equal the serial ones.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/supercell.hpp"
#include "engine/md/hop_tracker.hpp"
#include "engine/md/integrator.hpp"
#include "engine/md/md_domain.hpp"
#include "engine/md/mobile_sampler.hpp"
#include "engine/parallel/mpi.hpp"
#include "../../unit/md/md_test_systems.hpp"

namespace ionhop::md {
namespace {

mpi::Guard mpi_guard;  // the whole program: MPI is initialised once

ForceSettings settings(CoulombKind c, double cutoff = 7.0, double skin = 1.0) {
  ForceSettings fs;
  fs.cutoff_sr = fs.cutoff_coul = cutoff;
  fs.skin = skin;
  fs.coulomb = c;
  fs.dsf_alpha = 0.25;
  fs.shift_sr = true;
  return fs;
}

const ForceField& force_field() {
  static const ForceField ff = read_force_field(test::potential("teter_du_buckingham.toml"));
  return ff;
}

// Na2O, primitive fcc cell (60° angles) x6: 648 atoms, perpendicular widths 19.2 Å.
MdSystem whole_system(double perturb = 0.2, unsigned seed = 3) {
  return system_from_atoms(test::na2o_atoms(6, perturb, seed), force_field());
}

struct ById {
  std::vector<double> v;  // 3 per global id
  std::vector<int> seen;
};

// A per-atom vector of the owned atoms, gathered over ranks into global id order.
ById gather_by_id(const MdSystem& s, const Kokkos::View<double* [3], MemSpace>& a, long n_global) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a);
  auto id = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.id);
  std::vector<double> local;
  for (int i = 0; i < s.n_atoms(); ++i) {
    local.push_back(static_cast<double>(id(i)));
    for (int d = 0; d < 3; ++d) local.push_back(h(i, d));
  }
  const std::vector<double> all = mpi::allgather(local);
  ById out{std::vector<double>(3 * n_global, 0.0), std::vector<int>(n_global, 0)};
  for (size_t k = 0; k < all.size(); k += 4) {
    const long g = std::lround(all[k]);
    out.seen.at(g) += 1;
    for (int d = 0; d < 3; ++d) out.v[3 * g + d] = all[k + 1 + d];
  }
  return out;
}

std::vector<double> host_rows(const Kokkos::View<double* [3], MemSpace>& a, int n) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a);
  std::vector<double> out(3 * n);
  for (int i = 0; i < n; ++i)
    for (int d = 0; d < 3; ++d) out[3 * i + d] = h(i, d);
  return out;
}

double max_abs(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m = std::max(m, std::fabs(x));
  return m;
}

std::shared_ptr<MdDomain> make_domain(const MdSystem& whole, const ForceSettings& fs) {
  return std::make_shared<MdDomain>(mpi::Comm(), whole.box, fs.interaction_cutoff() + fs.skin,
                                    std::array<int, 3>{0, 0, 0});
}

// Forces, energy and virial of `whole` serially and decomposed: equal to `rel` of their scale.
void expect_same_forces(MdSystem whole, const ForceSettings& fs, double rel) {
  const long n = whole.n_atoms();
  auto domain = make_domain(whole, fs);
  MdSystem part = MdDomain::distribute(whole, domain);
  ForceCompute serial(force_field(), whole, fs), decomposed(force_field(), part, fs);
  const md_kernels::EnergyVirial ev_s = serial.compute(whole, true), ev_d = decomposed.compute(part, true);
  const std::vector<double> f_s = host_rows(whole.f, n);
  const ById f_d = gather_by_id(part, part.f, n);
  for (long g = 0; g < n; ++g) EXPECT_EQ(f_d.seen[g], 1) << "atom " << g << " owned by " << f_d.seen[g] << " ranks";
  const double scale = max_abs(f_s);
  double worst = 0;
  for (size_t k = 0; k < f_s.size(); ++k) worst = std::max(worst, std::fabs(f_d.v[k] - f_s[k]));
  EXPECT_LE(worst, rel * scale) << "largest force difference " << worst << " eV/Å of " << scale;
  EXPECT_NEAR(ev_d.e, ev_s.e, rel * std::fabs(ev_s.e));
  const double w_scale = std::max({std::fabs(ev_s.v[0]), std::fabs(ev_s.v[1]), std::fabs(ev_s.v[2])});
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(ev_d.v[k], ev_s.v[k], rel * w_scale) << "virial component " << k;
  EXPECT_GT(part.n_ghost, 0);
  // Newton's third law on across ranks: every pair of the serial list is held exactly once
  EXPECT_EQ(std::lround(sum_over_ranks(part, static_cast<double>(decomposed.neighbor_list().n_pairs()))),
            serial.neighbor_list().n_pairs());
}

TEST(MdDomains, GridFitsTheBox) {
  const MdSystem whole = whole_system();
  const auto domain = make_domain(whole, settings(CoulombKind::Dsf));
  const auto& p = domain->grid().dims();
  EXPECT_EQ(p[0] * p[1] * p[2], mpi::size());
  if (mpi::rank() == 0) std::printf("rank grid %d x %d x %d\n", p[0], p[1], p[2]);
}

// NASICON 3x3x1 (1080 atoms, hexagonal box: xy tilt -a/2), cutoffs 10 Å as in the benchmarks.
MdSystem nasicon_system() {
  const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  return system_from_atoms(decorate_ordered(make_supercell(unit, {3, 3, 1}), 7), force_field());
}

TEST(MdDomains, NasiconHexagonalBoxForcesEqualSerial) {
  expect_same_forces(nasicon_system(), settings(CoulombKind::Dsf, 10.0, 1.0), 1e-10);
}

TEST(MdDomains, DsfForcesEnergyVirialEqualSerial) { expect_same_forces(whole_system(), settings(CoulombKind::Dsf), 1e-10); }

TEST(MdDomains, EwaldForcesEnergyVirialEqualSerial) {
  ForceSettings fs = settings(CoulombKind::Ewald);
  fs.ewald_accuracy = 1e-5;
  expect_same_forces(whole_system(), fs, 1e-10);
}

// cutoff + skin = 9.55 Å against sub-boxes 9.61 Å thick at two ranks along a direction.
TEST(MdDomains, BoxOnlyJustWideEnough) { expect_same_forces(whole_system(), settings(CoulombKind::Dsf, 8.55, 1.0), 1e-10); }

// Atoms displaced by up to half the box between two builds: they cross several sub-boxes and the
// periodic faces, and migration must send each to its new owner at once.
TEST(MdDomains, AtomsJumpingAcrossSubBoxesMigrate) {
  const ForceSettings fs = settings(CoulombKind::Dsf);
  MdSystem whole = whole_system(0.0, 1);
  auto domain = make_domain(whole, fs);
  MdSystem part = MdDomain::distribute(whole, domain);
  ForceCompute decomposed(force_field(), part, fs);
  decomposed.compute(part, false);  // first build: ghosts and list at the lattice positions
  // the same random jump for each atom id, on both copies
  auto jump = [](std::int64_t id, int d) {
    std::mt19937_64 rng(1000 + 3 * id + d);
    return std::uniform_real_distribution<double>(-9.0, 9.0)(rng);
  };
  auto move = [&](MdSystem& s) {
    auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
    auto id = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.id);
    for (int i = 0; i < s.n_atoms(); ++i)
      for (int d = 0; d < 3; ++d) hx(i, d) += (id(i) % 7 == 0) ? jump(id(i), d) : 0.02 * jump(id(i), d);
    Kokkos::deep_copy(s.x, hx);
  };
  move(whole);
  move(part);
  ForceCompute serial(force_field(), whole, fs);
  serial.compute(whole, false);
  decomposed.compute(part, false);  // the jumps exceed skin/2: rebuild, migrate
  const long n = whole.n_atoms();
  const std::vector<double> f_s = host_rows(whole.f, n);
  const ById f_d = gather_by_id(part, part.f, n);
  double worst = 0;
  for (long g = 0; g < n; ++g) EXPECT_EQ(f_d.seen[g], 1) << "atom " << g;
  for (size_t k = 0; k < f_s.size(); ++k) worst = std::max(worst, std::fabs(f_d.v[k] - f_s[k]));
  EXPECT_LE(worst, 1e-10 * max_abs(f_s));
}

TEST(MdDomains, VelocitiesDoNotDependOnRanks) {
  MdSystem whole = whole_system();
  auto domain = make_domain(whole, settings(CoulombKind::Dsf));
  MdSystem part = MdDomain::distribute(whole, domain);
  initialize_velocities(whole, 900, 11);
  initialize_velocities(part, 900, 11);
  const long n = whole.n_atoms();
  const std::vector<double> v_s = host_rows(whole.v, n);
  const ById v_d = gather_by_id(part, part.v, n);
  for (size_t k = 0; k < v_s.size(); ++k) EXPECT_NEAR(v_d.v[k], v_s[k], 1e-12 * max_abs(v_s));
  EXPECT_NEAR(kinetic_energy(part), kinetic_energy(whole), 1e-12 * kinetic_energy(whole));
}

// Unwrapped positions x + image·h by global id.
ById unwrapped_by_id(const MdSystem& s, long n) {
  auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x);
  auto im = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.image);
  Kokkos::View<double* [3], MemSpace> u("u", s.n_atoms());
  auto hu = Kokkos::create_mirror_view(u);
  const Mat3 h = s.cell();
  for (int i = 0; i < s.n_atoms(); ++i)
    for (int d = 0; d < 3; ++d) hu(i, d) = hx(i, d) + im(i, 0) * h[0][d] + im(i, 1) * h[1][d] + im(i, 2) * h[2][d];
  Kokkos::deep_copy(u, hu);
  return gather_by_id(s, u, n);
}

// The same system run serially (`whole`) and decomposed over the ranks (`part`), side by side.
struct SerialAndDecomposed {
  MdSystem whole, part;
  ForceCompute fc_s, fc_d;
  Integrator in_s, in_d;
  SerialAndDecomposed(MdSystem w, const ForceSettings& fs, const IntegratorSettings& st)
      : whole(std::move(w)),
        part(MdDomain::distribute(whole, make_domain(whole, fs))),
        fc_s(force_field(), whole, fs),
        fc_d(force_field(), part, fs),
        in_s(whole, fc_s, st),
        in_d(part, fc_d, st) {}
  void run(long steps) {
    in_s.run(steps);
    in_d.run(steps);
  }
};

IntegratorSettings thermostat(Thermostat t, double temperature, unsigned seed) {
  IntegratorSettings st;
  st.thermostat = t;
  st.temperature = temperature;
  st.tau = 0.05;
  st.seed = seed;
  return st;
}

// Largest position difference (Å) between the serial and decomposed runs after each block.
// Thermo values are compared over the first `checked_blocks` blocks (later the runs may part).
std::vector<double> trajectory_gap(Thermostat t, int blocks, int steps_per_block, int checked_blocks = 1 << 30) {
  MdSystem w = whole_system(0.1, 5);
  initialize_velocities(w, 1200, 17);
  IntegratorSettings st = thermostat(t, 1200, 23);
  st.dt = 0.001;
  SerialAndDecomposed r(std::move(w), settings(CoulombKind::Dsf, 7.0, 0.6), st);
  const Integrator &in_s = r.in_s, &in_d = r.in_d;
  std::vector<double> gaps;
  const long n = r.whole.n_atoms();
  for (int b = 0; b < blocks; ++b) {
    r.run(steps_per_block);
    const ById a = unwrapped_by_id(r.whole, n), c = unwrapped_by_id(r.part, n);
    double g = 0;
    for (size_t k = 0; k < a.v.size(); ++k) g = std::max(g, std::fabs(a.v[k] - c.v[k]));
    gaps.push_back(g);
    if (b >= checked_blocks) continue;
    EXPECT_NEAR(in_d.thermo().pe, in_s.thermo().pe, 1e-8 * std::fabs(in_s.thermo().pe));
    EXPECT_NEAR(in_d.thermo().temperature, in_s.thermo().temperature, 1e-6);
  }
  EXPECT_GT(r.fc_d.neighbor_list().n_builds(), 2);  // atoms migrated along the way
  return gaps;
}

// IONHOP_MD_DIVERGENCE_BLOCKS=n follows the NVE run for n blocks of 50 steps and prints the gap
// after each (how long the runs stay close; only the first 200 steps are checked).
TEST(MdDomains, NveTrajectoryFollowsSerial) {
  const char* env = std::getenv("IONHOP_MD_DIVERGENCE_BLOCKS");
  const int blocks = std::max(4, env ? std::atoi(env) : 4);
  const auto gaps = trajectory_gap(Thermostat::None, blocks, 50, 4);
  if (mpi::rank() == 0)
    for (int b = 0; b < blocks; ++b) std::printf("NVE, steps %4d: largest position difference to serial %.1e Å\n", 50 * (b + 1), gaps[b]);
  EXPECT_LE(gaps[3], 1e-8);
}

TEST(MdDomains, BussiTrajectoryFollowsSerial) {
  const auto gaps = trajectory_gap(Thermostat::Bussi, 2, 50);
  EXPECT_LE(gaps.back(), 1e-8);
}

// Owned atoms of one type, by global id.
std::vector<std::int64_t> owned_ids(const MdSystem& s, int type) {
  auto id = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.id);
  auto t = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.type);
  std::vector<std::int64_t> out;
  for (int i = 0; i < s.n_atoms(); ++i)
    if (t(i) == type) out.push_back(id(i));
  std::sort(out.begin(), out.end());
  return out;
}

// Na ions of NASICON at 2000 K hop and cross sub-box faces: each ion's site and excursion flag
// travel with it, so the decomposed tracker sees the serial events (the trajectories agree to
// ~1e-10 Å), and the MSD sums of the ions kept on other ranks add up to the serial ones.
TEST(MdDomains, HopsAndMsdFollowTheIonsAcrossRanks) {
  const Crystal unit = read_structure(std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif");
  NetworkOptions no;
  no.species = "Na";
  const SiteNetwork net = make_supercell_network(build_network(unit, no), {3, 3, 1});
  MdSystem w = nasicon_system();
  int na = -1;
  for (int t = 0; t < w.n_types(); ++t)
    if (w.species[t] == "Na") na = t;
  initialize_velocities(w, 2000, 11);
  SerialAndDecomposed r(std::move(w), settings(CoulombKind::Dsf, 7.0, 1.0), thermostat(Thermostat::Bussi, 2000, 29));
  MdSystem &whole = r.whole, &part = r.part;
  const Integrator &in_s = r.in_s, &in_d = r.in_d;
  r.run(100);
  const std::vector<std::int64_t> mine_before = owned_ids(part, na);
  HopTracker tr_s(whole, na, net, 0.8, in_s.thermo().time), tr_d(part, na, net, 0.8, in_d.thermo().time);
  MobileSampler sa_s(whole, na), sa_d(part, na);
  EXPECT_EQ(sa_d.n_ions(), sa_s.n_ions());
  for (int k = 1; k <= 400; ++k) {
    r.run(1);
    tr_s.update(whole, in_s.thermo().time);
    tr_d.update(part, in_d.thermo().time);
    if (k % 5 == 0) sa_s.sample(whole), sa_d.sample(part);
  }
  // some ions changed rank on the way (on more than one rank)
  if (mpi::size() > 1) EXPECT_TRUE(mpi::any_over_ranks(owned_ids(part, na) != mine_before));
  const BlockMsd b_s = sa_s.block_msd(2), b_d = sa_d.block_msd(2);
  ASSERT_EQ(b_d.tracer_sq.size(), b_s.tracer_sq.size());
  for (size_t k = 0; k < b_s.tracer_sq.size(); ++k) {
    EXPECT_NEAR(b_d.tracer_sq[k], b_s.tracer_sq[k], 1e-8 * b_s.tracer_sq[k] + 1e-12) << "tracer sum " << k;
    EXPECT_NEAR(b_d.collective_sq[k], b_s.collective_sq[k], 1e-8 * b_s.collective_sq[k] + 1e-10) << "collective " << k;
  }
  if (!tr_d.holds_detector()) return;
  const HopDetector &s = tr_s.detector(), &d = tr_d.detector();
  std::printf("%zu hops; the serial run examined %ld ion positions, the decomposed one %ld\n", s.events().size(),
              tr_s.examined(), tr_d.examined());
  EXPECT_GE(s.events().size(), 3u) << "too few hops for the test to mean anything";
  ASSERT_EQ(d.events().size(), s.events().size());
  for (size_t k = 0; k < s.events().size(); ++k) {
    const HopEvent &a = s.events()[k], &c = d.events()[k];
    EXPECT_TRUE(a.ion == c.ion && a.from == c.from && a.to == c.to && a.hop_class == c.hop_class && a.time == c.time &&
                a.through == c.through && a.via == c.via && a.via_occupied == c.via_occupied)
        << "event " << k << " differs";
    EXPECT_NEAR(c.via_distance, a.via_distance, 1e-8);
  }
  EXPECT_EQ(d.site_of_ion(), s.site_of_ion());
  EXPECT_EQ(d.directed_hops(), s.directed_hops());
  EXPECT_EQ(tr_d.examined(), tr_s.examined());
}

}  // namespace
}  // namespace ionhop::md
