// `ionhop info STRUCTURE --mobile Na`: structure, symmetry, mobile sites, hop classes with
// bottlenecks and percolation, as text or JSON (--json).
#include <memory>

#include <fmt/core.h>

#include "engine/app/commands.hpp"
#include "engine/app/info_report.hpp"
#include "engine/core/data_path.hpp"
#include "engine/core/error.hpp"
#include "engine/crystal/elements.hpp"
#include "engine/crystal/read_structure.hpp"

namespace ionhop::app {

namespace {

struct InfoArgs {
  std::string path, species;
  double cutoff = 0;
  double min_bottleneck = 0;
  bool min_bottleneck_given = false;
  double symprec = 1e-3;
  std::vector<std::string> sites, oxidation;
  bool json = false;
};

double parse_number(const std::string& s, const std::string& what) {
  try {
    size_t used = 0;
    const double v = std::stod(s, &used);
    if (used != s.size()) throw std::invalid_argument(s);
    return v;
  } catch (const std::exception&) {
    fail("{}: '{}' is not a number", what, s);
  }
}

Vec3 parse_site(const std::string& s) {
  Vec3 f{};
  size_t start = 0;
  for (int k = 0; k < 3; ++k) {
    const size_t comma = s.find(',', start);
    if ((k < 2) != (comma != std::string::npos)) fail("--site '{}': expected three fractional coordinates x,y,z", s);
    f[k] = parse_number(s.substr(start, k < 2 ? comma - start : std::string::npos), "--site '" + s + "'");
    start = comma + 1;
  }
  return f;
}

void run_info(const InfoArgs& a) {
  ReadOptions ro;
  ro.symprec = a.symprec;
  if (!(a.symprec > 0 && a.symprec < 1)) fail("--symprec must be in (0, 1) Å, got {}", a.symprec);
  for (const auto& o : a.oxidation) {
    const size_t eq = o.find('=');
    if (eq == std::string::npos || eq == 0) fail("--oxidation '{}': expected Element=charge, e.g. Zr=4", o);
    const double q = parse_number(o.substr(eq + 1), "--oxidation '" + o + "'");
    if (q != static_cast<int>(q)) fail("--oxidation '{}': the charge must be an integer", o);
    if (!is_element_symbol(o.substr(0, eq))) fail("--oxidation '{}': '{}' is not an element symbol", o, o.substr(0, eq));
    ro.oxidation[o.substr(0, eq)] = static_cast<int>(q);
  }
  // options first, then the structure (NaN is "not given" only for --min-bottleneck's default)
  if (!(a.cutoff >= 0 && a.cutoff <= 30)) fail("--cutoff must be in [0, 30] Å (0 = automatic), got {}", a.cutoff);
  if (a.min_bottleneck_given && !(a.min_bottleneck >= 0))
    fail("--min-bottleneck must be >= 0 Å (a bottleneck radius), got {}", a.min_bottleneck);
  const Crystal crystal = read_structure(resolve_input_path(a.path), ro);

  NetworkOptions no;
  no.species = a.species;
  no.cutoff = a.cutoff;
  if (a.min_bottleneck_given) no.min_bottleneck = a.min_bottleneck;
  for (const auto& s : a.sites) no.extra_sites.push_back(parse_site(s));
  const SiteNetwork net = build_network(crystal, no);

  const nlohmann::json report = info_json(crystal, net);
  if (a.json)
    fmt::print("{}\n", report.dump(2));
  else
    fmt::print("{}", info_text(report));
}

}  // namespace

void add_info_command(CLI::App& app) {
  auto args = std::make_shared<InfoArgs>();
  CLI::App* cmd = app.add_subcommand("info", "Structure, symmetry, mobile-ion sites, hops, bottlenecks and percolation");
  cmd->add_option("structure", args->path, "Structure file (CIF or VASP POSCAR); shipped ones by relative path")->required();
  cmd->add_option("--mobile", args->species, "Mobile species, e.g. Na or Li")->required();
  cmd->add_option("--cutoff", args->cutoff, "Hop cutoff in Å (default: automatic from the distance spectrum)");
  cmd->add_option_function<double>(
      "--min-bottleneck",
      [args](double v) {
        args->min_bottleneck = v;
        args->min_bottleneck_given = true;
      },
      "Drop hops whose bottleneck radius (Å) is smaller");
  cmd->add_option("--symprec", args->symprec, "Symmetry tolerance for spglib, Å")->capture_default_str();
  cmd->add_option("--site", args->sites, "Add a mobile site x,y,z (fractional; symmetry copies added); repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--oxidation", args->oxidation, "Oxidation state override El=q, e.g. Zr=4; repeatable")
      ->allow_extra_args(false);
  cmd->add_flag("--json", args->json, "Print the report as JSON (keys in doc/info-output.md)");
  cmd->callback([args] { run_info(*args); });
}

}  // namespace ionhop::app
