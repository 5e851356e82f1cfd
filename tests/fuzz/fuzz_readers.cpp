// Seeded mutation fuzzing of the input readers (issue 17): the shipped structures, test fixtures,
// example input, model files and force fields, mutated byte-wise (flips, deletions, duplicated and
// spliced chunks, inserted tokens such as "[[", "nan", "1e308", long digit runs), are fed to the
// CIF, POSCAR, run-input, MD-input, model-file and force-field readers. Each must either accept the
// input or throw ionhop::Error; any other exception, a crash, a sanitizer report or a hang
// (ctest TIMEOUT) is a failure. The failing input is kept in the working folder to reproduce.
//
//   fuzz_readers REPO_DIR [SECONDS=30] [SEED=1]
// Deterministic for a seed (the mutations), bounded by SECONDS of wall time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/app/md_input.hpp"
#include "engine/app/run_input.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/read_structure.hpp"
#include "engine/md/force_field.hpp"
#include "engine/models/model_spec.hpp"

namespace fs = std::filesystem;
using namespace ionhop;

namespace {

struct Target {
  std::string name;
  std::string file_name;  // readers choose the format by name
  std::vector<std::string> seeds;
  std::function<void(const std::string&)> read;
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::vector<std::string> files(const fs::path& dir, const std::function<bool(const std::string&)>& keep) {
  std::vector<std::string> out;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && keep(e.path().filename().string())) paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());  // directory order is not reproducible
  for (const auto& p : paths) out.push_back(slurp(p));
  return out;
}

const char* const kTokens[] = {"[",     "]",  "{",    "}",     "[[",       "=",   "\"",   "'''",  "nan",
                                "inf",   "-0", "1e308", "-1e308", "0",       "\n",  "#",    "loop_", "_atom_site_label",
                                "?",     ".",  ";",    "Direct", "Cartesian", "1.0", "9999999999999999999999", "\t"};

