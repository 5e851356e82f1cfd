// Ionic radii for the bottleneck calculation: the TOML table (potentials/shannon_radii.toml) and
// the framework ions of a crystal with their (occupancy-weighted) radii.
#include <toml.hpp>

#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"
#include "engine/network/network_detail.hpp"

namespace ionhop::netdetail {

RadiiTable read_radii(const std::string& path) {
  RadiiTable table;
  try {
    const auto data = toml::parse(path);
    for (const auto& [k, v] : toml::get<toml::table>(data))
      if (k != "ion") fail("{}: unknown key '{}' (expected [[ion]] tables)", path, k);
    const auto& ions = toml::find<toml::array>(data, "ion");
    for (size_t i = 0; i < ions.size(); ++i) {
      const auto& ion = ions[i];
      for (const auto& [k, v] : toml::get<toml::table>(ion))
        if (k != "element" && k != "oxidation" && k != "radius" && k != "coordination")
          fail("{}: ion #{}: unknown key '{}'", path, i + 1, k);
      const auto el = toml::find<std::string>(ion, "element");
      const auto q = toml::find<int>(ion, "oxidation");
      const auto r = toml::find<double>(ion, "radius");
      if (!(r > 0 && r < 5)) fail("{}: ion #{} ({}{:+d}): radius {} Å is not in (0, 5)", path, i + 1, el, q, r);
      if (!table.emplace(std::make_pair(el, q), r).second)
        fail("{}: ion #{} ({}{:+d}) is listed twice", path, i + 1, el, q);
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    fail("{}: {}", path, e.what());
  }
  return table;
}

std::vector<FrameworkIon> framework_ions(const Crystal& c, const std::string& species,
                                         const RadiiTable& radii, const std::string& radii_path) {
  std::vector<FrameworkIon> out;
  for (size_t s = 0; s < c.sites.size(); ++s) {
    const CrystalSite& cs = c.sites[s];
    bool mobile = false;
    for (const auto& o : cs.occupants) mobile |= (o.element == species);
    if (mobile) continue;  // a site the mobile ion may occupy is a hop end, not an obstacle
    // Mixed site: occupancy-weighted radius of its occupants (a virtual-crystal ion).
    double w = 0, sum = 0;
    for (const auto& o : cs.occupants) {
      const auto it = radii.find({o.element, o.oxidation});
      if (it == radii.end())
        fail("{}: no ionic radius for {}{:+d} (site {} of {}); add it to {}", radii_path, o.element,
             o.oxidation, cs.label, c.source, radii_path);
      w += o.occupancy;
      sum += o.occupancy * it->second;
    }
    if (w <= 0) continue;
    for (const auto& a : c.atoms)
      if (a.site == static_cast<int>(s)) out.push_back(FrameworkIon{a.frac, sum / w, cs.label});
  }
  return out;
}

}  // namespace ionhop::netdetail

namespace ionhop {

double ionic_radius(const std::string& radii_file, const std::string& element, int oxidation) {
  const std::string path = radii_file.empty() ? data_file("potentials/shannon_radii.toml") : radii_file;
  const netdetail::RadiiTable t = netdetail::read_radii(path);
  const auto it = t.find({element, oxidation});
  if (it == t.end()) fail("{}: no radius for {}{:+d}", path, element, oxidation);
  return it->second;
}

}  // namespace ionhop
