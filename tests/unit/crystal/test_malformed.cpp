// Every malformed fixture must fail through ionhop::Error with a message that names the file
// and the specific problem.
#include <gtest/gtest.h>

#include "crystal_test_util.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"

using namespace ionhop;

namespace {
struct Case {
  const char* file;
  const char* message;  // substring the error must contain
};

const Case kCases[] = {
    {"missing_cell.cif", "missing cell parameter _cell_length_a"},
    {"zero_volume.cif", "cell volume is zero"},
    {"negative_length.cif", "_cell_length_a = -5 must be > 0"},
    {"bad_number.cif", "row 'Na1' fract_x: '0.2x5' is not a number"},
    {"unknown_element.cif", "unknown element 'Xx'"},
    {"occupancy_above_one.cif", "occupancy 1.2 is outside (0, 1]"},
    {"occupancy_zero.cif", "occupancy 0 is outside (0, 1]"},
    {"occupancy_sum.cif", "occupancies sum to 1.2000 > 1"},
    {"overlap.cif", "'Na1' at (0.0000, 0.0000, 0.0000) and 'Cl1' at (0.0500, 0.0000, 0.0000) are 0.250 Å apart"},
    {"duplicate_rows.cif", "rows 'Na1' and 'Na2' both put Na on the position"},
    {"no_atoms.cif", "no _atom_site loop"},
    {"unknown_space_group.cif", "unknown space group 'Q 9 z'"},
    {"bad_symop.cif", "bad symmetry operation 'x, y, w'"},
    {"syntax_error.cif", "CIF syntax error"},
    {"missing_fract_z.cif", "missing _atom_site_fract_z"},
    {"no_oxidation_state.cif", "no default oxidation state for element 'Pr'"},
    {"fractional_oxidation.cif", "only integer oxidation states"},
    {"self_image.cif", "its own periodic image"},
    {"POSCAR_vasp4", "VASP 4 POSCAR format is not supported"},
    {"POSCAR_truncated", "file ends at line 10 where an atom position was expected"},
    {"POSCAR_bad_mode", ":8: expected 'Direct' or 'Cartesian', got 'Fractional'"},
    {"POSCAR_zero_volume", "cell volume is zero"},
    {"POSCAR_left_handed", "cell is left-handed"},
    {"POSCAR_unknown_element", ":6: unknown element 'Qq'"},
    {"POSCAR_count_mismatch", ":7: 2 atom counts for 1 species"},
    {"POSCAR_bad_position", ":9: expected 3 number(s) for an atom position"},
    {"POSCAR_overlap", "are 0.300 Å apart"},
    {"structure.xyz", "unknown structure file type"},
    {"does_not_exist.cif", "no such file"},
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

class Malformed : public ::testing::TestWithParam<Case> {};
}  // namespace

TEST_P(Malformed, ThrowsErrorNamingFileAndProblem) {
  const Case& c = GetParam();
  const std::string path = ionhop::test::malformed(c.file);
  try {
    read_structure(path);
    FAIL() << c.file << " was accepted";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.message), std::string::npos) << "expected '" << c.message << "' in: " << msg;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Malformed, ::testing::ValuesIn(kCases), [](const auto& info) {
  std::string n = info.param.file;
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
});

// Structures built in code go through the same validation.
TEST(FinalizeCrystal, RejectsBadCodeBuiltCrystals) {
  Crystal c;
  c.source = "built-in-test";
  c.lattice = Lattice::from_parameters(4, 4, 4, 90, 90, 90);
  ReadOptions opt;
  EXPECT_THROW(finalize_crystal(c, opt), Error);  // no atoms
  c.sites.push_back({"Na1", {{"Na", 1.0, 1}}, {0, 0, 0}});
  c.atoms.push_back({0, {0, 0, 0}});
  EXPECT_NO_THROW(finalize_crystal(c, opt));
  EXPECT_EQ(c.symmetry.number, 221);
  c.sites.push_back({"Na2", {{"Na", 0.5, 1}}, {0, 0, 0}});
  c.atoms.push_back({1, {1e-5, 0, 0}});
  try {
    finalize_crystal(c, opt);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("built-in-test: sites 'Na1' and 'Na2' share the position"), std::string::npos)
        << e.what();
  }
  c.atoms.pop_back();
  c.sites.pop_back();
  c.sites[0].occupants[0].element = "NA";
  EXPECT_THROW(finalize_crystal(c, opt), Error);
}
