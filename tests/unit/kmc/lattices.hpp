#pragma once
// Site networks built in code for the KMC tests: simple cubic L x L x L (lattice constant a),
// optionally with two site classes in a checkerboard ("A" at even x+y+z, "B" at odd).
#include <optional>
#include <array>
#include <string>

#include "engine/models/lattice_gas_spec.hpp"
#include "engine/network/site_network.hpp"

namespace ionhop::kmctest {

inline SiteNetwork simple_cubic(int L, double a, bool checkerboard = false) {
  SiteNetwork net;
  net.species = "Na";
  net.lattice.rows = {{{L * a, 0, 0}, {0, L * a, 0}, {0, 0, L * a}}};
  net.site_classes.push_back({"A", 'a', 1, 0});
  if (checkerboard) net.site_classes.push_back({"B", 'b', 1, 0});
  HopClass hc;
  hc.site_class_a = 0;
  hc.site_class_b = checkerboard ? 1 : 0;
  hc.length = a;
  hc.per_site_a = hc.per_site_b = 6;
  net.hop_classes.push_back(hc);
  const auto idx = [L](int x, int y, int z) { return x + L * (y + L * z); };
  net.hop_offset.push_back(0);
  for (int z = 0; z < L; ++z)
    for (int y = 0; y < L; ++y)
      for (int x = 0; x < L; ++x) {
        MobileSite s;
        s.label = (checkerboard && (x + y + z) % 2) ? "B" : "A";
        s.site_class = s.label == "B" ? 1 : 0;
        s.frac = {double(x) / L, double(y) / L, double(z) / L};
        net.sites.push_back(s);
        const int d[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (const auto& v : d) {
          const int c[3] = {x + v[0], y + v[1], z + v[2]};
          Hop h;
          h.from = idx(x, y, z);
          int w[3];
          for (int k = 0; k < 3; ++k) {
            w[k] = (c[k] + L) % L;
            h.image[k] = (c[k] - w[k]) / L;
            h.vector[k] = a * v[k];
          }
          h.to = idx(w[0], w[1], w[2]);
          h.length = a;
          net.hops.push_back(h);
        }
        net.hop_offset.push_back(static_cast<int>(net.hops.size()));
      }
  return net;
}

// The same lattice as a supercell of one site per cubic cell (cell layout and supercell set, as
// make_supercell_network leaves them): what domain decomposition needs.
inline SiteNetwork simple_cubic_cells(int L, double a) {
  SiteNetwork net = simple_cubic(L, a);
  net.supercell = {L, L, L};
  for (auto& s : net.sites) s.cell_site = 0;
  return net;
}

// A lattice-gas model for those networks: barrier e_kra, site energies A = 0 and, for the networks
// with a B class, B = e_b (a site energy for a class the network lacks is an error).
inline LatticeGasSpec sc_model(double nu, double e_kra, std::optional<double> e_b = std::nullopt) {
  LatticeGasSpec m;
  m.attempt_frequency = nu;
  m.site_energy = {{"A", 0.0}};
  if (e_b) m.site_energy.push_back({"B", *e_b});
  m.kra.push_back({"A", "A", -1, 0.05, e_kra});
  m.kra.push_back({"A", "B", -1, 0.05, e_kra});
  return m;
}

}  // namespace ionhop::kmctest
