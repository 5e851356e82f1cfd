// Local KRA barriers from BVSE per replica (engine/bvse/local_kra.hpp, doc/theory/bvse.md §6).
#include "engine/bvse/local_kra.hpp"

#include <cmath>
#include <memory>

#include "engine/bvse/bvse_parameters.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/supercell.hpp"

namespace ionhop::bvse {

namespace {

// The reverse of directed hop h (j→i with the opposite vector), -1 if none.
int reverse_of(const SiteNetwork& net, int h) {
  const Hop& a = net.hops[static_cast<size_t>(h)];
  for (int k = net.hop_offset[static_cast<size_t>(a.to)]; k < net.hop_offset[static_cast<size_t>(a.to) + 1]; ++k) {
    const Hop& b = net.hops[static_cast<size_t>(k)];
    if (b.to == a.from && norm(b.vector + a.vector) < 1e-4) return k;
  }
  return -1;
}

}  // namespace

std::vector<double> local_kra_corrections(const SiteNetwork& sup, const SiteHopResult& r, double scale,
                                          const std::vector<std::uint8_t>& site_dopant) {
  const size_t nh = sup.hops.size();
  if (r.saddle_energy.size() != nh || r.site_energy.size() != static_cast<size_t>(sup.n_sites()))
    fail("BVSE local barriers: energies for {} hops / {} sites, network has {} / {}", r.saddle_energy.size(),
         r.site_energy.size(), nh, sup.n_sites());
  if (!(scale > 0)) fail("BVSE local barriers: scale must be > 0 (got {})", scale);
  std::vector<double> kra(nh), sum(sup.hop_classes.size(), 0.0), d(nh);
  std::vector<int> count(sup.hop_classes.size(), 0);
  if (!site_dopant.empty() && site_dopant.size() != static_cast<size_t>(sup.n_sites()))
    fail("BVSE local barriers: dopant mask of {} sites, network has {}", site_dopant.size(), sup.n_sites());
  std::vector<std::uint8_t> skip(nh, 0);  // hops touching a dopant site
  for (size_t h = 0; h < nh && !site_dopant.empty(); ++h)
    skip[h] = site_dopant[static_cast<size_t>(sup.hops[h].from)] || site_dopant[static_cast<size_t>(sup.hops[h].to)];
  for (size_t h = 0; h < nh; ++h) {
    if (skip[h]) continue;
    kra[h] = r.kra(sup, static_cast<int>(h));
    if (!std::isfinite(kra[h])) fail("BVSE local barriers: KRA of hop {} is not finite", h);
    const auto c = static_cast<size_t>(sup.hops[h].hop_class);
    sum[c] += kra[h];
    ++count[c];
  }
  for (size_t h = 0; h < nh; ++h) {
    const auto c = static_cast<size_t>(sup.hops[h].hop_class);
    d[h] = skip[h] ? 0.0 : scale * (kra[h] - sum[c] / count[c]);
  }
  for (size_t h = 0; h < nh; ++h) {  // one number per hop pair (detailed balance)
    const int k = reverse_of(sup, static_cast<int>(h));
    if (k < 0) fail("BVSE local barriers: hop {} -> {} has no reverse hop", sup.hops[h].from, sup.hops[h].to);
    if (static_cast<size_t>(k) > h) d[h] = d[static_cast<size_t>(k)] = 0.5 * (d[h] + d[static_cast<size_t>(k)]);
  }
  return d;
}

std::function<std::vector<double>(std::uint64_t, std::uint64_t)> bvse_local_kra(const Crystal& unit, const SiteNetwork& unit_net,
                                                                               std::array<int, 3> n, const CompositionSpec& spec,
                                                                               const LocalKraOptions& opt) {
  auto params = std::make_shared<Parameters>(load_parameters(opt.parameters));
  FieldOptions fo = opt.field;
  fo.mobile = unit_net.species;
  auto unit_sh = std::make_shared<SiteHopResult>(compute_site_hop(build_field(unit, *params, fo), unit_net, opt.path));
  auto sup = std::make_shared<SiteNetwork>(make_supercell_network(unit_net, n));
  CompositionSpec framework = spec;  // the KMC replica's framework draws are those of placement = "random"
  framework.placement = "random";
  const double scale = opt.scale;
  const PathOptions path = opt.path;
  return [=](std::uint64_t seed, std::uint64_t replica) {
    const auto rep = replica_site_hop(unit, unit_net, *unit_sh, n, framework, seed, replica, 1, *params, fo, path);
    return local_kra_corrections(*sup, rep.at(0).energies, scale, rep.at(0).site_dopant);
  };
}

}  // namespace ionhop::bvse
