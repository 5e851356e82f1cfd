#include "engine/bvse/grid_export.hpp"

#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <gemmi/elem.hpp>
#include <hdf5.h>

#include "engine/core/error.hpp"

namespace ionhop::bvse {

void write_cube(const std::string& path, const Grid& g, const std::vector<double>& values,
                const std::vector<FieldAtom>& atoms, const std::string& what) {
  constexpr double bohr = 0.529177210903;  // Å (CODATA 2018)
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!f) fail("{}: cannot open for writing", path);
  fmt::print(f.get(), "ionhop BVSE {}\n", what);
  fmt::print(f.get(), "grid {}x{}x{}, lengths in bohr, C order (a slowest, c fastest)\n", g.n[0], g.n[1], g.n[2]);
  fmt::print(f.get(), "{:5d} {:12.6f} {:12.6f} {:12.6f}\n", int(atoms.size()), 0.0, 0.0, 0.0);
  for (int i = 0; i < 3; ++i)
    fmt::print(f.get(), "{:5d} {:12.6f} {:12.6f} {:12.6f}\n", g.n[i], g.lattice.rows[i][0] / g.n[i] / bohr,
               g.lattice.rows[i][1] / g.n[i] / bohr, g.lattice.rows[i][2] / g.n[i] / bohr);
  for (const auto& a : atoms) {
    const Vec3 r = frac_to_cart(g.lattice, a.frac);
    fmt::print(f.get(), "{:5d} {:12.6f} {:12.6f} {:12.6f} {:12.6f}\n", gemmi::Element(a.element.c_str()).atomic_number(),
               double(a.oxidation), r[0] / bohr, r[1] / bohr, r[2] / bohr);
  }
  for (int i = 0; i < g.n[0]; ++i)
    for (int j = 0; j < g.n[1]; ++j) {
      for (int k = 0; k < g.n[2]; ++k) {
        fmt::print(f.get(), " {:13.5E}", values[g.index(i, j, k)]);
        if (k % 6 == 5) fmt::print(f.get(), "\n");
      }
      if (g.n[2] % 6 != 0) fmt::print(f.get(), "\n");
    }
  if (std::ferror(f.get())) fail("{}: write error", path);
}

namespace {

struct H5Id {  // closes an HDF5 handle with the matching function
  hid_t id;
  herr_t (*close)(hid_t);
  ~H5Id() {
    if (id >= 0) close(id);
  }
};

void dataset(hid_t group, const char* name, const std::vector<hsize_t>& dims, hid_t type, const void* data,
             const std::string& path) {
  H5Id space{H5Screate_simple(int(dims.size()), dims.data(), nullptr), H5Sclose};
  H5Id ds{H5Dcreate2(group, name, type, space.id, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose};
  if (ds.id < 0 || H5Dwrite(ds.id, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
    fail("{}: cannot write dataset {}", path, name);
}

void attr(hid_t obj, const char* name, double v) {
  H5Id space{H5Screate(H5S_SCALAR), H5Sclose};
  H5Id a{H5Acreate2(obj, name, H5T_NATIVE_DOUBLE, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  H5Awrite(a.id, H5T_NATIVE_DOUBLE, &v);
}

void attr(hid_t obj, const char* name, const std::string& v) {
  H5Id type{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(type.id, v.empty() ? 1 : v.size());
  H5Id space{H5Screate(H5S_SCALAR), H5Sclose};
  H5Id a{H5Acreate2(obj, name, type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  H5Awrite(a.id, type.id, v.c_str());
}

}  // namespace

void write_hdf5(const std::string& path, const Grid& g, const GridReport& r) {
  H5Id file{H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose};
  if (file.id < 0) fail("{}: cannot create HDF5 file", path);
  H5Id grp{H5Gcreate2(file.id, "bvse", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose};
  const std::vector<hsize_t> dims{hsize_t(g.n[0]), hsize_t(g.n[1]), hsize_t(g.n[2])};
  dataset(grp.id, "energy", dims, H5T_NATIVE_DOUBLE, g.energy.data(), path);
  dataset(grp.id, "free_radius", dims, H5T_NATIVE_DOUBLE, g.free_radius.data(), path);
  double lat[9];
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) lat[3 * i + j] = g.lattice.rows[i][j];
  dataset(grp.id, "lattice", {3, 3}, H5T_NATIVE_DOUBLE, lat, path);
  const size_t m = r.minima.size();
  std::vector<double> mf(3 * m), me(m);
  std::vector<int> mm(m);
  for (size_t i = 0; i < m; ++i) {
    for (int c = 0; c < 3; ++c) mf[3 * i + c] = r.minima[i].frac[c];
    me[i] = r.minima[i].energy;
    mm[i] = r.minima[i].multiplicity;
  }
  dataset(grp.id, "minima_frac", {hsize_t(m), 3}, H5T_NATIVE_DOUBLE, mf.data(), path);
  dataset(grp.id, "minima_energy", {hsize_t(m)}, H5T_NATIVE_DOUBLE, me.data(), path);
  dataset(grp.id, "minima_multiplicity", {hsize_t(m)}, H5T_NATIVE_INT, mm.data(), path);
  attr(grp.id, "structure", r.structure);
  attr(grp.id, "mobile", r.mobile);
  attr(grp.id, "units", std::string("energy eV (absolute), free_radius and lengths angstrom"));
  attr(grp.id, "spacing", r.spacing);
  attr(grp.id, "e_min", g.e_min);
  attr(grp.id, "energy_cap", g.energy_cap);
  attr(grp.id, "s_q", r.s_q);
  const char* en[3] = {"E_1D", "E_2D", "E_3D"};
  const char* rn[3] = {"r_1D", "r_2D", "r_3D"};
  for (int d = 0; d < 3; ++d) {
    attr(grp.id, en[d], r.energies.value[d]);
    attr(grp.id, rn[d], r.radii.value[d]);
  }
}

}  // namespace ionhop::bvse
