// VASP 5 POSCAR/CONTCAR reader (species line required). Atoms that spglib finds equivalent
// become one crystallographic site.
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/core/input_file.hpp"
#include "engine/crystal/elements.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/crystal/spglib_cell.hpp"

namespace ionhop {

namespace {

std::vector<std::string> tokens(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> t;
  for (std::string w; in >> w;) t.push_back(w);
  return t;
}

bool parse_double(const std::string& s, double& x) {
  try {
    size_t used = 0;
    x = std::stod(s, &used);
    return used == s.size() && std::isfinite(x);
  } catch (const std::exception&) {
    return false;
  }
}

class Lines {
 public:
  explicit Lines(const std::string& path) : path_(path) {
    std::istringstream in(read_text_file(path, "structure file"));
    for (std::string l; std::getline(in, l);) lines_.push_back(l);
  }
  // Next line (1-based number in `no`); missing lines are an error naming what was expected.
  const std::string& next(const char* what) {
    if (pos_ >= lines_.size()) fail("{}: file ends at line {} where {} was expected", path_, pos_ + 1, what);
    return lines_[pos_++];
  }
  size_t no() const { return pos_; }  // number of the line last returned
  // The line after the last one read, if it is not blank (a velocity block follows a blank line).
  const std::string* next_nonblank() const {
    if (pos_ >= lines_.size() || lines_[pos_].find_first_not_of(" \t\r") == std::string::npos) return nullptr;
    return &lines_[pos_];
  }
  std::vector<double> numbers(const std::string& line, size_t min_count, const char* what) {
    std::vector<double> v;
    for (const std::string& t : tokens(line)) {
      double x;
      if (!parse_double(t, x)) break;
      v.push_back(x);
    }
    if (v.size() < min_count)
      fail("{}:{}: expected {} number(s) for {}, got '{}'", path_, no(), min_count, what, line);
    return v;
  }

 private:
  std::string path_;
  std::vector<std::string> lines_;
  size_t pos_ = 0;
};

}  // namespace

Crystal read_poscar(const std::string& path, const ReadOptions& opt) {
  Lines in(path);
  Crystal c;
  c.source = path;
  c.title = in.next("the comment line");

  const std::vector<double> scale = in.numbers(in.next("the scale factor"), 1, "the scale factor");
  const size_t scale_line = in.no();
  Mat3 rows{};
  for (int i = 0; i < 3; ++i) {
    const auto v = in.numbers(in.next("a lattice vector"), 3, "a lattice vector");
    rows[i] = {v[0], v[1], v[2]};
  }
  Vec3 sxyz{1.0, 1.0, 1.0};  // VASP: one factor (or -volume), or three Cartesian factors
  if (scale.size() >= 3) {
    for (int k = 0; k < 3; ++k) {
      if (!(scale[k] > 0)) fail("{}:{}: the three scale factors must be > 0", path, scale_line);
      sxyz[k] = scale[k];
    }
  } else if (scale[0] < 0.0) {
    const double v0 = det(rows);
    if (!(v0 > 0.0)) fail("{}:{}: volume scaling needs a right-handed cell of nonzero volume", path, scale_line);
    sxyz = Vec3{1, 1, 1} * std::cbrt(-scale[0] / v0);
  } else if (scale[0] > 0.0) {
    sxyz = Vec3{1, 1, 1} * scale[0];
  } else {
    fail("{}:{}: scale factor must not be zero", path, scale_line);
  }
  for (Vec3& r : rows)
    for (int k = 0; k < 3; ++k) r[k] *= sxyz[k];
  c.lattice.rows = rows;

  const std::string species_line = in.next("the species line");
  std::vector<std::string> species = tokens(species_line);
  double dummy;
  if (species.empty() || parse_double(species[0], dummy))
    fail("{}:{}: no species line: VASP 4 POSCAR format is not supported; add the element names (VASP 5) "
         "above the atom counts",
         path, in.no());
  for (std::string& s : species) {
    s = s.substr(0, s.find_first_of("_/"));  // POTCAR labels such as Na_pv, Li_sv/hash
    if (!is_element_symbol(s)) fail("{}:{}: unknown element '{}' in the species line", path, in.no(), s);
  }
  const std::string counts_line = in.next("the atom counts");
  const std::vector<std::string> counts_tok = tokens(counts_line);
  if (counts_tok.size() != species.size())
    fail("{}:{}: {} atom counts for {} species", path, in.no(), counts_tok.size(), species.size());
  std::vector<int> counts;
  for (const std::string& t : counts_tok) {
    double x;
    if (!parse_double(t, x) || x != std::floor(x) || x < 1 || x > 1e7)
      fail("{}:{}: atom count '{}' is not a positive integer", path, in.no(), t);
    counts.push_back(static_cast<int>(x));
  }
  std::string mode = in.next("the coordinate mode (Direct or Cartesian)");
  const auto first = [](const std::string& l) {
    const auto t = tokens(l);
    return t.empty() ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(t[0][0])));
  };
  if (first(mode) == 's') mode = in.next("the coordinate mode (Direct or Cartesian)");  // Selective dynamics
  const char m = first(mode);
  if (m != 'd' && m != 'c' && m != 'k')
    fail("{}:{}: expected 'Direct' or 'Cartesian', got '{}'", path, in.no(), mode);
  const bool cartesian = m != 'd';

  std::map<std::string, int> n_el;
  for (size_t s = 0; s < species.size(); ++s) {
    int ox = 0;
    const auto over = opt.oxidation.find(species[s]);
    if (over != opt.oxidation.end()) {
      ox = over->second;
    } else {
      try {
        ox = default_oxidation_state(species[s]);
      } catch (const Error& e) {
        fail("{}: {}", path, e.what());
      }
    }
    for (int i = 0; i < counts[s]; ++i) {
      const auto v = in.numbers(in.next("an atom position"), 3, "an atom position");
      Vec3 p{v[0], v[1], v[2]};
      if (cartesian) p = c.lattice.to_frac({p[0] * sxyz[0], p[1] * sxyz[1], p[2] * sxyz[2]});
      CrystalSite site;
      site.label = species[s] + std::to_string(++n_el[species[s]]);
      site.occupants.push_back({species[s], 1.0, ox});
      site.frac = p;
      c.sites.push_back(site);
      c.atoms.push_back({static_cast<int>(c.sites.size()) - 1, p});
    }
  }
  // A position line right after the last atom means the counts line is short of atoms (the extra
  // atoms would be dropped silently); VASP separates a velocity block by a blank line.
  if (const std::string* extra = in.next_nonblank(); extra && in.numbers(*extra, 0, "").size() >= 3)
    fail("{}:{}: a position line after the {} atoms of the counts line '{}': the counts do not match the positions",
         path, in.no() + 1, c.atoms.size(), counts_line);
  finalize_crystal(c, opt);  // validates with one site per atom (messages name the atoms)
  group_sites_by_symmetry(c, opt.symprec);
  finalize_crystal(c, opt);
  return c;
}

}  // namespace ionhop
