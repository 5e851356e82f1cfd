// Reading `ionhop run` input files: a valid file, and errors that name the file, line and key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "engine/app/run_input.hpp"
#include "engine/core/error.hpp"

using namespace ionhop;
namespace fs = std::filesystem;

namespace {

const char* kValid = R"(
[structure]
file = "structures/nasicon_Na3Zr2Si2PO12.cif"
mobile = "Na"
supercell = [2, 2, 1]
[composition]
placement = "random"
[model]
file = "potentials/nasicon_lattice_gas.toml"
[kmc]
temperatures = [500, 600.5]
replicas = 4
seed = 7
production_time = 1e-6
samples = 10
[output]
prefix = "x"
formats = ["csv"]
)";

fs::path write_input(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("ionhop_test_input_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

// Replace the first occurrence of `from` in the valid input.
std::string variant(const std::string& from, const std::string& to) {
  std::string s = kValid;
  const auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return s.replace(pos, from.size(), to);
}

std::string error_of(const std::string& text) {
  const fs::path p = write_input("bad.toml", text);
  try {
    app::read_run_input(p.string());
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(RunInput, ValidFileIsRead) {
  const fs::path p = write_input("ok.toml", kValid);
  const app::RunInput in = app::read_run_input(p.string());
  EXPECT_EQ(in.network.species, "Na");
  EXPECT_EQ(in.supercell, (std::array<int, 3>{2, 2, 1}));
  EXPECT_TRUE(fs::exists(in.structure_file));
  EXPECT_TRUE(fs::exists(in.model_file));
  ASSERT_EQ(in.kmc.temperatures.size(), 2u);
  EXPECT_EQ(in.kmc.temperatures[1], 600.5);
  EXPECT_EQ(in.kmc.replicas, 4);
  EXPECT_EQ(in.kmc.seed, 7u);
  EXPECT_EQ(in.kmc.production_time, 1e-6);
  EXPECT_EQ(in.kmc.samples, 10);
  EXPECT_FALSE(in.output.hdf5);
  EXPECT_TRUE(in.output.csv);
  EXPECT_EQ(in.output.prefix, "x");
  EXPECT_EQ(in.composition.placement, "random");
}

TEST(RunInput, UnknownKeysNameTheKey) {
  const std::string e1 = error_of(variant("seed = 7", "seed = 7\nreplica = 3"));
  EXPECT_NE(e1.find("kmc.replica"), std::string::npos) << e1;
  EXPECT_NE(e1.find("unknown key"), std::string::npos) << e1;
  EXPECT_NE(e1.find("bad.toml:"), std::string::npos) << e1;  // file and line
  const std::string e2 = error_of(std::string(kValid) + "[mc]\nsteps = 3\n");
  EXPECT_NE(e2.find("'mc'"), std::string::npos) << e2;
  const std::string e3 = error_of(variant("mobile = \"Na\"", "mobile = \"Na\"\nsupercel = [1, 1, 1]"));
  EXPECT_NE(e3.find("structure.supercel"), std::string::npos) << e3;
  const std::string e4 = error_of(variant("placement = \"random\"", "placement = \"random\"\nion = 3"));
  EXPECT_NE(e4.find("ion"), std::string::npos) << e4;
}

TEST(RunInput, BadValuesNameTheKey) {
  auto expect_names = [](const std::string& text, const std::string& key) {
    const std::string e = error_of(text);
    EXPECT_NE(e.find(key), std::string::npos) << "expected '" << key << "' in: " << e;
  };
  expect_names(variant("replicas = 4", "replicas = \"four\""), "kmc.replicas");
  expect_names(variant("replicas = 4", "replicas = 0"), "kmc.replicas");
  expect_names(variant("[500, 600.5]", "[500, -1]"), "kmc.temperatures");
  expect_names(variant("[500, 600.5]", "[]"), "kmc.temperatures");
  expect_names(variant("supercell = [2, 2, 1]", "supercell = [2, 2]"), "structure.supercell");
  expect_names(variant("supercell = [2, 2, 1]", "supercell = [2, 1.5, 1]"), "structure.supercell");
  expect_names(variant("samples = 10", "samples = 2"), "kmc.samples");
  expect_names(variant("production_time = 1e-6", "production_time = 1e-6\nproduction_hops_per_ion = 5"),
               "kmc.production_time");
  expect_names(variant("formats = [\"csv\"]", "formats = [\"xlsx\"]"), "output.formats");
  expect_names(variant("prefix = \"x\"", "prefix = \"a/b\""), "output.prefix");
  expect_names(variant("seed = 7", "seed = -7"), "kmc.seed");
}

TEST(RunInput, MissingFilesAndKeysAreNamed) {
  {
    const std::string e = error_of(variant("structures/nasicon_Na3Zr2Si2PO12.cif", "no_such.cif"));
    EXPECT_NE(e.find("structure.file"), std::string::npos) << e;
    EXPECT_NE(e.find("no_such.cif"), std::string::npos) << e;
  }
  const std::string m = error_of(variant("potentials/nasicon_lattice_gas.toml", "nope.toml"));
  EXPECT_NE(m.find("model.file"), std::string::npos) << m;
  const std::string k = error_of(variant("mobile = \"Na\"", ""));
  EXPECT_NE(k.find("structure.mobile"), std::string::npos) << k;
  const std::string t = error_of("[kmc\n");
  EXPECT_NE(t.find("not valid TOML"), std::string::npos) << t;
  const std::string f = error_of(variant("[model]", "model = 3\n[modelx]"));
  EXPECT_NE(f.find("model"), std::string::npos) << f;
}

TEST(RunInput, RelativePathsResolveAgainstTheInputFolder) {
  const fs::path p = write_input("beside.toml", variant("structures/nasicon_Na3Zr2Si2PO12.cif", "local.cif"));
  fs::copy_file(IONHOP_REPO_DIR "/structures/nasicon_Na3Zr2Si2PO12.cif", p.parent_path() / "local.cif",
                fs::copy_options::overwrite_existing);
  const fs::path elsewhere = fs::temp_directory_path();
  const auto cwd = fs::current_path();
  fs::current_path(elsewhere);
  const app::RunInput in = app::read_run_input(p.string());
  fs::current_path(cwd);
  EXPECT_EQ(fs::path(in.structure_file), p.parent_path() / "local.cif");
}
