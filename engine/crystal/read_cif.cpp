// CIF reader: gemmi parses the file and knows the space groups; this file turns one data block
// into a Crystal (symmetry expansion with gemmi's operations, mixed sites, oxidation states).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

// gemmi's number printer would use Debian's unbundled stb_sprintf (with a #warning); ionhop never
// writes CIF, so the std::snprintf fallback is enough.
#define USE_STD_SNPRINTF
#include <gemmi/cif.hpp>
#include <gemmi/smcif.hpp>
#include <gemmi/symmetry.hpp>

#include "engine/core/error.hpp"
#include "engine/core/input_file.hpp"
#include "engine/core/log.hpp"
#include "engine/crystal/read_structure.hpp"

namespace ionhop {

namespace cif = gemmi::cif;

namespace {

// A number from a CIF value; "1.234(5)" allowed. Null ('?', '.') and junk are errors.
double cif_number(const std::string& raw, const std::string& path, const std::string& what) {
  const double x = cif::is_null(raw) ? NAN : cif::as_number(raw);
  if (!std::isfinite(x)) fail("{}: {}: '{}' is not a number", path, what, raw);
  return x;
}

Lattice read_cell(cif::Block& b, const std::string& path) {
  const char* tags[6] = {"_cell_length_a",    "_cell_length_b",   "_cell_length_c",
                         "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"};
  double p[6];
  for (int i = 0; i < 6; ++i) {
    const std::string* v = b.find_value(tags[i]);
    if (!v) fail("{}: missing cell parameter {} (no unit cell)", path, tags[i]);
    p[i] = cif_number(*v, path, tags[i]);
    if (i < 3 && !(p[i] > 0.0)) fail("{}: {} = {} must be > 0", path, tags[i], p[i]);
    if (i >= 3 && !(p[i] > 0.0 && p[i] < 180.0)) fail("{}: {} = {} must be in (0, 180) degrees", path, tags[i], p[i]);
  }
  const Lattice L = Lattice::from_parameters(p[0], p[1], p[2], p[3], p[4], p[5]);
  if (!(L.volume() > 1e-6 * p[0] * p[1] * p[2]))  // relative: rounding leaves ~1e-7 of a*b*c
    fail("{}: cell volume is zero: the angles {}, {}, {} cannot form a cell", path, p[3], p[4], p[5]);
  return L;
}

// Symmetry operations: the explicit symop loop if present, else the space group named by
// H-M symbol, Hall symbol or number (gemmi's tables); else P1 with a warning.
std::vector<gemmi::Op> read_symmetry(cif::Block& b, const std::string& path, double alpha, double gamma,
                                     const gemmi::SpaceGroup*& declared) {
  std::vector<gemmi::Op> ops;
  declared = nullptr;
  for (const char* tag : {"_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz"}) {
    cif::Column col = b.find_values(tag);
    if (!col) continue;
    for (const std::string& raw : col) {
      const std::string s = cif::as_string(raw);
      try {
        ops.push_back(gemmi::parse_triplet(s));
      } catch (const std::exception& e) {
        fail("{}: bad symmetry operation '{}' in {}: {}", path, s, tag, e.what());
      }
    }
    if (ops.empty()) fail("{}: empty {} loop", path, tag);
    declared = gemmi::find_spacegroup_by_ops(gemmi::split_centering_vectors(ops));
    return ops;
  }
  auto add_group = [&](const gemmi::GroupOps& g) {
    for (gemmi::Op op : g) ops.push_back(op);
  };
  for (const char* tag : {"_space_group_name_H-M_alt", "_symmetry_space_group_name_H-M"}) {
    const std::string* v = b.find_value(tag);
    if (!v || cif::is_null(*v)) continue;
    const std::string name = cif::as_string(*v);
    const gemmi::SpaceGroup* sg = gemmi::find_spacegroup_by_name(name, alpha, gamma);
    if (!sg) fail("{}: unknown space group '{}' in {}", path, name, tag);
    declared = sg;
    add_group(sg->operations());
    return ops;
  }
  for (const char* tag : {"_space_group_name_Hall", "_symmetry_space_group_name_Hall"}) {
    const std::string* v = b.find_value(tag);
    if (!v || cif::is_null(*v)) continue;
    const std::string hall = cif::as_string(*v);
    try {
      add_group(gemmi::symops_from_hall(hall.c_str()));
      declared = gemmi::find_spacegroup_by_ops(gemmi::symops_from_hall(hall.c_str()));
    } catch (const std::exception& e) {
      fail("{}: bad Hall symbol '{}' in {}: {}", path, hall, tag, e.what());
    }
    return ops;
  }
  for (const char* tag : {"_space_group_IT_number", "_symmetry_Int_Tables_number"}) {
    const std::string* v = b.find_value(tag);
    if (!v || cif::is_null(*v)) continue;
    const double n = cif_number(*v, path, tag);
    const gemmi::SpaceGroup* sg = n == std::round(n) ? gemmi::find_spacegroup_by_number(int(n)) : nullptr;
    if (!sg) fail("{}: {} = {} is not a space-group number (1..230)", path, tag, *v);
    declared = sg;
    add_group(sg->operations());
    return ops;
  }
  log::warn("{}: no symmetry operations or space group given; assuming P1", path);
  ops.push_back(gemmi::Op::identity());
  return ops;
}

// Oxidation numbers of the _atom_type loop, by type symbol ("Na1+" -> 1).
std::map<std::string, int> read_type_oxidation(cif::Block& b, const std::string& path) {
  std::map<std::string, int> ox;
  for (auto row : b.find("_atom_type_", {"symbol", "oxidation_number"})) {
    const std::string sym = row.str(0);
    const double x = cif_number(row[1], path, "_atom_type_oxidation_number of type '" + sym + "'");
    if (x != std::round(x))
      fail("{}: _atom_type_oxidation_number of type '{}' is {}: only integer oxidation states are supported",
           path, sym, row[1]);
    ox[sym] = static_cast<int>(x);
  }
  return ox;
}

struct Row {
  std::string label;
  Occupant occ;
  Vec3 frac{};
  std::vector<Vec3> orbit;  // symmetry images in the cell, representative first
};

// Images of x under ops; images closer than merge_distance are one position, placed at their
// mean, which lies exactly on the special position (mean over the site-symmetry group).
std::vector<Vec3> expand(const Vec3& x, const std::vector<gemmi::Op>& ops, const Lattice& L, double merge) {
  std::vector<Vec3> anchor, sum;
  std::vector<int> count;
  for (const gemmi::Op& op : ops) {
    const Vec3 p = wrap01(op.apply_to_xyz(x));
    size_t k = 0;
    while (k < anchor.size() && L.distance(anchor[k], p) >= merge) ++k;
    if (k == anchor.size()) {
      anchor.push_back(p);
      sum.push_back({0, 0, 0});
      count.push_back(0);
    }
    sum[k] += anchor[k] + L.shortest_frac_vector(anchor[k], p);
    ++count[k];
  }
  std::vector<Vec3> out;
  size_t rep = 0;
  for (size_t k = 0; k < anchor.size(); ++k) {
    out.push_back(wrap01((1.0 / count[k]) * sum[k]));
    if (L.distance(out[k], x) < L.distance(out[rep], x)) rep = k;
  }
  std::swap(out[0], out[rep]);
  return out;
}

}  // namespace

Crystal read_cif(const std::string& path, const ReadOptions& opt) {
  check_input_file(path, "structure file", kMaxTextInputBytes);
  cif::Document doc;
  try {
    doc = cif::read_file(path);
  } catch (const std::exception& e) {
    fail("{}: CIF syntax error: {}", path, e.what());
  }
  if (doc.blocks.empty()) fail("{}: no data_ block in the CIF", path);
  cif::Block* block = nullptr;
  for (cif::Block& b : doc.blocks)
    if (b.find_values("_atom_site_fract_x") || b.find_values("_atom_site_label")) {
      block = &b;
      break;
    }
  if (!block) fail("{}: no _atom_site loop (no atoms) in any data block", path);
  cif::Block& b = *block;

  Crystal c;
  c.source = path;
  c.title = b.name;
  c.lattice = read_cell(b, path);
  if (const std::string* z = b.find_value("_cell_formula_units_Z"); z && !cif::is_null(*z)) {
    const double zz = cif_number(*z, path, "_cell_formula_units_Z");
    if (!(zz >= 1 && zz == std::floor(zz) && zz < 1e6)) fail("{}: _cell_formula_units_Z = {} must be a positive integer", path, *z);
    c.formula_units = static_cast<int>(zz);
  }
  const auto par = c.lattice.parameters();
  const gemmi::SpaceGroup* declared = nullptr;
  const std::vector<gemmi::Op> ops = read_symmetry(b, path, par[3], par[5], declared);
  const std::map<std::string, int> type_ox = read_type_oxidation(b, path);

  for (const char* tag : {"_atom_site_label", "_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"})
    if (!b.find_values(tag)) fail("{}: missing {} in the _atom_site loop", path, tag);
  // gemmi gives element and charge ("Na1+", "O2-"); numbers are re-read strictly from the table
  // (gemmi maps a malformed occupancy to 1).
  const gemmi::SmallStructure st = gemmi::make_small_structure_from_block(b);
  cif::Table raw = b.find("_atom_site_", {"label", "fract_x", "fract_y", "fract_z", "?occupancy"});
  if (raw.length() == 0 || raw.length() != st.sites.size()) fail("{}: no atoms in the _atom_site loop", path);

  std::vector<Row> rows;
  std::map<std::string, size_t> label_row;  // labels name sites in messages and inputs: unique
  for (size_t i = 0; i < st.sites.size(); ++i) {
    const gemmi::SmallStructure::Site& s = st.sites[i];
    if (const auto [it, fresh] = label_row.emplace(s.label, i); !fresh)
      fail("{}: _atom_site_label '{}' is used by rows {} and {}; labels must be unique", path, s.label, it->second + 1, i + 1);
    auto r = raw[i];
    Row row;
    row.label = s.label;
    const std::string where = "_atom_site row '" + s.label + "'";
    for (int k = 0; k < 3; ++k) row.frac[k] = cif_number(r[1 + k], path, where + " fract_" + char('x' + k));
    row.occ.occupancy = r.has2(4) ? cif_number(r[4], path, where + " occupancy") : 1.0;
    if (!(row.occ.occupancy > 0.0 && row.occ.occupancy <= 1.0))
      fail("{}: {}: occupancy {} is outside (0, 1]", path, where, row.occ.occupancy);
    if (s.element == gemmi::El::X)
      fail("{}: {}: unknown element '{}' (_atom_site_type_symbol or label)", path, where, s.type_symbol);
    row.occ.element = gemmi::element_name(s.element);
    // Oxidation state: input override > _atom_type_oxidation_number > charge in the type
    // symbol ("Na1+") > built-in table.
    const auto over = opt.oxidation.find(row.occ.element);
    const auto typ = type_ox.find(s.type_symbol);
    if (over != opt.oxidation.end()) {
      row.occ.oxidation = over->second;
    } else if (typ != type_ox.end()) {
      row.occ.oxidation = typ->second;
    } else if (s.charge != 0) {
      row.occ.oxidation = s.charge;
    } else {
      try {
        row.occ.oxidation = default_oxidation_state(row.occ.element);
      } catch (const Error& e) {
        fail("{}: {}: {}", path, where, e.what());
      }
    }
    row.orbit = expand(row.frac, ops, c.lattice, opt.merge_distance);
    rows.push_back(std::move(row));
  }

  // Rows on the same position (one row's representative on another row's orbit) form one
  // mixed site, e.g. Si1 0.667 + P1 0.333.
  std::vector<int> site_of_row(rows.size(), -1);
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    for (size_t j = 0; j < i && site_of_row[i] < 0; ++j) {
      for (const Vec3& p : rows[j].orbit)
        if (c.lattice.distance(p, r.orbit[0]) < opt.merge_distance) {
          site_of_row[i] = site_of_row[j];
          break;
        }
    }
    if (site_of_row[i] < 0) {
      CrystalSite s;
      s.label = r.label;
      s.frac = r.orbit[0];
      s.occupants.push_back(r.occ);
      c.sites.push_back(s);
      site_of_row[i] = static_cast<int>(c.sites.size()) - 1;
      for (const Vec3& p : r.orbit) c.atoms.push_back({site_of_row[i], p});
      continue;
    }
    CrystalSite& s = c.sites[site_of_row[i]];
    if (r.orbit.size() != static_cast<size_t>(std::count_if(c.atoms.begin(), c.atoms.end(), [&](const CellAtom& a) {
          return a.site == site_of_row[i];
        })))
      fail("{}: rows '{}' and '{}' overlap but have different numbers of positions", path, s.label, r.label);
    if (s.find(r.occ.element))
      fail("{}: rows '{}' and '{}' both put {} on the position {:.4f} {:.4f} {:.4f} (duplicate atom)", path, s.label,
           r.label, r.occ.element, s.frac[0], s.frac[1], s.frac[2]);
    s.occupants.push_back(r.occ);
    c.merged_labels[r.label] = s.label;
  }
  finalize_crystal(c, opt);
  // A different group from spglib is legal (pseudo-symmetry, rounded coordinates) but worth saying.
  if (declared && declared->number != c.symmetry.number)
    log::warn("{}: the file's space group {} (No. {}) differs from the one spglib finds, {} (No. {}), at "
              "tolerance {} Å",
              path, declared->hm, declared->number, c.symmetry.international, c.symmetry.number, opt.symprec);
  return c;
}

}  // namespace ionhop