std::string mutate(const std::vector<std::string>& seeds, std::mt19937_64& rng) {
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % std::max<std::size_t>(n, 1)); };
  std::string s = seeds[pick(seeds.size())];
  const int n_mut = 1 + static_cast<int>(rng() % 8);
  for (int m = 0; m < n_mut && !s.empty(); ++m) {
    const std::size_t at = pick(s.size());
    switch (rng() % 7) {
      case 0: s[at] = static_cast<char>(rng() % 256); break;                       // random byte
      case 1: s.erase(at, 1 + pick(64)); break;                                    // delete a chunk
      case 2: s.insert(at, kTokens[pick(std::size(kTokens))]); break;              // token
      case 3: s.insert(at, s.substr(pick(s.size()), 1 + pick(200))); break;        // duplicate a chunk
      case 4: {                                                                    // splice another seed
        const std::string& o = seeds[pick(seeds.size())];
        s = s.substr(0, at) + o.substr(pick(o.size()));
        break;
      }
      case 5: s.insert(at, std::string(1 + pick(300), "[{9 \n"[pick(5)])); break;   // a run of one character
      default: {                                                                   // swap two lines
        const std::size_t a = s.find('\n', at), b = a == std::string::npos ? a : s.find('\n', a + 1);
        if (b != std::string::npos) std::swap(s[a + 1], s[b - 1 > a ? b - 1 : a]);
      }
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: fuzz_readers REPO_DIR [SECONDS] [SEED]\n";
    return 2;
  }
  const fs::path repo = argv[1];
  double seconds = argc > 2 ? std::stod(argv[2]) : 30;
  if (const char* env = std::getenv("IONHOP_FUZZ_SECONDS")) seconds = std::stod(env);  // CI's repeat runs: shorter
  const std::uint64_t seed = argc > 3 ? std::stoull(argv[3]) : 1;
  auto is_cif = [](const std::string& n) { return n.size() > 4 && n.substr(n.size() - 4) == ".cif"; };
  auto is_poscar = [](const std::string& n) { return n.rfind("POSCAR", 0) == 0 || n.find(".vasp") != std::string::npos; };
  auto is_toml = [](const std::string& n) { return n.size() > 5 && n.substr(n.size() - 5) == ".toml"; };
  std::vector<std::string> cifs = files(repo / "structures", is_cif), poscars = files(repo / "tests/data/valid", is_poscar);
  for (auto& s : files(repo / "tests/data/valid", is_cif)) cifs.push_back(s);
  for (auto& s : files(repo / "tests/data/malformed", is_cif)) cifs.push_back(s);
  for (auto& s : files(repo / "tests/data/malformed", is_poscar)) poscars.push_back(s);
  std::vector<std::string> models, force_fields;
  for (const auto& e : fs::directory_iterator(repo / "potentials")) {
    if (!is_toml(e.path().filename().string())) continue;
    const std::string text = slurp(e.path());
    (text.find("[[pair]]") != std::string::npos && text.find("[charges]") != std::string::npos ? force_fields : models)
        .push_back(text);
  }
  const std::string example = slurp(repo / "examples/nasicon/input.toml");
  const std::string cif_path = (repo / "structures/nasicon_Na3Zr2Si2PO12.cif").string();
  const std::string md_seed = "[structure]\nfile = \"" + cif_path + "\"\nsupercell = [3, 3, 1]\n[md]\npotential = \"" +
                              (repo / "potentials/teter_du_buckingham.toml").string() +
                              "\"\nmobile = \"Na\"\ntemperature = [600, 900]\nsteps = 100\n[output]\nprefix = \"f\"\n";
  std::vector<Target> targets = {
      {"cif", "fuzz.cif", cifs, [](const std::string& p) { (void)read_structure(p); }},
      {"poscar", "POSCAR_fuzz", poscars, [](const std::string& p) { (void)read_structure(p); }},
      {"run input", "fuzz_input.toml", {example}, [](const std::string& p) { (void)app::read_run_input(p); }},
      {"md input", "fuzz_md.toml", {md_seed}, [](const std::string& p) { (void)app::read_md_input(p); }},
      {"model file", "fuzz_model.toml", models, [](const std::string& p) { (void)read_model_file(p); }},
      {"force field", "fuzz_ff.toml", force_fields, [](const std::string& p) { (void)md::read_force_field(p); }},
  };
  // Warnings of accepted inputs are not what is tested: stderr goes to /dev/null, results to stdout.
  if (!std::freopen("/dev/null", "w", stderr)) std::perror("fuzz_readers: /dev/null");
  // Relative names in the example input resolve against the shipped data.
  setenv("IONHOP_DATA_DIR", repo.c_str(), 0);
  std::mt19937_64 rng(seed);
  const auto start = std::chrono::steady_clock::now();
  long runs = 0;
  std::vector<long> accepted(targets.size()), refused(targets.size());
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < seconds) {
    for (std::size_t t = 0; t < targets.size(); ++t) {
      Target& tg = targets[t];
      if (tg.seeds.empty()) continue;
      const std::string input = mutate(tg.seeds, rng);
      {
        std::ofstream f(tg.file_name, std::ios::binary | std::ios::trunc);
        f << input;
      }
      try {
        tg.read(tg.file_name);
        ++accepted[t];
      } catch (const Error&) {
        ++refused[t];
      } catch (const std::exception& e) {
        std::cout << "FAIL: " << tg.name << " reader threw " << typeid(e).name() << " (not ionhop::Error): " << e.what()
                  << "\n  input kept as " << fs::absolute(tg.file_name) << " (seed " << seed << ", run " << runs << ")\n";
        return 1;
      }
      ++runs;
    }
  }
  for (std::size_t t = 0; t < targets.size(); ++t) {
    std::printf("%-12s %7ld inputs: %6ld accepted, %6ld refused with a message\n", targets[t].name.c_str(),
                accepted[t] + refused[t], accepted[t], refused[t]);
    std::remove(targets[t].file_name.c_str());
  }
  std::printf("ok: %ld mutated inputs in %.0f s (seed %llu), every one accepted or refused with ionhop::Error\n", runs,
              seconds, static_cast<unsigned long long>(seed));
  return 0;
}
