// End to end: `ionhop md` on NASICON 3x3x1 (short run) writes its thermo table and JSON with the
// transport and hop sections; `ionhop export-lammps` writes a data file and input that LAMMPS runs.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/app/commands.hpp"

namespace {

std::string scratch(const std::string& name) {
  const auto d = std::filesystem::temp_directory_path() / name;
  std::filesystem::create_directories(d);
  return d.string();
}

void run_cli(std::vector<std::string> args) {
  CLI::App app;
  ionhop::app::add_md_command(app);
  ionhop::app::add_export_lammps_command(app);
  std::reverse(args.begin(), args.end());
  app.parse(args);
}

TEST(MdCli, ShortNasiconRunWritesTransportAndHops) {
  const std::string dir = scratch("ionhop_md_cli");
  const std::string in = dir + "/in.toml";
  std::ofstream(in) << "[structure]\nfile = \"" << IONHOP_REPO_DIR << "/structures/nasicon_Na3Zr2Si2PO12.cif\"\n"
                    << "supercell = [3, 3, 1]\n[md]\npotential = \"" << IONHOP_REPO_DIR
                    << "/potentials/teter_du_buckingham.toml\"\nmobile = \"Na\"\ncutoff = 9.0\ntemperature = 1500\n"
                       "steps = 400\nequilibration_steps = 50\nthermo_every = 50\nsample_every = 10\nblocks = 2\n"
                       "[output]\nprefix = \"t\"\nxyz_every = 200\nh5_every = 200\n";
  run_cli({"md", in, "-o", dir});
  std::ifstream js(dir + "/t_md.json");
  ASSERT_TRUE(js.good());
  const auto j = nlohmann::json::parse(js);
  EXPECT_EQ(j["atoms"], 1080);
  EXPECT_EQ(j["n_ions"], 162);
  EXPECT_GT(j["D_tracer_cm2_s"]["value"].get<double>(), 0.0);
  EXPECT_TRUE(j.contains("hops"));
  EXPECT_EQ(j["hops"]["per_class"].size(), 1u);  // NASICON Na network: one class, Na1-Na2
  EXPECT_EQ(j["hops"]["per_class"][0]["sites"], "Na1-Na2");
  std::ifstream xyz(dir + "/t.xyz");
  std::string first;
  std::getline(xyz, first);
  EXPECT_EQ(first, "1080");
  EXPECT_GT(std::filesystem::file_size(dir + "/t_traj.h5"), 3 * 1080 * 8u * 3);  // 3 frames of positions
}

// [composition] as in `ionhop run`: Sc on 10 % of the 108 Zr of NASICON 3x3x1 (round(10.8) = 11),
// 11 more Na for neutrality (162 + 11), and a dopant the potential lacks is an error naming both.
std::string doped_input(const std::string& dir, const std::string& potential) {
  const std::string in = dir + "/in_" + potential;
  std::ofstream(in) << "[structure]\nfile = \"" << IONHOP_REPO_DIR << "/structures/nasicon_Na3Zr2Si2PO12.cif\"\n"
                    << "supercell = [3, 3, 1]\n[composition]\ndopants = [{ host = \"Zr\", dopant = \"Sc\", "
                       "fraction = 0.1, oxidation = 3 }]\n[md]\npotential = \""
                    << IONHOP_REPO_DIR << "/potentials/" << potential
                    << "\"\nmobile = \"Na\"\ncutoff = 7.0\ntemperature = 600\nsteps = 20\nequilibration_steps = 0\n"
                       "thermo_every = 10\nsample_every = 1\nblocks = 2\n[output]\nprefix = \"d\"\n";
  return in;
}

TEST(MdCli, CompositionDopantsInMd) {
  const std::string dir = scratch("ionhop_md_cli_doped");
  run_cli({"md", doped_input(dir, "pedone2006.toml"), "-o", dir});
  std::ifstream js(dir + "/d_md.json");
  ASSERT_TRUE(js.good());
  const auto j = nlohmann::json::parse(js);
  EXPECT_EQ(j["atoms"], 1080 + 11);
  EXPECT_EQ(j["n_ions"], 173);
  try {
    run_cli({"md", doped_input(dir, "teter_du_buckingham.toml"), "-o", dir});
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("'Sc'"), std::string::npos) << m;
    EXPECT_NE(m.find("teter_du_buckingham.toml"), std::string::npos) << m;
  }
}

TEST(MdCli, ExportLammpsRunsInLammps) {
  const std::string dir = scratch("ionhop_export_lammps");
  const std::string prefix = dir + "/nasicon";
  run_cli({"export-lammps", std::string(IONHOP_REPO_DIR) + "/structures/nasicon_Na3Zr2Si2PO12.cif", "--supercell", "3",
           "3", "1", "-o", prefix});
  std::ifstream data(prefix + ".data");
  ASSERT_TRUE(data.good());
  std::string line;
  std::getline(data, line);
  std::getline(data, line);
  std::getline(data, line);
  EXPECT_EQ(line, "1080 atoms");
  if (std::system("command -v lmp >/dev/null 2>&1") != 0) GTEST_SKIP() << "lmp not installed";
  std::ofstream(prefix + ".in", std::ios::app) << "run 0\n";
  const std::string cmd = "cd '" + dir + "' && lmp -in nasicon.in -log log.lammps -screen none -nocite";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

}  // namespace
